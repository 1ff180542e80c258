// Kismet's packet chain statistics (kismet.packetchain.*_rrd): per-second packet counts kept as RRDs.
#pragma once

#include <cstdint>

#include "kismetcore/fields/record_schema.h"
#include "kismetcore/track/rrd.h"

namespace kismetcore {

// Counters the engine keeps per packet (plain increments); once a second the host's tick turns the counts of
// that second into RRD samples, as Kismet's packet chain does from its one-second timer.
struct PacketCounts {
    std::uint64_t packets = 0;     // every packet fed
    std::uint64_t errors = 0;      // packets whose dissection failed
    std::uint64_t duplicates = 0;  // frames identical to a recent one
    std::uint64_t processed = 0;   // packets that went through the whole chain
};

// The record of PACKETCHAIN_STATS and /packetchain/packet_stats. kismetcore has no packet queue (the host feeds
// packets synchronously), so queued and dropped stay zero, and peak_packets_rrd is fed the same per-second
// counts as packets_rrd (Kismet keeps the busiest second in its coarser buckets; here they hold the mean).
struct PacketChainStats {
    track::Rrd peak_packets_rrd;
    track::Rrd packets_rrd;
    track::Rrd error_packets_rrd;
    track::Rrd dupe_packets_rrd;
    track::Rrd queued_packets_rrd;
    track::Rrd dropped_packets_rrd;
    track::Rrd processed_packets_rrd;

    // Adds what was counted since `previous` as samples at `now` (seconds).
    void add_second(const PacketCounts& current, const PacketCounts& previous, std::uint64_t now) noexcept;
    // Kismet's pre-serialization step for every RRD.
    void fast_forward(std::uint64_t now) noexcept;
};

const fields::RecordSchema& packet_chain_stats_schema();

}  // namespace kismetcore
