// Small cursor helpers the element parsers and the 802.11 header share (private to libkismetcore).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::dissect::detail {

// Copies the next N octets into a fixed array (fields such as the 16-octet MCS set).
template <std::size_t N>
bool read_array(ByteCursor& cursor, std::array<std::uint8_t, N>& out) noexcept {
    std::span<const std::uint8_t> bytes;
    if (!cursor.read_bytes(N, bytes)) return false;
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return true;
}

// Fixed-width integers from a span the caller has already checked to be long enough: after one length check per
// element, the fields are read at constant offsets with no further checks (GCC turns each into one load).
inline constexpr std::uint16_t le16(std::span<const std::uint8_t, 2> b) noexcept {
    return static_cast<std::uint16_t>(b[0] | (b[1] << 8));
}
inline constexpr std::uint32_t le32(std::span<const std::uint8_t, 4> b) noexcept {
    return static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8) |
           (static_cast<std::uint32_t>(b[2]) << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
}
inline constexpr std::uint32_t be32(std::span<const std::uint8_t, 4> b) noexcept {
    return (static_cast<std::uint32_t>(b[0]) << 24) | (static_cast<std::uint32_t>(b[1]) << 16) |
           (static_cast<std::uint32_t>(b[2]) << 8) | static_cast<std::uint32_t>(b[3]);
}

}  // namespace kismetcore::dissect::detail
