// libFuzzer target: dissect_radiotap, and dissect_link_layer with DLT 127, over arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "kismetcore/dissect/radiotap_reader.h"

namespace {

// Touches every result so the sanitizers see each byte read, and aborts on a broken promise: the payload is
// a view inside the packet, empty after an error, and the antenna count stays within its array.
void check(std::span<const std::uint8_t> packet, const kismetcore::dissect::DissectError& error,
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> packet(data, size);
    kismetcore::dissect::RadioInfo radio;
    kismetcore::dissect::LinkPayload payload;
    check(packet, kismetcore::dissect::dissect_radiotap(packet, radio, payload), radio, payload);
    check(packet, kismetcore::dissect::dissect_link_layer(127, packet, radio, payload), radio, payload);
    return 0;
}
