// Kismet's IP-data tests on a cleartext MSDU: CDP, then ARP, then UDP (which ends it), then TCP.
#include "kismetcore/dissect/ip_data.h"

#include <algorithm>
#include <array>

#include "dissect/network_bytes.h"
namespace kismetcore::dissect {
namespace {

using detail::be16_at;
using detail::ipv4_at;

// Offsets into the MSDU (Kismet's phy_80211_packetsignatures.h).
constexpr std::size_t kLlcUiAt = 3;  // after DSAP, SSAP and control
constexpr std::array<std::uint8_t, 5> kCiscoSnap{0x00, 0x00, 0x0c, 0x20, 0x00};
constexpr std::size_t kCdpElementHeader = 5;  // Kismet's CDP_ELEMENT_LEN (one more than the type and length)
constexpr std::size_t kArpEthertypeAt = 6;
constexpr std::array<std::uint8_t, 2> kArpEthertype{0x08, 0x06};
constexpr std::size_t kArpMinimumExclusive = 36;  // more than LLC/SNAP and an IPv4 ARP packet
constexpr std::size_t kArpSenderAddressAt = 22;
constexpr std::size_t kIpProtocolAt = 17;
constexpr std::uint8_t kProtocolUdp = 17;
constexpr std::uint8_t kProtocolTcp = 6;
constexpr std::size_t kIpMinimumExclusive = 32;  // up to the destination port
constexpr std::size_t kIpSourceAt = 20;
constexpr std::size_t kIpDestinationAt = 24;
constexpr std::uint16_t kCdpDeviceId = 0x0001;
constexpr std::uint16_t kCdpPortId = 0x0003;

enum class CdpResult : std::uint8_t { not_cdp, found, corrupt };

CdpResult read_cdp(std::span<const std::uint8_t> msdu, IpData& out) noexcept {
    if (kLlcUiAt + 1 + kCiscoSnap.size() >= msdu.size() ||
        !std::equal(kCiscoSnap.begin(), kCiscoSnap.end(), msdu.begin() + kLlcUiAt))
        return CdpResult::not_cdp;
    // Version 2 has its elements after a 4-octet CDP header; Kismet reads older ones from octet 15.
    std::size_t at = msdu[kLlcUiAt + kCiscoSnap.size()] == 2 ? kLlcUiAt + kCiscoSnap.size() + 4 : kLlcUiAt + 12;
    bool found = false;
    while (at + kCdpElementHeader < msdu.size()) {
        const std::uint16_t type = be16_at(msdu, at);
        const std::uint16_t length = be16_at(msdu, at + 2);
        if (length == 0 || at + length >= msdu.size()) break;
        if (type == kCdpDeviceId || type == kCdpPortId) {
            if (length < 4) return CdpResult::corrupt;
            (type == kCdpDeviceId ? out.cdp_device : out.cdp_port) = msdu.subspan(at + 4, length - 4u);
            found = true;
        }
        at += length;
    }
    return found ? CdpResult::found : CdpResult::not_cdp;
}

}  // namespace

IpData read_ip_data(std::span<const std::uint8_t> msdu) noexcept {
    IpData out;
    switch (read_cdp(msdu, out)) {
        case CdpResult::found:
            return out;
        case CdpResult::corrupt:
            return {};
        case CdpResult::not_cdp:
            break;
    }
    if (msdu.size() > kArpMinimumExclusive &&
        std::equal(kArpEthertype.begin(), kArpEthertype.end(), msdu.begin() + kArpEthertypeAt)) {
        out.protocol = IpData::Protocol::arp;
        out.source = ipv4_at(msdu, kArpSenderAddressAt);
        return out;
    }
    if (msdu.size() <= kIpMinimumExclusive) return out;
    if (msdu[kIpProtocolAt] == kProtocolUdp) return out;
    if (msdu[kIpProtocolAt] == kProtocolTcp) {
        out.protocol = IpData::Protocol::tcp;
        out.source = ipv4_at(msdu, kIpSourceAt);
        out.destination = ipv4_at(msdu, kIpDestinationAt);
    }
    return out;
}

}  // namespace kismetcore::dissect
