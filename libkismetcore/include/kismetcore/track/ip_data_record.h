// kismet.common.ipdata: an IPv4 address Kismet learned for a device from its cleartext traffic.
#pragma once

#include <cstdint>

#include "kismetcore/common/ipv4_address.h"

namespace kismetcore::track {

// kismet.common.ipdata.type (Kismet's kis_ipdata_type).
namespace ip_data_type {
inline constexpr std::int32_t kUnknown = 0;
inline constexpr std::int32_t kFactoryGuess = 1;
inline constexpr std::int32_t kUdpTcp = 2;
inline constexpr std::int32_t kArp = 3;
inline constexpr std::int32_t kDhcp = 4;
inline constexpr std::int32_t kGroup = 5;
}  // namespace ip_data_type

struct IpDataRecord {
    std::int32_t type = ip_data_type::kUnknown;
    std::uint64_t address = 0;  // kismet_ipv4_number()
    std::uint64_t netmask = 0;
    std::uint64_t gateway = 0;
};

// Kismet keeps an address as its in_addr.s_addr widened to 64 bits: the four octets in network order read as a
// native integer, on the little-endian machines it runs on. So 192.168.1.5 is 0x0501A8C0 (83994816) here on any
// machine, as in Kismet's JSON.
[[nodiscard]] constexpr std::uint64_t kismet_ipv4_number(const Ipv4Address& address) noexcept {
    return std::uint64_t{address[0]} | (std::uint64_t{address[1]} << 8) | (std::uint64_t{address[2]} << 16) |
           (std::uint64_t{address[3]} << 24);
}

}  // namespace kismetcore::track
