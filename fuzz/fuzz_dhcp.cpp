// libFuzzer target: carries_dhcp and dissect_dhcp over arbitrary IPv4 packets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "kismetcore/dissect/dhcp_message.h"

namespace {

bool inside(std::span<const std::uint8_t> part, std::span<const std::uint8_t> whole) {
    if (part.empty()) return true;
    return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

// Aborts on a broken promise: options are views inside the packet, an error names a reason and an offset inside
// it, a decoded message is a UDP datagram between the DHCP ports, and a 7-octet client identifier names a MAC.
void check(std::span<const std::uint8_t> bytes, const kismetcore::dissect::DhcpDissection& dissection,
           const kismetcore::dissect::DhcpMessage& message) {
    namespace dhcp = kismetcore::dissect::dhcp;
    const auto& error = dissection.error;
    if (error.reason == nullptr || error.offset > bytes.size()) std::abort();
    if (!error.ok() && error.reason[0] == '\0') std::abort();
    if (!dissection.decoded) return;
    const bool client_to_server =
        message.source_port == dhcp::kClientPort && message.destination_port == dhcp::kServerPort;
    const bool server_to_client =
        message.source_port == dhcp::kServerPort && message.destination_port == dhcp::kClientPort;
    if (!client_to_server && !server_to_client) std::abort();
    volatile unsigned sink = 0;
    for (const auto& option : {message.host_name, message.vendor_class, message.client_identifier}) {
        if (!option) continue;
        if (!inside(*option, bytes)) std::abort();
        for (const auto byte : *option) sink = sink + byte;
    }
    const bool seven_octets = message.client_identifier && message.client_identifier->size() == 7;
    if (message.client_identifier_mac().has_value() != seven_octets) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    kismetcore::dissect::DhcpMessage message;
    const bool carries = kismetcore::dissect::carries_dhcp(bytes);
    const auto dissection = kismetcore::dissect::dissect_dhcp(bytes, message);
    // What carries_dhcp turns away, dissect_dhcp refuses too.
    if (!carries && (dissection.decoded || dissection.error.ok())) std::abort();
    check(bytes, dissection, message);
    return 0;
}
