// Lays out DHCP messages: IPv4 header (RFC 791 3.1), UDP header (RFC 768), BOOTP (RFC 2131 Figure 1), options.
#include "kismetcore/craft/dhcp_builder.h"

#include <algorithm>
#include <array>

#include "craft/header_bytes.h"

namespace kismetcore::craft {
namespace {

using header_bytes::put_be;
using header_bytes::put_bytes;

constexpr std::size_t kIpv4HeaderLength = 20;
constexpr std::size_t kUdpHeaderLength = 8;
constexpr std::uint8_t kTtl = 64;
constexpr std::uint8_t kProtocolUdp = 17;

void put_option(Bytes& out, std::uint8_t code, std::span<const std::uint8_t> value) {
    out.push_back(code);
    out.push_back(static_cast<std::uint8_t>(value.size()));
    put_bytes(out, value);
}

std::span<const std::uint8_t> text_bytes(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// The one's complement of the one's complement sum of the header's 16-bit words (RFC 791 3.1).
std::uint16_t ipv4_checksum(std::span<const std::uint8_t> header) {
    std::uint32_t sum = 0;
    for (std::size_t at = 0; at + 1 < header.size(); at += 2)
        sum += static_cast<std::uint32_t>((header[at] << 8) | header[at + 1]);
    while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum & 0xffff);
}

Bytes bootp_message(const DhcpSpec& spec) {
    namespace option = dissect::dhcp::option;
    Bytes out;
    out.push_back(spec.op);
    out.push_back(1);  // htype: Ethernet
    out.push_back(MacAddress::kLength);
    out.push_back(0);                        // hops
    put_be(out, std::uint32_t{0x3903f326});  // xid
    put_be(out, std::uint16_t{0});           // secs
    put_be(out, std::uint16_t{0x8000});      // flags: broadcast
    out.insert(out.end(), 4, 0);             // ciaddr
    put_bytes(out, spec.your_address);
    out.insert(out.end(), 8, 0);  // siaddr, giaddr
    put_bytes(out, spec.client_hardware.octets());
    out.insert(out.end(), 10 + 64 + 128, 0);                       // the rest of chaddr, sname, file
    put_bytes(out, std::array<std::uint8_t, 4>{99, 130, 83, 99});  // the DHCP magic cookie
    if (spec.message_type != 0) put_option(out, option::kMessageType, std::array<std::uint8_t, 1>{spec.message_type});
    if (spec.client_identifier) put_option(out, option::kClientIdentifier, *spec.client_identifier);
    if (spec.host_name) put_option(out, option::kHostName, text_bytes(*spec.host_name));
    if (spec.vendor_class) put_option(out, option::kVendorClass, text_bytes(*spec.vendor_class));
    if (spec.subnet_mask) put_option(out, option::kSubnetMask, *spec.subnet_mask);
    if (spec.router) put_option(out, option::kRouter, *spec.router);
    put_bytes(out, spec.extra_options);
    if (spec.end_option) out.push_back(option::kEnd);
    return out;
}

}  // namespace

Bytes dhcp_ipv4_packet(const DhcpSpec& spec) {
    const Bytes bootp = bootp_message(spec);
    const std::size_t udp_length = kUdpHeaderLength + bootp.size();
    Bytes out;
    out.push_back(0x45);  // version 4, header of five words
    out.push_back(0);     // DSCP, ECN
    put_be(out, static_cast<std::uint16_t>(kIpv4HeaderLength + udp_length));
    put_be(out, std::uint16_t{0});  // identification
    put_be(out, std::uint16_t{0});  // flags, fragment offset
    out.push_back(kTtl);
    out.push_back(kProtocolUdp);
    put_be(out, std::uint16_t{0});  // checksum, set below
    put_bytes(out, spec.ip_source);
    put_bytes(out, spec.ip_destination);
    const std::uint16_t checksum = ipv4_checksum(out);
    out[10] = static_cast<std::uint8_t>(checksum >> 8);
    out[11] = static_cast<std::uint8_t>(checksum & 0xff);
    put_be(out, spec.source_port);
    put_be(out, spec.destination_port);
    put_be(out, static_cast<std::uint16_t>(udp_length));
    put_be(out, std::uint16_t{0});  // UDP checksum: none (allowed over IPv4)
    put_bytes(out, bootp);
    return out;
}

std::array<std::uint8_t, 7> dhcp_client_identifier(const MacAddress& mac) {
    std::array<std::uint8_t, 7> identifier{1};  // hardware type 1, Ethernet
    std::copy(mac.octets().begin(), mac.octets().end(), identifier.begin() + 1);
    return identifier;
}

}  // namespace kismetcore::craft
