// Kismet's content checksum, from which it derives alert hashes, source UUIDs and source keys.
#pragma once

#include <cstdint>
#include <string_view>

namespace kismetcore {

// Kismet's adler32_checksum (util.cc): rsync's weak rolling checksum over signed chars, not zlib's Adler-32 (no
// modulus, and the first sum starts at 0).
[[nodiscard]] std::uint32_t kismet_adler32(std::string_view text) noexcept;

}  // namespace kismetcore
