// libFuzzer target: dissect_prism, and dissect_link_layer with DLT 119, over arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "kismetcore/dissect/prism_reader.h"
#include "link_layer_fuzz_check.h"

using kismetcore::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> packet(data, size);
    kismetcore::dissect::RadioInfo radio;
    kismetcore::dissect::LinkPayload payload;
    check(packet, kismetcore::dissect::dissect_prism(packet, radio, payload), radio, payload);
    check(packet, kismetcore::dissect::dissect_link_layer(119, packet, radio, payload), radio, payload);
    return 0;
}
