// Kismet's crypt_bitfield and crypt_string: the encryption a BSS advertises, from its privacy bit and its RSN
// and WPA elements.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kismetcore/dissect/information_elements.h"

namespace kismetcore::dissect {

// Bit layout of dot11.advertisedssid.crypt_bitfield / dot11.probedssid.crypt_bitfield (Kismet 2025-09).
namespace crypt {
inline constexpr std::uint64_t kOpen = 0;
inline constexpr std::uint64_t kWep = 1ull << 0;
inline constexpr std::uint64_t kWpa = 1ull << 1;  // any WPA generation
inline constexpr std::uint64_t kWpa1 = 1ull << 2;
inline constexpr std::uint64_t kWpa2 = 1ull << 3;
inline constexpr std::uint64_t kWpa3 = 1ull << 4;

// Group data ciphers, bits 7-18, and pairwise ciphers, bits 23-34, in the same order.
inline constexpr unsigned kGroupShift = 7;
inline constexpr unsigned kPairwiseShift = 23;
namespace cipher_bit {
inline constexpr unsigned kWep40 = 0;
inline constexpr unsigned kWep104 = 1;
inline constexpr unsigned kTkip = 2;
inline constexpr unsigned kCcmp128 = 3;
inline constexpr unsigned kBipCmac128 = 4;
inline constexpr unsigned kGcmp128 = 5;
inline constexpr unsigned kGcmp256 = 6;
inline constexpr unsigned kCcmp256 = 7;
inline constexpr unsigned kBipGmac128 = 8;
inline constexpr unsigned kBipGmac256 = 9;
inline constexpr unsigned kBipCmac256 = 10;
inline constexpr unsigned kOcb = 11;
}  // namespace cipher_bit
constexpr std::uint64_t group(unsigned cipher_bit) noexcept {
    return 1ull << (kGroupShift + cipher_bit);
}
constexpr std::uint64_t pairwise(unsigned cipher_bit) noexcept {
    return 1ull << (kPairwiseShift + cipher_bit);
}

inline constexpr std::uint64_t kGroupWep40 = group(cipher_bit::kWep40);
inline constexpr std::uint64_t kGroupWep104 = group(cipher_bit::kWep104);
inline constexpr std::uint64_t kGroupTkip = group(cipher_bit::kTkip);
inline constexpr std::uint64_t kGroupCcmp128 = group(cipher_bit::kCcmp128);
inline constexpr std::uint64_t kGroupBipCmac128 = group(cipher_bit::kBipCmac128);
inline constexpr std::uint64_t kGroupGcmp128 = group(cipher_bit::kGcmp128);
inline constexpr std::uint64_t kGroupGcmp256 = group(cipher_bit::kGcmp256);
inline constexpr std::uint64_t kGroupCcmp256 = group(cipher_bit::kCcmp256);
inline constexpr std::uint64_t kGroupBipGmac128 = group(cipher_bit::kBipGmac128);
inline constexpr std::uint64_t kGroupBipGmac256 = group(cipher_bit::kBipGmac256);
inline constexpr std::uint64_t kGroupBipCmac256 = group(cipher_bit::kBipCmac256);
inline constexpr std::uint64_t kGroupOcb = group(cipher_bit::kOcb);
inline constexpr std::uint64_t kPairwiseWep40 = pairwise(cipher_bit::kWep40);
inline constexpr std::uint64_t kPairwiseWep104 = pairwise(cipher_bit::kWep104);
inline constexpr std::uint64_t kPairwiseTkip = pairwise(cipher_bit::kTkip);
inline constexpr std::uint64_t kPairwiseCcmp128 = pairwise(cipher_bit::kCcmp128);
inline constexpr std::uint64_t kPairwiseBipCmac128 = pairwise(cipher_bit::kBipCmac128);
inline constexpr std::uint64_t kPairwiseGcmp128 = pairwise(cipher_bit::kGcmp128);
inline constexpr std::uint64_t kPairwiseGcmp256 = pairwise(cipher_bit::kGcmp256);
inline constexpr std::uint64_t kPairwiseCcmp256 = pairwise(cipher_bit::kCcmp256);
inline constexpr std::uint64_t kPairwiseBipGmac128 = pairwise(cipher_bit::kBipGmac128);
inline constexpr std::uint64_t kPairwiseBipGmac256 = pairwise(cipher_bit::kBipGmac256);
inline constexpr std::uint64_t kPairwiseBipCmac256 = pairwise(cipher_bit::kBipCmac256);
inline constexpr std::uint64_t kPairwiseOcb = pairwise(cipher_bit::kOcb);

// AKMs, bits 37-57: bit 36 + the RSN AKM suite type 1-20, then WPS.
inline constexpr unsigned kAkmShift = 36;
constexpr std::uint64_t akm_bit(std::uint8_t akm_type) noexcept {
    return 1ull << (kAkmShift + akm_type);
}
inline constexpr std::uint64_t kAkm8021x = akm_bit(akm::kIeee8021x);
inline constexpr std::uint64_t kAkmPsk = akm_bit(akm::kPsk);
inline constexpr std::uint64_t kAkm8021xFt = akm_bit(akm::kFtIeee8021x);
inline constexpr std::uint64_t kAkmPskFt = akm_bit(akm::kFtPsk);
inline constexpr std::uint64_t kAkm8021xSha256 = akm_bit(akm::kIeee8021xSha256);
inline constexpr std::uint64_t kAkmPskSha256 = akm_bit(akm::kPskSha256);
inline constexpr std::uint64_t kAkmTdls = akm_bit(akm::kTdls);
inline constexpr std::uint64_t kAkmSae = akm_bit(akm::kSae);
inline constexpr std::uint64_t kAkmSaeFt = akm_bit(akm::kFtSae);
inline constexpr std::uint64_t kAkmApPeer = akm_bit(akm::kApPeerKey);
inline constexpr std::uint64_t kAkm8021xSuiteBSha256 = akm_bit(akm::kSuiteBSha256);
inline constexpr std::uint64_t kAkm8021xSuiteBSha384 = akm_bit(akm::kSuiteBSha384);
inline constexpr std::uint64_t kAkm8021xFtSha384 = akm_bit(akm::kFtIeee8021xSha384);
inline constexpr std::uint64_t kAkmFilsSha256 = akm_bit(akm::kFilsSha256);
inline constexpr std::uint64_t kAkmFilsSha384 = akm_bit(akm::kFilsSha384);
inline constexpr std::uint64_t kAkmFilsSha256Ft = akm_bit(akm::kFtFilsSha256);
inline constexpr std::uint64_t kAkmFilsSha384Ft = akm_bit(akm::kFtFilsSha384);
inline constexpr std::uint64_t kAkmOwe = akm_bit(akm::kOwe);
inline constexpr std::uint64_t kAkmPskSha384Ft = akm_bit(akm::kFtPskSha384);
inline constexpr std::uint64_t kAkmPskSha384 = akm_bit(akm::kPskSha384);
inline constexpr std::uint64_t kAkmWps = 1ull << 57;

// EAP methods seen in 802.1X traffic (set by the data-frame path, not by elements), bits 58-62.
inline constexpr std::uint64_t kEapLeap = 1ull << 58;
inline constexpr std::uint64_t kEapTls = 1ull << 59;
inline constexpr std::uint64_t kEapTtls = 1ull << 60;
inline constexpr std::uint64_t kEapPeap = 1ull << 61;
inline constexpr std::uint64_t kEapIdentity = 1ull << 62;
}  // namespace crypt

// The crypt bitfield of a beacon, probe response or (re)association request, as Kismet computes it:
// - each well-formed RSN and WPA element adds its group cipher, pairwise ciphers and AKMs (Kismet's per-suite
//   mapping, including its version bits: an RSN CCMP/GCMP pairwise cipher sets WPA2, SAE/OWE/FILS/Suite B and
//   the other newer AKMs set WPA3, the WPA element's version 1 sets WPA1);
// - a malformed RSN or WPA element adds only kWpa (the BSS protects its traffic, with what is not known);
// - the privacy capability bit with neither element gives kWep.
// `privacy` is B4 of the Capability Information field (IEEE 802.11-2020 9.4.1.4).
[[nodiscard]] std::uint64_t crypt_bits(bool privacy, const InformationElements& elements) noexcept;

// Room for the longest string crypt_string() can produce (every bit set).
struct CryptText {
    std::array<char, 448> chars{};
};

// Kismet's crypt_string (crypt_to_simple_string): "Open" for 0; "WEP40", "WEP104" or "WEP" when the WEP bit is
// set; otherwise space-separated tokens: the WPA generation (WPA, WPA1, WPA2 or WPA3, the highest named), one
// "<generation>-<method>" token per AKM bit (PSK, SAE, TDLS, AP-PEER, FILS, EAP, EAP-FT, EAP-SUITEB-SHA256/384,
// PEAP, LEAP, TTLS, TLS; OWE prints as SAE; variants of one method repeat the token, as Kismet does), then the
// ciphers (TKIP, AES-OCB, AES-CCMP, AES-BIP-CMAC128, AES-GCMP128, AES-GCMP256, AES-CCMP256, AES-BIP-GMAC128,
// AES-BIP-GMAC256, AES-BIP-CMAC256). Examples: "WPA2 WPA2-PSK AES-CCMP", "WPA1 WPA1-PSK TKIP",
// "WPA3 WPA3-PSK WPA3-SAE AES-CCMP". Bits with no printable token give "" (a WPA element holding only its
// version sets WPA1 alone), as in Kismet. The view points into `buffer`.
std::string_view crypt_string(std::uint64_t bits, CryptText& buffer) noexcept;

}  // namespace kismetcore::dissect
