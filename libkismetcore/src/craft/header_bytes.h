// Private to the link-layer header builders: appending integers in a given byte order, and padding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace kismetcore::craft::header_bytes {

template <typename Unsigned>
void put_le(std::vector<std::uint8_t>& out, Unsigned value) {
    for (std::size_t i = 0; i < sizeof(Unsigned); ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

template <typename Unsigned>
void put_be(std::vector<std::uint8_t>& out, Unsigned value) {
    for (std::size_t i = sizeof(Unsigned); i-- > 0;) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

template <typename Unsigned>
std::vector<std::uint8_t> le_bytes(Unsigned value) {
    std::vector<std::uint8_t> out;
    put_le(out, value);
    return out;
}

inline void put_bytes(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes) {
    out.insert(out.end(), bytes.begin(), bytes.end());
}

// Zero bytes up to the next multiple of `alignment`, counted from the start of `out`.
inline void pad_to(std::vector<std::uint8_t>& out, std::size_t alignment) {
    while (alignment > 1 && out.size() % alignment != 0) out.push_back(0);
}

// Overwrites 4 bytes at `offset`, little endian.
inline void patch_le32(std::vector<std::uint8_t>& out, std::size_t offset, std::uint32_t value) {
    for (std::size_t i = 0; i < 4; ++i) out[offset + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

}  // namespace kismetcore::craft::header_bytes
