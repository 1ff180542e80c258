// Kismet's seen-by update (inc_seenby_count) per capture source.
#include "kismetcore/track/seenby_record.h"

#include <algorithm>

namespace kismetcore::track {

SeenbyRecord::SeenbyRecord(const SeenbyRecord& other)
    : source(other.source),
      named(other.named),
      source_record(other.source_record),
      first_time(other.first_time),
      last_time(other.last_time),
      num_packets(other.num_packets),
      freq_khz_map(other.freq_khz_map ? std::make_unique<FrequencyMap>(*other.freq_khz_map) : nullptr),
      signal(other.signal ? std::make_unique<SignalRecord>(*other.signal) : nullptr) {}

SeenbyRecord& SeenbyRecord::operator=(const SeenbyRecord& other) {
    if (this != &other) *this = SeenbyRecord(other);
    return *this;
}

void SeenbyRecord::record_packet(std::uint64_t packet_time, const PerSourceSample* per_source) {
    if (num_packets == 0) {
        first_time = packet_time;
        last_time = packet_time;
        num_packets = 1;
    } else {
        last_time = packet_time;
        ++num_packets;
    }
    if (per_source == nullptr) return;

    // Kismet hands the frequency over as an int and counts it only when positive.
    if (per_source->frequency_khz >= 1.0) {
        if (!freq_khz_map) freq_khz_map = std::make_unique<FrequencyMap>();
        freq_khz_map->count(per_source->frequency_khz);
    }
    // With per-source stats Kismet always passes a signal bundle, so the record exists even without layer 1.
    if (!signal) signal = std::make_unique<SignalRecord>();
    if (per_source->layer1 != nullptr) {
        signal->append(*per_source->layer1, per_source->gps, per_source->update_rrd, packet_time, per_source->now);
    }
}

SeenbyRecord& SeenbyList::record_packet(capture::SourceId source, std::uint64_t packet_time,
                                        const PerSourceSample* per_source, const NamedSource* named_source) {
    // Most devices are heard by one source: try the last record before searching.
    if (!records.empty() && records.back().source == source) {
        records.back().record_packet(packet_time, per_source);
        return records.back();
    }
    auto at = std::lower_bound(records.begin(), records.end(), source,
                               [](const SeenbyRecord& record, capture::SourceId id) { return record.source < id; });
    if (at == records.end() || at->source != source) at = records.insert(at, SeenbyRecord(source, named_source));
    at->record_packet(packet_time, per_source);
    return *at;
}

const SeenbyRecord* SeenbyList::find(capture::SourceId source) const noexcept {
    for (const SeenbyRecord& record : records) {
        if (record.source == source) return &record;
    }
    return nullptr;
}

void SeenbyList::pin_source_records() const {
    for (const SeenbyRecord& record : records)
        if (record.named != nullptr) record.source_record = record.named->record();
}

void SeenbyList::unpin_source_records() const noexcept {
    for (const SeenbyRecord& record : records) record.source_record.reset();
}

}  // namespace kismetcore::track
