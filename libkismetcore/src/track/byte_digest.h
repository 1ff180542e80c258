// A fast 64-bit digest for noticing that bytes repeat: duplicate frames, unchanged element lists.
#pragma once

#include <cstdint>
#include <span>

namespace kismetcore::track {

// Equal bytes give equal digests; unequal bytes collide about once in 2^64 pairs, far more rarely than under the
// CRC-32 Kismet compares. The value depends on the CPU (AES rounds where it has AES-NI and AVX, else XXH3), so it is
// for comparisons within one process only: never stored, sent or shown.
[[nodiscard]] std::uint64_t byte_digest(std::span<const std::uint8_t> bytes) noexcept;

}  // namespace kismetcore::track
