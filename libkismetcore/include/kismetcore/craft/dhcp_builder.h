// Builds DHCP messages (RFC 2131, 2132) as IPv4 packets, for the frames tests and tools send (may allocate).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "kismetcore/common/mac_address.h"
#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/dissect/dhcp_message.h"

namespace kismetcore::craft {

// Every field a DHCP dissector reads, sent as given. The defaults are a client's discover: from 0.0.0.0:68 to
// 255.255.255.255:67, BOOTREQUEST, message type DISCOVER.
struct DhcpSpec {
    Ipv4Address ip_source{0, 0, 0, 0};
    Ipv4Address ip_destination{255, 255, 255, 255};
    std::uint16_t source_port = dissect::dhcp::kClientPort;
    std::uint16_t destination_port = dissect::dhcp::kServerPort;
    std::uint8_t op = 1;  // BOOTREQUEST
    MacAddress client_hardware{};
    Ipv4Address your_address{};
    std::uint8_t message_type = dissect::dhcp::message_type::kDiscover;  // 0: no option 53
    std::optional<std::string_view> host_name{};                         // option 12
    std::optional<std::string_view> vendor_class{};                      // option 60
    std::optional<std::span<const std::uint8_t>> client_identifier{};    // option 61, as given (type octet first)
    std::optional<Ipv4Address> subnet_mask{};                            // option 1
    std::optional<Ipv4Address> router{};                                 // option 3
    std::span<const std::uint8_t> extra_options{};  // raw option octets, placed after the ones above
    bool end_option = true;                         // close the options with End (255)
};

// The IPv4 packet (header with its checksum, UDP header, BOOTP fixed fields, magic cookie, options).
Bytes dhcp_ipv4_packet(const DhcpSpec& spec);

// Option 61 as a client sends it for its own MAC: hardware type 1, then the six octets.
std::array<std::uint8_t, 7> dhcp_client_identifier(const MacAddress& mac);

}  // namespace kismetcore::craft
