// The hashes Kismet derives from 802.11 elements: SSID map keys, IE fingerprints and the IE tag checksum.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace kismetcore::track::dot11 {

// Key of the SSID maps and dot11.advertisedssid.ssid_hash: XXH32 (seed 0) of the SSID bytes followed by their
// length as a little-endian uint32.
std::uint32_t ssid_hash(std::span<const std::uint8_t> ssid) noexcept;

// One entry of Kismet's dot11_*_ie_fingerprint lists: an element number, and for vendor elements (221, 150)
// the OUI and the type octet after it.
struct FingerprintElement {
    std::uint8_t number = 0;
    std::uint32_t oui = 0;
    std::uint8_t oui_type = 0;
};

// Parses a list such as "0,1,45,221-00156D-00"; entries that do not parse are skipped.
std::vector<FingerprintElement> parse_fingerprint_list(std::string_view list);

// Kismet's defaults: dot11_beacon_ie_fingerprint and dot11_probe_ie_fingerprint.
inline constexpr std::string_view kDefaultBeaconFingerprint =
    "0,1,45,48,50,61,74,127,191,195,221-00156D-00,221-0050F2-2,221-001018-2,221-506F9A-28";
inline constexpr std::string_view kDefaultProbeFingerprint = "1,50,59,107,127,221-001018-2,221-00904c-51";

// XXH32 (seed 0) over, for each list entry in list order and each matching element in frame order, the low 32
// bits of libstdc++'s std::hash of the element body, little-endian: what Kismet computes, so fingerprints match
// between Kismet and kismetcore built with GCC's standard library. `elements` is the raw element list.
std::uint32_t element_fingerprint(std::span<const FingerprintElement> list,
                                  std::span<const std::uint8_t> elements) noexcept;

}  // namespace kismetcore::track::dot11
