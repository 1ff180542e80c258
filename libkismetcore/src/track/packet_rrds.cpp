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
        storage_.dense.~DenseRrds();
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
    if (dense_) return storage_.dense[index_of(kind)] != nullptr;
    const Log& log = storage_.log;
    for (std::size_t i = 0; i < logged_seconds_; ++i)
        if (log.seconds[i].samples[index_of(kind)] != 0) return true;
    return false;
}

const Rrd* PacketRrds::view(Kind kind, Rrd& scratch) const noexcept {
    if (dense_) {
        // The dense RRDs leave their means to the reader (Rrd::add_sample_deferring_means); the device's lock,
        // which every reader holds, makes settling them here safe.
        Rrd* rrd = storage_.dense[index_of(kind)].get();
        if (rrd != nullptr) rrd->settle_means();
        return rrd;
    }
    if (!has(kind)) return nullptr;
    scratch = Rrd{};
    replay(kind, scratch);
    return &scratch;
}

void PacketRrds::make_dense() {
    DenseRrds dense;
    for (std::size_t kind = 0; kind < kKinds; ++kind) {
        if (!has(static_cast<Kind>(kind))) continue;
        dense[kind] = std::make_unique<Rrd>();
        replay(static_cast<Kind>(kind), *dense[kind]);
    }
    storage_.log.~Log();
    new (&storage_.dense) DenseRrds(std::move(dense));
    dense_ = true;
}

void PacketRrds::add_dense(std::uint64_t now, Direction direction, bool data, std::uint64_t data_size) {
    DenseRrds& dense = storage_.dense;
    get_or_create(dense[index_of(Kind::packets)]).add_sample_deferring_means(1, now);
    if (direction == Direction::tx) get_or_create(dense[index_of(Kind::tx_packets)]).add_sample_deferring_means(1, now);
    if (direction == Direction::rx) get_or_create(dense[index_of(Kind::rx_packets)]).add_sample_deferring_means(1, now);
    if (data)
        get_or_create(dense[index_of(Kind::datasize)]).add_sample_deferring_means(static_cast<double>(data_size), now);
}

}  // namespace kismetcore::track
