// What the 802.11 element rules look for in a frame's element list (private to Dot11AlertRules).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "kismetcore/dissect/information_elements.h"

namespace kismetcore::alert {

struct ElementFindings {
    std::size_t ssid_length = 0;        // LONGSSID: the first SSID element's length
    bool ds_too_long = false;           // BADFIXLENIE
    bool dlink_rates = false;           // MSFDLINKRATE
    bool qcom_extended = false;         // QCOMEXTENDED
    bool wmm_overflow = false;          // WMMOVERFLOW
    std::uint8_t neighbor_channel = 0;  // BCOM11KCHAN: the highest neighbor report channel
    std::uint16_t rsn_pairwise = 0;     // RSNLOOP: the last RSN element's pairwise count as sent
};

// Which findings the enabled rules read; the others are left at their defaults, since two of them cost a search.
struct ElementFindingsWanted {
    bool dlink_rates = false;
    bool wmm_overflow = false;
};

// Whether a rates element's body holds the three octets of the Metasploit D-Link exploit in a row.
inline bool has_dlink_rates(std::span<const std::uint8_t> rates) noexcept {
    for (std::size_t at = 0; at + 3 <= rates.size(); ++at)
        if (rates[at] == 0x75 && rates[at + 1] == 0xeb && rates[at + 2] == 0x49) return true;
    return false;
}

// The RSN element's pairwise cipher suite count (9.4.2.25.1: version, group suite, then the count).
inline std::uint16_t rsn_pairwise_count(std::span<const std::uint8_t> body) noexcept {
    return body.size() >= 8 ? static_cast<std::uint16_t>(body[6] | (body[7] << 8)) : 0;
}

// Neighbor Report (9.4.2.36): BSSID, BSSID Information, Operating Class, Channel Number.
inline std::uint8_t neighbor_channel(std::span<const std::uint8_t> body) noexcept {
    return body.size() >= 12 ? body[11] : 0;
}

// Every element in the order sent, as Kismet's rules see them: the findings of a list where a kind repeats.
[[nodiscard]] ElementFindings scan_elements(std::span<const std::uint8_t> raw) noexcept;

// The findings of one element list. When no element the rules read occurs twice (nearly every frame), they come
// from the dissector's walk: the first element of each kind, and the vendor index for WMM. Otherwise one pass over
// the raw list looks at every element, as Kismet's rules do. Inlined into the rules, since it runs for every
// management frame: a call returns the findings packed into two registers, and unpacking them cost more than
// most of the checks.
[[nodiscard, gnu::always_inline]] inline ElementFindings find_in_elements(const dissect::InformationElements& elements,
                                                                          ElementFindingsWanted wanted) noexcept {
    using Elements = dissect::InformationElements;
    if (elements.repeated(Elements::kSupportedRates) || elements.repeated(Elements::kExtendedRates) ||
        elements.repeated(Elements::kDsChannel) || elements.repeated(Elements::kRsn) ||
        elements.repeated(Elements::kNeighborReport) || elements.repeated(Elements::kExtendedCapabilities))
        return scan_elements(elements.raw());
    ElementFindings found;
    if (const auto ssid = elements.first_body(Elements::kSsid)) found.ssid_length = ssid->size();
    if (const auto ds = elements.first_body(Elements::kDsChannel)) found.ds_too_long = ds->size() > 1;
    if (const auto rsn = elements.first_body(Elements::kRsn)) found.rsn_pairwise = rsn_pairwise_count(*rsn);
    if (const auto report = elements.first_body(Elements::kNeighborReport))
        found.neighbor_channel = neighbor_channel(*report);
    if (const auto capabilities = elements.first_body(Elements::kExtendedCapabilities))
        found.qcom_extended = capabilities->size() > 13;
    if (wanted.dlink_rates) {
        const auto rates = elements.first_body(Elements::kSupportedRates);
        const auto extended = elements.first_body(Elements::kExtendedRates);
        found.dlink_rates = (rates && has_dlink_rates(*rates)) || (extended && has_dlink_rates(*extended));
    }
    // Every vendor element 221 is at or past the first 221 or 255, where the vendor index starts.
    if (wanted.wmm_overflow) found.wmm_overflow = elements.longest_wmm_body() > 24;
    return found;
}

}  // namespace kismetcore::alert
