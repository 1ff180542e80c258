// What a device's latest packets did to its seen-by, frequency and signal records, held in the device's first cache
// lines until a reader looks (Device::settle).
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "kismetcore/capture/packet.h"
#include "kismetcore/track/frequency_map.h"
#include "kismetcore/track/seenby_record.h"
#include "kismetcore/track/signal_record.h"

namespace kismetcore::track {

// With 100,000 devices nearly every device a packet names is cold, and each separate record the update writes
// (the signal record and its RRD, the seen-by list, the frequency map) is one more cache miss. A device in its
// steady state (the same capture source, the same frequency, no GPS fix) changes those records in ways that
// accumulate: counts add up, minimums and maximums combine, the last value wins. So the ingest thread folds each
// packet into this block, which lies in the lines it writes anyway, and the records are brought up to date in one
// step when a reader locks the device, when the steady state ends, or when the block is full. The records then read
// exactly as if every packet had been applied to them one by one; settle() is the only way to see them.
//
// Plain data, not synchronized: guard it with the owning device's lock, like the records it stands for.
struct PendingPackets {
    // Signal readings kept for the signal RRD before the block must be applied.
    static constexpr std::size_t kRrdSamples = 3;

    // kismet.common.seenby: packets from `seen_source` (whose record exists) since the last settle, the last
    // at `seen_last_time`.
    std::uint64_t seen_last_time = 0;
    std::uint32_t seen_count = 0;
    capture::SourceId seen_source = 0;  // the source whose record `seen_count` adds to, once `seen_known`

    // kismet.device.base.freq_khz_map: packets on `frequency_khz` (whole kHz).
    std::uint32_t frequency_khz = 0;
    std::uint32_t frequency_count = 0;

    // kismet.device.base.signal (which exists once `signal_samples` or the record say so): what append() would
    // have done with the layer-1 samples since the last settle.
    std::uint32_t signal_samples = 0;                   // samples folded in; 0 = nothing pending
    SignalType settled_signal_type = SignalType::none;  // the record's type after the last settle
    SignalType signal_type = SignalType::none;          // the type the pending readings were taken as
    bool seen_known = false;
    std::uint8_t carrierset = 0;
    std::uint8_t encodingset = 0;
    float maxseenrate = 0;  // Kismet's rates (n * 5, or a float computed as rate / 2 * 10) are exact in a float
    std::int32_t last_signal = 0;
    std::int32_t min_signal = 0;
    std::int32_t max_signal = 0;
    std::int32_t last_noise = 0;
    std::int32_t min_noise = 0;
    std::int32_t max_noise = 0;
    // The readings for signal_rrd, in packet order: the packet time (seconds) and the reading.
    std::array<std::uint64_t, kRrdSamples> rrd_times{};
    std::array<std::int32_t, kRrdSamples> rrd_values{};
    std::uint8_t rrd_count = 0;

    [[nodiscard]] bool empty() const noexcept { return seen_count == 0 && frequency_count == 0 && signal_samples == 0; }

    // Whether a seen-by update from `source` can be folded in: it is the source whose record was updated last.
    [[nodiscard]] bool holds_seenby_of(capture::SourceId source) const noexcept {
        return seen_known && seen_source == source;
    }
    void add_seenby(std::uint64_t packet_time) noexcept {
        seen_last_time = packet_time;
        ++seen_count;
    }
    // After a seen-by update applied directly to `source`'s record: later ones from that source can be folded in,
    // unless the record keeps per-source signal and frequencies, which the block does not hold.
    void seenby_applied(capture::SourceId source, bool per_source_stats) noexcept {
        seen_source = source;
        seen_known = !per_source_stats;
    }

    // Whether a packet on `khz` can be folded in (the block counts one frequency at a time).
    [[nodiscard]] bool holds_frequency(std::uint32_t khz) const noexcept {
        return frequency_count == 0 || frequency_khz == khz;
    }
    void add_frequency(std::uint32_t khz) noexcept {
        frequency_khz = khz;
        ++frequency_count;
    }

    // Whether a layer-1 sample can be folded in: the signal record exists (settled_signal_type was taken from it)
    // and, if the sample has a reading for the RRD, there is room for it.
    [[nodiscard]] bool has_room_for_signal(const Layer1Sample& sample, bool update_rrd) const noexcept {
        return !(update_rrd && sample.signal != 0 && rrd_count == kRrdSamples && takes(sample));
    }
    // SignalRecord::append without a GPS fix (the record's peak_loc only moves with one).
    void add_signal(const Layer1Sample& sample, bool update_rrd, std::uint64_t packet_time) noexcept;
    // After a sample appended directly to the signal record (which now exists): its type is the one to follow.
    void signal_applied(SignalType record_type) noexcept { settled_signal_type = record_type; }

    // Applies the block to the records and empties it. Allocates only when the frequency map outgrows its inline
    // entries, as counting the packets one by one would have.
    void settle(SeenbyList& seenby, FrequencyMap& frequencies, SignalRecord* signal);

private:
    [[nodiscard]] bool takes(const Layer1Sample& sample) const noexcept {
        const SignalType type = settled_signal_type != SignalType::none ? settled_signal_type : signal_type;
        return sample.type != SignalType::none && (type == SignalType::none || type == sample.type);
    }
};

}  // namespace kismetcore::track
