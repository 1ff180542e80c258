// libFuzzer target: read_ip_data (Kismet's CDP, ARP, UDP and TCP tests) over arbitrary data frame bodies.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "kismetcore/dissect/ip_data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    const auto result = kismetcore::dissect::read_ip_data(bytes);
    // Names are views inside the body; a frame with CDP names carries no ARP or TCP addresses.
    volatile unsigned sink = 0;
    for (const auto& name : {result.cdp_device, result.cdp_port}) {
        if (!name) continue;
        if (!name->empty() &&
            (name->data() < bytes.data() || name->data() + name->size() > bytes.data() + bytes.size()))
            std::abort();
        for (const auto byte : *name) sink = sink + byte;
    }
    if ((result.cdp_device || result.cdp_port) && result.protocol != kismetcore::dissect::IpData::Protocol::none)
        std::abort();
    sink = sink + result.source[0] + result.destination[3];
    return 0;
}
