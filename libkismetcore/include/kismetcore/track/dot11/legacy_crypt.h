// Kismet's legacy crypt set (dot11.advertisedssid.crypt_set): the pre-2022 bit layout, derived from crypt_bitfield.
#pragma once

#include <cstdint>

namespace kismetcore::track::dot11 {

namespace legacy_crypt {
inline constexpr std::uint64_t kWep = 1ull << 1;
inline constexpr std::uint64_t kLayer3 = 1ull << 2;
inline constexpr std::uint64_t kWep40 = 1ull << 3;
inline constexpr std::uint64_t kWep104 = 1ull << 4;
inline constexpr std::uint64_t kTkip = 1ull << 5;
inline constexpr std::uint64_t kWpa = 1ull << 6;
inline constexpr std::uint64_t kPsk = 1ull << 7;
inline constexpr std::uint64_t kAesOcb = 1ull << 8;
inline constexpr std::uint64_t kAesCcm = 1ull << 9;
inline constexpr std::uint64_t kWpaMigrationMode = 1ull << 10;
inline constexpr std::uint64_t kEap = 1ull << 11;
inline constexpr std::uint64_t kLeap = 1ull << 12;
inline constexpr std::uint64_t kTtls = 1ull << 13;
inline constexpr std::uint64_t kTls = 1ull << 14;
inline constexpr std::uint64_t kPeap = 1ull << 15;
inline constexpr std::uint64_t kSae = 1ull << 16;
inline constexpr std::uint64_t kOwe = 1ull << 17;
inline constexpr std::uint64_t kWps = 1ull << 26;
inline constexpr std::uint64_t kVersionWpa = 1ull << 27;
inline constexpr std::uint64_t kVersionWpa2 = 1ull << 28;
inline constexpr std::uint64_t kVersionWpa3 = 1ull << 29;
}  // namespace legacy_crypt

// Kismet's crypt_to_legacy_bitset. Like Kismet it never sets kSae (its conversion ORs the SAE bit into its
// input instead of its result), so a WPA3-SAE network reads wpa|aes_ccm|version_wpa2|version_wpa3.
std::uint64_t legacy_crypt_set(std::uint64_t crypt_bitfield) noexcept;

}  // namespace kismetcore::track::dot11
