// libFuzzer target: dissect_avs, and dissect_link_layer with DLT 163, over arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "kismetcore/dissect/avs_reader.h"
#include "link_layer_fuzz_check.h"

using kismetcore::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> packet(data, size);
    kismetcore::dissect::RadioInfo radio;
    kismetcore::dissect::LinkPayload payload;
    check(packet, kismetcore::dissect::dissect_avs(packet, radio, payload), radio, payload);
    check(packet, kismetcore::dissect::dissect_link_layer(163, packet, radio, payload), radio, payload);
    return 0;
}
