// DHCP messages (RFC 2131, options RFC 2132) in a cleartext data frame: IPv4 (RFC 791), UDP (RFC 768), BOOTP.
// Kismet's IP-data dissector reads a client's host name, vendor class and client identifier from its discovers,
// and the offered address, subnet mask and router from a server's offers; this dissector reads the same fields.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/common/ipv4_address.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/dissect_status.h"

namespace kismetcore::dissect {

namespace dhcp {
inline constexpr std::uint16_t kServerPort = 67;
inline constexpr std::uint16_t kClientPort = 68;

// Option 53, DHCP Message Type (RFC 2132 9.6).
namespace message_type {
inline constexpr std::uint8_t kDiscover = 1;
inline constexpr std::uint8_t kOffer = 2;
inline constexpr std::uint8_t kRequest = 3;
inline constexpr std::uint8_t kDecline = 4;
inline constexpr std::uint8_t kAck = 5;
inline constexpr std::uint8_t kNak = 6;
inline constexpr std::uint8_t kRelease = 7;
inline constexpr std::uint8_t kInform = 8;
}  // namespace message_type

// The option codes this dissector keeps (RFC 2132).
namespace option {
inline constexpr std::uint8_t kPad = 0;
inline constexpr std::uint8_t kSubnetMask = 1;
inline constexpr std::uint8_t kRouter = 3;
inline constexpr std::uint8_t kHostName = 12;
inline constexpr std::uint8_t kMessageType = 53;
inline constexpr std::uint8_t kVendorClass = 60;
inline constexpr std::uint8_t kClientIdentifier = 61;
inline constexpr std::uint8_t kEnd = 255;
}  // namespace option
}  // namespace dhcp

// One DHCP message. The spans point into the packet's bytes. Where an option appears more than once, the first
// one counts, as in Kismet.
struct DhcpMessage {
    Ipv4Address ip_source{};
    Ipv4Address ip_destination{};
    std::uint16_t source_port = 0;
    std::uint16_t destination_port = 0;

    std::uint8_t op = 0;           // 1 BOOTREQUEST, 2 BOOTREPLY
    Ipv4Address your_address{};    // yiaddr: the address a server offers or assigns
    MacAddress client_hardware{};  // chaddr, when htype is Ethernet (1) and hlen 6; zero otherwise

    std::uint8_t message_type = 0;                                   // option 53; 0 without one (a plain BOOTP message)
    std::optional<std::span<const std::uint8_t>> host_name;          // option 12
    std::optional<std::span<const std::uint8_t>> vendor_class;       // option 60
    std::optional<std::span<const std::uint8_t>> client_identifier;  // option 61: a type octet, then the id
    std::optional<Ipv4Address> subnet_mask;                          // option 1
    std::optional<Ipv4Address> router;                               // option 3, the first router listed

    // The MAC in a 7-octet client identifier: the six octets after its type octet (the form clients use to name
    // their own MAC, type 1). Like Kismet, whatever the type octet says; nothing for any other length.
    [[nodiscard]] std::optional<MacAddress> client_identifier_mac() const noexcept;

    // A client's DISCOVER, from port 68 to 67: the message Kismet reads a client's DHCP identity from (when the
    // frame goes to the broadcast address, which the caller checks).
    [[nodiscard]] bool is_discover() const noexcept {
        return source_port == dhcp::kClientPort && destination_port == dhcp::kServerPort &&
               message_type == dhcp::message_type::kDiscover;
    }
};

// Whether `ipv4` (an IPv4 packet: the LLC payload of EtherType 0x0800) is the first fragment of a UDP datagram
// between the DHCP ports (68 to 67, or 67 to 68). A cheap test of a few header octets, for every cleartext frame.
[[nodiscard]] bool carries_dhcp(std::span<const std::uint8_t> ipv4) noexcept;

// Dissects the DHCP message of an IPv4 packet for which carries_dhcp() holds. Returns ok when the IPv4 and UDP
// headers, the BOOTP fixed fields, the magic cookie and every option decoded; otherwise says what failed and where
// (offsets within `ipv4`). The fields read before a damaged option stay set: `decoded` tells whether the fixed
// part (everything up to the options) decoded, and so whether `out` describes a DHCP message at all.
struct DhcpDissection {
    DissectError error;
    bool decoded = false;
};
DhcpDissection dissect_dhcp(std::span<const std::uint8_t> ipv4, DhcpMessage& out) noexcept;

}  // namespace kismetcore::dissect
