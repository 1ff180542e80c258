// Lays out ARP messages (RFC 826) for IPv4 over Ethernet.
#include "kismetcore/craft/arp_builder.h"

#include "craft/header_bytes.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::craft {

Bytes arp_packet(const ArpSpec& spec) {
    using header_bytes::put_be;
    using header_bytes::put_bytes;
    constexpr std::uint16_t kHardwareEthernet = 1;
    Bytes out;
    out.reserve(28 + spec.padding);
    put_be(out, kHardwareEthernet);
    put_be(out, dissect::dot11::kEthertypeIpv4);
    out.push_back(static_cast<std::uint8_t>(MacAddress::kLength));
    out.push_back(static_cast<std::uint8_t>(spec.sender_address.size()));
    put_be(out, spec.operation);
    put_bytes(out, spec.sender_hardware.octets());
    put_bytes(out, spec.sender_address);
    put_bytes(out, spec.target_hardware.octets());
    put_bytes(out, spec.target_address);
    out.resize(out.size() + spec.padding, 0);
    return out;
}

}  // namespace kismetcore::craft
