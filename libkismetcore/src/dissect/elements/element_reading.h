// Small cursor helpers the element parsers share (private to libkismetcore).
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

}  // namespace kismetcore::dissect::detail
