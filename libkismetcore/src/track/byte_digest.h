// A fast 64-bit digest for noticing that bytes repeat: duplicate frames, unchanged element lists.
#pragma once

#include <cstdint>
#include <span>

namespace kismetcore::track {

// Equal bytes give equal digests; unequal bytes collide far more rarely than under the CRC-32 Kismet compares. XXH3
// (libxxhash), a studied hash, rather than a home-made one: frames off the air are chosen by whoever sends them,
// and a digest with structural collisions would let a sender make a new frame pass for a duplicate. For
// comparisons within one process only: never stored, sent or shown.
[[nodiscard]] std::uint64_t byte_digest(std::span<const std::uint8_t> bytes) noexcept;

}  // namespace kismetcore::track
