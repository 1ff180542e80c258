// The floor under the tracker: what the ingest path must do with each packet before any of Kismet's device
// semantics, plus the least a tracker that keeps per-device state does. No Engine: kismetcore's own reader and
// dissector, the frame digest and Kismet's duplicate filter, then a one-line record per device found through an
// index, with the engine's kind of read-ahead. A tracker built on the same reader and dissector cannot beat it on
// the same capture, so (goal time - floor time) bounds what the goal leaves for everything else the engine does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace kismetcore::bench {

struct TrackingFloorRun {
    double seconds = 0;
    std::uint64_t packets = 0;
    std::uint64_t devices = 0;     // records created
    std::uint64_t duplicates = 0;  // frames the duplicate filter dropped
    std::string error;             // empty when the whole capture was read
};

// The cache lines of a floor record. One line holds a device's packet counters, times and last signal, and every
// record a packet updates has at least one; a record of Kismet's fields takes more (docs/track-records.md).
inline constexpr std::size_t kFloorRecordLines = 1;

// Reads `capture` and, per packet in file order: dissects it, digests the whole frame, passes it through Kismet's
// duplicate filter and, for a kept 802.11 management or data frame with a good FCS and no dissection error (the
// frames Dot11Tracker updates devices for), finds or creates a record for each distinct unicast address of its
// header (the addresses the engine looks up) and writes each of the record's kFloorRecordLines lines. Packets go in
// batches of eight: a batch's index slots are prefetched as it is read, its records one batch later, and it is
// tracked two batches after it was read.
TrackingFloorRun run_tracking_floor(const std::string& capture);

}  // namespace kismetcore::bench
