// Reading network-order fields at known offsets (private to the dissectors: EAPOL, DHCP, IP data).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "kismetcore/common/ipv4_address.h"

namespace kismetcore::dissect::detail {

// The caller has checked that `bytes` holds octets at..at + 1 (or at..at + 3).
inline std::uint16_t be16_at(std::span<const std::uint8_t> bytes, std::size_t at) noexcept {
    return static_cast<std::uint16_t>((bytes[at] << 8) | bytes[at + 1]);
}

inline Ipv4Address ipv4_at(std::span<const std::uint8_t> bytes, std::size_t at) noexcept {
    Ipv4Address address;
    std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(at), address.size(), address.begin());
    return address;
}

}  // namespace kismetcore::dissect::detail
