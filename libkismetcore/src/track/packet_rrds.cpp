// The packet RRDs' log of seconds, its replay into Kismet's dense RRDs, and the move to dense storage.
#include "kismetcore/track/packet_rrds.h"

#include <limits>
#include <new>

namespace kismetcore::track {

namespace {

constexpr std::size_t index_of(PacketRrds::Kind kind) noexcept {
    return static_cast<std::size_t>(kind);
}

}  // namespace

PacketRrds::~PacketRrds() {
    if (dense_)
        storage_.dense.~Dense();
    else
        storage_.log.~Log();
}

void PacketRrds::add_packet(std::uint64_t now, Direction direction, bool data, std::uint64_t data_size) {
    if (!dense_) {
        if (log_packet(now, direction, data, data_size)) return;
        make_dense();
    }
    add_dense(now, direction, data, data_size);
}

bool PacketRrds::log_packet(std::uint64_t now, Direction direction, bool data, std::uint64_t data_size) noexcept {
    Log& log = storage_.log;
    if (logged_seconds_ == 0) log.first_time = now;
    if (now < log.first_time || now - log.first_time > std::numeric_limits<std::uint32_t>::max()) return false;
    const auto offset = static_cast<std::uint32_t>(now - log.first_time);
    if (data && data_size > std::numeric_limits<std::uint16_t>::max()) return false;
    const auto size = static_cast<std::uint16_t>(data ? data_size : 0);

    Second* second = logged_seconds_ == 0 ? nullptr : &log.seconds[logged_seconds_ - 1];
    if (second != nullptr && offset < second->offset) return false;  // the clock went back: a late sample
    if (second == nullptr || offset > second->offset) {
        if (logged_seconds_ == kLoggedSeconds) return false;
        second = &log.seconds[logged_seconds_++];
        *second = Second{};
        second->offset = offset;
    }

    // A second too busy for its entry; a fresh entry always takes one packet. Every packet counts in packets.rrd,
    // and in at most one of tx and rx.
    constexpr std::uint8_t kFull = std::numeric_limits<std::uint8_t>::max();
    auto& samples = second->samples;
    const std::size_t way = index_of(direction == Direction::tx ? Kind::tx_packets : Kind::rx_packets);
    const bool counted_way = direction != Direction::neither;
    if (samples[index_of(Kind::packets)] == kFull || (counted_way && samples[way] == kFull)) return false;
    if (data) {
        if (samples[index_of(Kind::datasize)] == kFull) return false;
        if (second->size_sum > std::numeric_limits<std::uint32_t>::max() - size) return false;
        if (samples[index_of(Kind::datasize)] == 0) second->first_size = size;
        second->last_size = size;
        second->size_sum += size;
        ++samples[index_of(Kind::datasize)];
    }
    ++samples[index_of(Kind::packets)];
    if (counted_way) ++samples[way];
    return true;
}

void PacketRrds::replay(Kind kind, Rrd& rrd) const noexcept {
    const Log& log = storage_.log;
    const std::size_t k = index_of(kind);
    for (std::size_t i = 0; i < logged_seconds_; ++i) {
        const Second& second = log.seconds[i];
        const unsigned samples = second.samples[k];
        if (samples == 0) continue;
        const std::uint64_t time = log.first_time + second.offset;
        double first = 1;
        double last = 1;
        double sum = samples;
        if (kind == Kind::datasize) {
            first = second.first_size;
            last = second.last_size;
            sum = second.size_sum;
        }
        rrd.add_sample(first, time);
        if (samples >= 3) rrd.add_sample(sum - first - last, time);
        if (samples >= 2) rrd.add_sample(last, time);
    }
}

bool PacketRrds::has(Kind kind) const noexcept {
    if (dense_) return storage_.dense.rrds[index_of(kind)] != nullptr;
    const Log& log = storage_.log;
    for (std::size_t i = 0; i < logged_seconds_; ++i)
        if (log.seconds[i].samples[index_of(kind)] != 0) return true;
    return false;
}

const Rrd* PacketRrds::view(Kind kind, Rrd& scratch) const noexcept {
    if (dense_) {
        // The dense RRDs leave their run and their means to the reader (Rrd::add_sample_deferring_means); the
        // device's lock, which every reader holds, makes bringing them up to date here safe.
        flush_run();
        Rrd* rrd = storage_.dense.rrds[index_of(kind)].get();
        if (rrd != nullptr) rrd->settle_means();
        return rrd;
    }
    if (!has(kind)) return nullptr;
    scratch = Rrd{};
    replay(kind, scratch);
    return &scratch;
}

void PacketRrds::make_dense() {
    Dense dense;
    for (std::size_t kind = 0; kind < kKinds; ++kind) {
        if (!has(static_cast<Kind>(kind))) continue;
        dense.rrds[kind] = std::make_unique<Rrd>();
        replay(static_cast<Kind>(kind), *dense.rrds[kind]);
    }
    storage_.log.~Log();
    new (&storage_.dense) Dense(std::move(dense));
    dense_ = true;
}

void PacketRrds::add_dense(std::uint64_t now, Direction direction, bool data, std::uint64_t data_size) {
    Run& run = storage_.dense.run;
    const Kind way = direction == Direction::tx ? Kind::tx_packets : Kind::rx_packets;
    if (now == run.second) {
        // The busy device's usual packet: every RRD it feeds has had the second's first sample, so it is only
        // counted.
        const bool counted_way = direction != Direction::neither;
        unsigned fed = 1u << index_of(Kind::packets);
        if (counted_way) fed |= 1u << index_of(way);
        if (data) fed |= 1u << index_of(Kind::datasize);
        if ((run.started & fed) == fed && run.has_room(Kind::packets, 1) && (!counted_way || run.has_room(way, 1)) &&
            (!data || run.has_room(Kind::datasize, data_size))) {
            run.count(Kind::packets, 1);
            if (counted_way) run.count(way, 1);
            if (data) run.count(Kind::datasize, data_size);
            return;
        }
    } else {
        flush_run();
        run.second = now;
        run.started = 0;
    }
    add_dense_sample(Kind::packets, 1, now);
    if (direction != Direction::neither) add_dense_sample(way, 1, now);
    if (data) add_dense_sample(Kind::datasize, data_size, now);
}

void PacketRrds::add_dense_sample(Kind kind, std::uint64_t value, std::uint64_t now) {
    Dense& dense = storage_.dense;
    Run& run = dense.run;
    const auto bit = static_cast<std::uint8_t>(1u << index_of(kind));
    if ((run.started & bit) != 0) {
        if (run.has_room(kind, value)) {
            run.count(kind, value);
            return;
        }
        flush_run();  // a run too long or too large to count: it goes in, and this sample after it
    }
    Rrd& rrd = get_or_create(dense.rrds[index_of(kind)]);
    rrd.add_sample_deferring_means(static_cast<double>(value), now);
    // A sample more than a minute late leaves last_time where it was, so the next ones are not in its second.
    if (rrd.last_time == now) run.started = static_cast<std::uint8_t>(run.started | bit);
}

void PacketRrds::flush_run() const noexcept {
    Dense& dense = storage_.dense;
    Run& run = dense.run;
    for (std::size_t k = 0; k < kKinds; ++k) {
        const std::uint32_t count = run.counts[k];
        if (count == 0) continue;
        Rrd& rrd = *dense.rrds[k];
        double sum = count;
        double last = 1;
        if (static_cast<Kind>(k) == Kind::datasize) {
            sum = static_cast<double>(run.size_sum);
            last = run.last_size;
        }
        // In one second each sample adds to the bucket and to last_value, and last_value_n1 takes last_value's
        // previous value: the run's samples but its last, then its last, leave exactly that.
        if (count >= 2) rrd.add_sample_deferring_means(sum - last, run.second);
        rrd.add_sample_deferring_means(last, run.second);
        run.counts[k] = 0;
    }
    run.size_sum = 0;
}

}  // namespace kismetcore::track
