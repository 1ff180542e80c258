// DHCP messages in IPv4/UDP: the IPv4 and UDP headers, the BOOTP fixed fields, the magic cookie and the options.
#include "kismetcore/dissect/dhcp_message.h"

#include <algorithm>

#include "kismetcore/common/byte_cursor.h"

#include "dissect/network_bytes.h"
namespace kismetcore::dissect {
namespace {

using detail::be16_at;
using detail::ipv4_at;

constexpr std::uint8_t kIpv4Version = 4;
constexpr std::uint8_t kProtocolUdp = 17;
constexpr std::size_t kMinimumIpv4HeaderLength = 20;
constexpr std::size_t kUdpHeaderLength = 8;
// op, htype, hlen, hops (4), xid (4), secs, flags (4), ciaddr, yiaddr, siaddr, giaddr (16), chaddr (16),
// sname (64), file (128): RFC 2131 Figure 1.
constexpr std::size_t kBootpFixedLength = 236;
constexpr std::size_t kYourAddressAt = 16;
constexpr std::size_t kClientHardwareAt = 28;
constexpr std::array<std::uint8_t, 4> kMagicCookie{99, 130, 83, 99};
constexpr std::uint8_t kHardwareTypeEthernet = 1;
constexpr std::size_t kClientIdentifierWithMac = 7;

// The first occurrence of each kept option; the others are skipped.
void keep_option(std::uint8_t code, std::span<const std::uint8_t> value, DhcpMessage& out) noexcept {
    switch (code) {
        case dhcp::option::kMessageType:
            if (out.message_type == 0 && value.size() == 1) out.message_type = value[0];
            break;
        case dhcp::option::kHostName:
            if (!out.host_name) out.host_name = value;
            break;
        case dhcp::option::kVendorClass:
            if (!out.vendor_class) out.vendor_class = value;
            break;
        case dhcp::option::kClientIdentifier:
            if (!out.client_identifier) out.client_identifier = value;
            break;
        case dhcp::option::kSubnetMask:
            if (!out.subnet_mask && value.size() == 4) out.subnet_mask = ipv4_at(value, 0);
            break;
        case dhcp::option::kRouter:
            if (!out.router && value.size() >= 4) out.router = ipv4_at(value, 0);
            break;
        default:
            break;
    }
}

}  // namespace

std::optional<MacAddress> DhcpMessage::client_identifier_mac() const noexcept {
    if (!client_identifier || client_identifier->size() != kClientIdentifierWithMac) return std::nullopt;
    return MacAddress::from_bytes(client_identifier->subspan(1).first<MacAddress::kLength>());
}

bool carries_dhcp(std::span<const std::uint8_t> ipv4) noexcept {
    if (ipv4.size() < kMinimumIpv4HeaderLength) return false;
    const std::uint8_t version_ihl = ipv4[0];
    const std::size_t header_length = std::size_t{version_ihl & 0x0fu} * 4;
    if ((version_ihl >> 4) != kIpv4Version || header_length < kMinimumIpv4HeaderLength) return false;
    // A later fragment starts with the rest of the datagram, not a UDP header (fragment offset, 13 bits).
    if ((be16_at(ipv4, 6) & 0x1fffu) != 0 || ipv4[9] != kProtocolUdp) return false;
    if (ipv4.size() < header_length + 4) return false;
    const std::uint16_t source = be16_at(ipv4, header_length);
    const std::uint16_t destination = be16_at(ipv4, header_length + 2);
    return (source == dhcp::kClientPort && destination == dhcp::kServerPort) ||
           (source == dhcp::kServerPort && destination == dhcp::kClientPort);
}

DhcpDissection dissect_dhcp(std::span<const std::uint8_t> ipv4, DhcpMessage& out) noexcept {
    out = DhcpMessage{};
    DhcpDissection result;
    if (!carries_dhcp(ipv4)) {
        result.error = dissect_error(DissectStatus::malformed, "not a UDP datagram between the DHCP ports", 0);
        return result;
    }
    const std::size_t header_length = std::size_t{ipv4[0] & 0x0fu} * 4;
    out.ip_source = ipv4_at(ipv4, 12);
    out.ip_destination = ipv4_at(ipv4, 16);
    // The datagram ends where the IPv4 total length says, when the capture holds that much (a frame may carry
    // padding after it); a total length shorter than the headers is damage.
    const std::size_t total_length = be16_at(ipv4, 2);
    if (total_length < header_length + kUdpHeaderLength) {
        result.error = dissect_error(DissectStatus::malformed, "IPv4 total length shorter than its headers", 2);
        return result;
    }
    const auto packet = ipv4.first(std::min(ipv4.size(), total_length));
    ByteCursor cursor(packet);
    cursor.seek(header_length);
    std::uint16_t udp_length = 0;
    if (!cursor.read_be16(out.source_port) || !cursor.read_be16(out.destination_port) ||
        !cursor.read_be16(udp_length) || !cursor.skip(2)) {
        result.error = dissect_error(DissectStatus::truncated, "UDP header cut short", cursor.offset());
        return result;
    }
    if (udp_length < kUdpHeaderLength) {
        result.error = dissect_error(DissectStatus::malformed, "UDP length shorter than its header", header_length + 4);
        return result;
    }
    const std::size_t bootp_at = cursor.offset();
    const std::size_t declared = udp_length - kUdpHeaderLength;
    if (declared < kBootpFixedLength + kMagicCookie.size()) {
        result.error =
            dissect_error(DissectStatus::malformed, "UDP length too short for a DHCP message", header_length + 4);
        return result;
    }
    const auto bootp = packet.subspan(bootp_at, std::min(packet.size() - bootp_at, declared));
    if (bootp.size() < kBootpFixedLength + kMagicCookie.size()) {
        result.error = dissect_error(DissectStatus::truncated, "BOOTP message cut short", bootp_at + bootp.size());
        return result;
    }
    if (!std::equal(kMagicCookie.begin(), kMagicCookie.end(), bootp.begin() + kBootpFixedLength)) {
        result.error = dissect_error(DissectStatus::malformed, "BOOTP message without the DHCP magic cookie",
                                     bootp_at + kBootpFixedLength);
        return result;
    }
    out.op = bootp[0];
    out.your_address = ipv4_at(bootp, kYourAddressAt);
    if (bootp[1] == kHardwareTypeEthernet && bootp[2] == MacAddress::kLength) {
        out.client_hardware = MacAddress::from_bytes(bootp.subspan(kClientHardwareAt).first<MacAddress::kLength>());
    }
    result.decoded = true;

    // Options (RFC 2132 2): Pad and End are single octets; every other option is code, length, value.
    ByteCursor options(bootp.subspan(kBootpFixedLength + kMagicCookie.size()));
    const std::size_t options_at = bootp_at + kBootpFixedLength + kMagicCookie.size();
    std::uint8_t code = 0;
    for (std::size_t option_at = 0; options.read_u8(code); option_at = options.offset()) {
        if (code == dhcp::option::kPad) continue;
        if (code == dhcp::option::kEnd) return result;
        std::uint8_t length = 0;
        std::span<const std::uint8_t> value;
        if (!options.read_u8(length) || !options.read_bytes(length, value)) {
            result.error = dissect_error(DissectStatus::truncated, "DHCP option cut short", options_at + option_at);
            return result;
        }
        keep_option(code, value, out);
    }
    // RFC 2131 4.1 ends the options with End; a list cut off before it is damage, though what it held is kept.
    result.error =
        dissect_error(DissectStatus::truncated, "DHCP options without an End option", options_at + options.size());
    return result;
}

}  // namespace kismetcore::dissect
