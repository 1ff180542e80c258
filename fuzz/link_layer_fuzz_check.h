// The promises every link-layer fuzz target checks after each dissection (fuzz_radiotap, fuzz_ppi, ...).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <span>

#include "kismetcore/dissect/link_layer.h"
#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::fuzz {

// Touches every result so the sanitizers see each byte read, and aborts on a broken promise: the payload is
// a view inside the packet, empty after an error, and the antenna count stays within its array.
inline void check(std::span<const std::uint8_t> packet, const kismetcore::dissect::DissectError& error,
                  const kismetcore::dissect::RadioInfo& radio, const kismetcore::dissect::LinkPayload& payload) {
    const auto* begin = packet.data();
    const auto* end = begin + packet.size();
    if (!payload.bytes.empty() && (payload.bytes.data() < begin || payload.bytes.data() + payload.bytes.size() > end))
        std::abort();
    if (!error.ok() && !payload.bytes.empty()) std::abort();
    if (error.reason == nullptr || error.offset > packet.size()) std::abort();
    if (radio.antenna_count > kismetcore::dissect::RadioInfo::kMaxAntennaReadings) std::abort();
    volatile unsigned sink = 0;
    for (const auto byte : payload.bytes) sink = sink + byte;
    sink = sink + radio.frequency_khz.value_or(0) + static_cast<unsigned>(radio.signal_dbm.value_or(0)) +
           radio.channel.value_or(0) + radio.mcs_index.value_or(0) + radio.antenna_count;
}

}  // namespace kismetcore::fuzz
