// Kismet's per-source "seen by" records of a device (kismet.common.seenby.*), keyed by capture source.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "kismetcore/capture/packet.h"
#include "kismetcore/common/uuid.h"
#include "kismetcore/track/datasource_record.h"
#include "kismetcore/track/frequency_map.h"
#include "kismetcore/track/location_record.h"
#include "kismetcore/track/named_source.h"
#include "kismetcore/track/signal_record.h"

namespace kismetcore::track {

// What keep_per_datasource_stats=true adds to a seen-by update (Kismet's track_persource_history): the
// packet's frequency and layer-1 reading, counted per source.
struct PerSourceSample {
    double frequency_khz = -1;             // Kismet passes -1 when the packet has no layer-1 info
    const Layer1Sample* layer1 = nullptr;  // nullptr: no layer-1 info (the signal record is still created)
    const GpsFix* gps = nullptr;
    bool update_rrd = true;  // false when track_device_rrds is off
    WallTime now;            // stamps the signal record's peak_loc
};

// One `kismet.common.seenby` record, for the capture source `source`. `named` points into the tracker's table of
// named sources (DeviceTracker::named_source), which outlives every device; null when the source was never named
// there, and then kismet.common.seenby.uuid and kismet.common.seenby.source are absent.
struct SeenbyRecord {
    capture::SourceId source = 0;
    const NamedSource* named = nullptr;
    // kismet.common.seenby.source: the source's datasource record as it was when the reader holding the device's
    // lock pinned it (SeenbyList::pin_source_records); null otherwise. Only readers write it, under that lock.
    mutable std::shared_ptr<const Datasource> source_record;
    std::uint64_t first_time = 0;   // packet time of the first packet from this source
    std::uint64_t last_time = 0;    // packet time of the latest update: set, not maximised, so it can go back
    std::uint64_t num_packets = 0;  // seen-by updates, which the phy may make for packets it does not count
    std::unique_ptr<FrequencyMap> freq_khz_map;  // kismet.common.seenby.freq_khz_map, dynamic
    std::unique_ptr<SignalRecord> signal;        // kismet.common.seenby.signal, dynamic

    SeenbyRecord() = default;
    explicit SeenbyRecord(capture::SourceId id, const NamedSource* named_source = nullptr) noexcept
        : source(id), named(named_source) {}
    SeenbyRecord(const SeenbyRecord& other);
    SeenbyRecord& operator=(const SeenbyRecord& other);
    SeenbyRecord(SeenbyRecord&&) noexcept = default;
    SeenbyRecord& operator=(SeenbyRecord&&) noexcept = default;
    ~SeenbyRecord() = default;

    // One update, as Kismet's inc_seenby_count: the first sets first_time and num_packets = 1, later ones set
    // last_time and count; with per-source stats, positive frequencies (truncated to whole kHz) are counted and
    // the layer-1 reading goes to this source's signal record at the packet time.
    void record_packet(std::uint64_t packet_time, const PerSourceSample* per_source);
};

// kismet.device.base.seenby: Kismet's int map (source key -> record), serialized as a JSON array. Kept as a
// vector sorted by SourceId; a device is usually seen by one source, so lookups are a short scan.
// Plain data, not synchronized: guard it with the owning device's lock.
struct SeenbyList {
    std::vector<SeenbyRecord> records;

    // Finds or creates the source's record and applies record_packet. Allocates only for a new source.
    // `named_source` names a source's new record; a known source's record keeps its own.
    SeenbyRecord& record_packet(capture::SourceId source, std::uint64_t packet_time, const PerSourceSample* per_source,
                                const NamedSource* named_source = nullptr);
    [[nodiscard]] const SeenbyRecord* find(capture::SourceId source) const noexcept;

    // Readers, under the device's lock: each record takes the current copy of its source's datasource record, so
    // kismet.common.seenby.source can be written; unpin lets the copies go. DeviceReadLock does both.
    void pin_source_records() const;
    void unpin_source_records() const noexcept;
};

}  // namespace kismetcore::track
