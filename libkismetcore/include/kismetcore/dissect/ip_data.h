// What Kismet's IP-data dissector reads from a cleartext data frame besides DHCP (dhcp_message.h): the sender
// address of an ARP packet, the addresses of a TCP segment, and a Cisco Discovery Protocol frame's device and port
// names. Its 802.11 classifier files them in the client records (dot11.client.ipdata, cdp_device, cdp_port).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/common/ipv4_address.h"

namespace kismetcore::dissect {

struct IpData {
    enum class Protocol : std::uint8_t { none, arp, tcp };
    Protocol protocol = Protocol::none;
    Ipv4Address source{};       // ARP: the sender's protocol address; TCP: the IPv4 source
    Ipv4Address destination{};  // TCP: the IPv4 destination
    std::optional<std::span<const std::uint8_t>> cdp_device;  // CDP Device-ID (type 1), a view into the frame
    std::optional<std::span<const std::uint8_t>> cdp_port;    // CDP Port-ID (type 3)
};

// Reads `msdu`, a cleartext data frame's body from its LLC header on (Dot11Frame::body), with Kismet's tests, which
// are fixed offsets rather than a walk of the headers, so that the same frames give the same records:
// - CDP: the SNAP OUI 00:00:0C with protocol 0x2000 at octet 3; elements from octet 12 (version 2) or 15, each a
//   big-endian type and length (the length counts the 4-octet header); an element with a length under 4 that is a
//   device or port ID makes Kismet drop the frame's IP data altogether.
// - ARP: EtherType 0806 at octet 6 and more than 36 octets; the sender address at octet 22.
// - UDP (protocol 17 at octet 17, more than 32 octets) ends the reading: Kismet's dissector gives plain UDP no
//   protocol, so its classifier files nothing for it (DHCP is read by dissect_dhcp).
// - TCP: protocol 6 at octet 17 and more than 32 octets; the addresses at octets 20 and 24, as if the IPv4 header
//   always had 20 octets and followed an 8-octet LLC/SNAP header.
[[nodiscard]] IpData read_ip_data(std::span<const std::uint8_t> msdu) noexcept;

}  // namespace kismetcore::dissect
