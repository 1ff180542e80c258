// Builds ARP messages for IPv4 over Ethernet (RFC 826), for the frames tests and tools send (may allocate).
#pragma once

#include <cstddef>
#include <cstdint>

#include "kismetcore/common/ipv4_address.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/craft/dot11_frame_builder.h"

namespace kismetcore::craft {

inline constexpr std::uint16_t kEthertypeArp = 0x0806;

namespace arp_operation {
inline constexpr std::uint16_t kRequest = 1;
inline constexpr std::uint16_t kReply = 2;
}  // namespace arp_operation

// Every field of the message, sent as given. The defaults are a request ("who has target_address").
struct ArpSpec {
    std::uint16_t operation = arp_operation::kRequest;
    MacAddress sender_hardware{};
    Ipv4Address sender_address{};
    MacAddress target_hardware{};  // unknown (zero) in a request
    Ipv4Address target_address{};
    // Zero octets after the message, as a sender pads a frame to Ethernet's minimum; Kismet reads an ARP only
    // from a body longer than 36 octets (LLC/SNAP and the 28-octet message), so a bare one goes unnoticed.
    std::size_t padding = 0;
};

// The message: hardware type 1 (Ethernet), protocol type IPv4, lengths 6 and 4, then the fields (28 octets), then
// the padding. Wrap it with llc_snap(kEthertypeArp, ...) for a data frame body.
Bytes arp_packet(const ArpSpec& spec);

}  // namespace kismetcore::craft
