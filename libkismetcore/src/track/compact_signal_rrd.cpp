// The signal RRD's log of two seconds, its replay into Kismet's minute RRD, and the move to dense storage.
#include "kismetcore/track/compact_signal_rrd.h"

#include <limits>
#include <new>
#include <utility>

namespace kismetcore::track {

namespace {

// A reading the log can hold exactly: a whole number that fits its 16 bits.
bool fits_log(double value) noexcept {
    return value >= std::numeric_limits<std::int16_t>::min() && value <= std::numeric_limits<std::int16_t>::max() &&
           static_cast<double>(static_cast<std::int16_t>(value)) == value;
}

}  // namespace

CompactSignalRrd::~CompactSignalRrd() {
    destroy();
}

void CompactSignalRrd::destroy() noexcept {
    if (dense_) dense_rrd_.~unique_ptr();
    // The log is trivially destructible.
}

CompactSignalRrd::CompactSignalRrd(const CompactSignalRrd& other) : log_() {
    if (!other.dense_) {
        log_ = other.log_;
        return;
    }
    new (&dense_rrd_) std::unique_ptr<SignalRrd>(std::make_unique<SignalRrd>(*other.dense_rrd_));
    dense_ = true;
}

CompactSignalRrd& CompactSignalRrd::operator=(const CompactSignalRrd& other) {
    if (this != &other) *this = CompactSignalRrd(other);
    return *this;
}

CompactSignalRrd::CompactSignalRrd(CompactSignalRrd&& other) noexcept : log_() {
    if (!other.dense_) {
        log_ = other.log_;
        return;
    }
    new (&dense_rrd_) std::unique_ptr<SignalRrd>(std::move(other.dense_rrd_));
    dense_ = true;
}

CompactSignalRrd& CompactSignalRrd::operator=(CompactSignalRrd&& other) noexcept {
    if (this == &other) return *this;
    destroy();
    dense_ = false;
    new (&log_) Log();
    if (!other.dense_) {
        log_ = other.log_;
    } else {
        new (&dense_rrd_) std::unique_ptr<SignalRrd>(std::move(other.dense_rrd_));
        dense_ = true;
    }
    return *this;
}

void CompactSignalRrd::add_sample(double value, std::uint64_t time) {
    if (!dense_) {
        if (log_sample(value, time)) return;
        make_dense();
    }
    dense_rrd_->add_sample(value, time);
}

bool CompactSignalRrd::log_sample(double value, std::uint64_t time) noexcept {
    if (!fits_log(value)) return false;
    const auto reading = static_cast<std::int16_t>(value);
    Log& log = log_;
    Second* second = nullptr;
    if (log.count == 0) {
        log.first_time = time;
        second = &log.seconds[log.count++];
    } else {
        const std::uint64_t last_time = log.first_time + (log.count == 2 ? log.second_offset : 0);
        if (time < last_time) return false;  // a late sample
        if (time == last_time) {
            second = &log.seconds[log.count - 1];
        } else {
            if (log.count == kLoggedSeconds || time - log.first_time > std::numeric_limits<std::uint32_t>::max())
                return false;
            log.second_offset = static_cast<std::uint32_t>(time - log.first_time);
            second = &log.seconds[log.count++];
        }
    }
    switch (second->samples) {
        case 0:
            second->first = reading;
            break;
        case 1:
            second->last = reading;
            break;
        case 2:
            second->middle = second->last;
            second->last = reading;
            break;
        default:
            second->middle =
                static_cast<std::int16_t>(PeakSignalAggregator::combine_element(second->middle, second->last));
            second->last = reading;
            break;
    }
    if (second->samples < 3) ++second->samples;
    return true;
}

void CompactSignalRrd::replay(SignalRrd& rrd) const noexcept {
    for (std::size_t i = 0; i < log_.count; ++i) {
        const Second& second = log_.seconds[i];
        const std::uint64_t time = log_.first_time + (i == 0 ? 0 : log_.second_offset);
        rrd.add_sample(second.first, time);
        if (second.samples >= 3) rrd.add_sample(second.middle, time);
        if (second.samples >= 2) rrd.add_sample(second.last, time);
    }
}

const SignalRrd* CompactSignalRrd::view(SignalRrd& scratch) const noexcept {
    if (dense_) return dense_rrd_.get();
    if (log_.count == 0) return nullptr;
    scratch = SignalRrd{};
    replay(scratch);
    return &scratch;
}

void CompactSignalRrd::make_dense() {
    auto rrd = std::make_unique<SignalRrd>();
    replay(*rrd);
    new (&dense_rrd_) std::unique_ptr<SignalRrd>(std::move(rrd));
    dense_ = true;
}

}  // namespace kismetcore::track
