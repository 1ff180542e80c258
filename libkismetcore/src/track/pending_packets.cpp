// Folding a packet's seen-by, frequency and signal updates into a device's pending block, and applying the block.
#include "kismetcore/track/pending_packets.h"

#include <algorithm>

namespace kismetcore::track {

namespace {

// SignalRecord's min/max/last rule for one reading: 0 is "no reading", and a stored 0 is "unset".
void fold_reading(std::int32_t value, std::int32_t& last, std::int32_t& min, std::int32_t& max) noexcept {
    if (value == 0) return;
    last = value;
    if (min == 0 || min > value) min = value;
    if (max == 0 || max < value) max = value;
}

}  // namespace

void PendingPackets::add_signal(const Layer1Sample& sample, bool update_rrd, std::uint64_t packet_time) noexcept {
    ++signal_samples;
    if (takes(sample)) {
        if (settled_signal_type == SignalType::none) signal_type = sample.type;
        fold_reading(sample.signal, last_signal, min_signal, max_signal);
        if (sample.signal != 0 && update_rrd) {
            rrd_times[rrd_count] = packet_time;
            rrd_values[rrd_count] = sample.signal;
            ++rrd_count;
        }
        fold_reading(sample.noise, last_noise, min_noise, max_noise);
    }
    carrierset = static_cast<std::uint8_t>(carrierset | static_cast<std::uint8_t>(sample.carrier));
    encodingset = static_cast<std::uint8_t>(encodingset | static_cast<std::uint8_t>(sample.encoding));
    maxseenrate = std::max(maxseenrate, static_cast<float>(sample.datarate));
}

void PendingPackets::settle(SeenbyList& seenby, FrequencyMap& frequencies, SignalRecord* signal) {
    if (seen_count != 0) {
        // Only a source whose record exists is ever pending (Dot11Tracker creates it on the source's first packet).
        for (SeenbyRecord& record : seenby.records) {
            if (record.source != seen_source) continue;
            record.last_time = seen_last_time;
            record.num_packets += seen_count;
            break;
        }
        seen_count = 0;
    }
    if (frequency_count != 0) {
        frequencies.add(frequency_khz, frequency_count);
        frequency_count = 0;
    }
    if (signal_samples != 0 && signal != nullptr) {
        SignalRecord& record = *signal;
        if (record.type == SignalType::none) record.type = signal_type;
        std::int32_t unused_last = 0;
        if (last_signal != 0) {
            fold_reading(min_signal, unused_last, record.min_signal, record.max_signal);
            fold_reading(max_signal, unused_last, record.min_signal, record.max_signal);
            record.last_signal = last_signal;
        }
        if (last_noise != 0) {
            fold_reading(min_noise, unused_last, record.min_noise, record.max_noise);
            fold_reading(max_noise, unused_last, record.min_noise, record.max_noise);
            record.last_noise = last_noise;
        }
        for (std::size_t index = 0; index < rrd_count; ++index)
            record.signal_rrd.add_sample(rrd_values[index], rrd_times[index]);
        record.carrierset = static_cast<std::uint8_t>(record.carrierset | carrierset);
        record.encodingset = static_cast<std::uint8_t>(record.encodingset | encodingset);
        if (record.maxseenrate < static_cast<double>(maxseenrate)) record.maxseenrate = maxseenrate;
        settled_signal_type = record.type;
    }
    // What stays: which record the next seen-by updates go to, and the signal record's type.
    const SignalType settled = settled_signal_type;
    const capture::SourceId source = seen_source;
    const bool known = seen_known;
    *this = PendingPackets{};
    settled_signal_type = settled;
    seen_source = source;
    seen_known = known;
}

}  // namespace kismetcore::track
