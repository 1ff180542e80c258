// RSN element (IEEE 802.11-2020 9.4.2.25) and the pre-standard WPA vendor element that shares its layout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/dissect/elements/element_ids.h"
#include "kismetcore/dissect/elements/element_list.h"
#include "kismetcore/dissect/elements/element_status.h"

namespace kismetcore::dissect {

inline constexpr std::size_t kPmkidLength = 16;

// Field order (Figure 9-257): Version, Group Data Cipher Suite, Pairwise Cipher Suite Count + List, AKM Suite
// Count + List, RSN Capabilities, PMKID Count + List, Group Management Cipher Suite. Every field after Version
// is optional, but only at a field boundary: an element may stop after any whole field and no earlier.
//
// A count that promises more suites than the element holds (the CVE-2017-9714 shape) makes the element
// malformed: the suites that did fit are kept, `pairwise_count` / `akm_count` / `pmkid_count` keep the
// number as sent, and crypt_bits() ignores the element.
struct RsnElement : ElementStatus {
    constexpr RsnElement() noexcept {}  // not `= default`: see ElementStatus

    std::uint16_t version = 0;
    std::optional<SuiteSelector> group_cipher;
    std::uint16_t pairwise_count = 0;  // as sent
    FixedList<SuiteSelector, 8> pairwise_ciphers;
    std::uint16_t akm_count = 0;  // as sent
    FixedList<SuiteSelector, 12> akm_suites;
    std::optional<std::uint16_t> capabilities;
    std::uint16_t pmkid_count = 0;                       // as sent
    FixedList<std::span<const std::uint8_t>, 4> pmkids;  // 16 octets each
    std::optional<SuiteSelector> group_management_cipher;

    // RSN Capabilities field, Figure 9-258.
    [[nodiscard]] constexpr bool capability(unsigned bit) const noexcept {
        return capabilities.has_value() && ((static_cast<unsigned>(*capabilities) >> bit) & 1u) != 0;
    }
    [[nodiscard]] constexpr bool preauthentication() const noexcept { return capability(0); }
    [[nodiscard]] constexpr bool no_pairwise() const noexcept { return capability(1); }
    // Replay counters per PTKSA / GTKSA: the 2-bit fields code 1, 2, 4 or 16 (9.4.2.25.4).
    [[nodiscard]] constexpr std::uint8_t ptksa_replay_counters() const noexcept { return replay_counters(2); }
    [[nodiscard]] constexpr std::uint8_t gtksa_replay_counters() const noexcept { return replay_counters(4); }
    [[nodiscard]] constexpr bool mfp_required() const noexcept { return capability(6); }  // MFPR
    [[nodiscard]] constexpr bool mfp_capable() const noexcept { return capability(7); }   // MFPC
    [[nodiscard]] constexpr bool joint_multiband_rsna() const noexcept { return capability(8); }
    [[nodiscard]] constexpr bool peerkey() const noexcept { return capability(9); }
    [[nodiscard]] constexpr bool spp_amsdu_capable() const noexcept { return capability(10); }
    [[nodiscard]] constexpr bool spp_amsdu_required() const noexcept { return capability(11); }
    [[nodiscard]] constexpr bool pbac() const noexcept { return capability(12); }
    [[nodiscard]] constexpr bool extended_key_id() const noexcept { return capability(13); }
    [[nodiscard]] constexpr bool ocvc() const noexcept { return capability(14); }

    [[nodiscard]] constexpr std::uint8_t replay_counters(unsigned shift) const noexcept {
        constexpr std::uint8_t kCounters[4] = {1, 2, 4, 16};
        return capabilities ? kCounters[(static_cast<unsigned>(*capabilities) >> shift) & 0x3u] : 1;
    }

    [[nodiscard]] constexpr bool has_akm(SuiteSelector suite) const noexcept { return akm_suites.contains(suite); }
    [[nodiscard]] constexpr bool has_pairwise(SuiteSelector suite) const noexcept {
        return pairwise_ciphers.contains(suite);
    }
};

// The WPA element (vendor 00-50-F2 type 1, Wi-Fi Alliance WPA 1.0) is the RSN layout up to the capabilities,
// with 00-50-F2 suite selectors; PMKIDs and the group management cipher never appear in it.
using WpaElement = RsnElement;

// `body` is the RSN element's body (after the ID and Length octets).
ElementProblem parse_rsn_element(std::span<const std::uint8_t> body, RsnElement& out) noexcept;
// `body` is the WPA vendor element's body after the OUI and vendor type octets (it starts with the version).
ElementProblem parse_wpa_element(std::span<const std::uint8_t> body, WpaElement& out) noexcept;

}  // namespace kismetcore::dissect
