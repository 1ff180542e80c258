// The element findings of the 802.11 rules: from the dissector's walk when it suffices, else from a pass of their own.
#include "dot11_element_findings.h"

#include <algorithm>
#include <span>

#include "kismetcore/dissect/elements/element_ids.h"

namespace kismetcore::alert {
namespace {

using Elements = dissect::InformationElements;
namespace element_id = dissect::element_id;

constexpr std::uint8_t kWmmVendorType = 2;

// Whether a rates element's body holds the three octets of the Metasploit D-Link exploit in a row.
bool has_dlink_rates(std::span<const std::uint8_t> rates) noexcept {
    for (std::size_t at = 0; at + 3 <= rates.size(); ++at)
        if (rates[at] == 0x75 && rates[at + 1] == 0xeb && rates[at + 2] == 0x49) return true;
    return false;
}

// The RSN element's pairwise cipher suite count (9.4.2.25.1: version, group suite, then the count).
std::uint16_t rsn_pairwise_count(std::span<const std::uint8_t> body) noexcept {
    return body.size() >= 8 ? static_cast<std::uint16_t>(body[6] | (body[7] << 8)) : 0;
}

// Neighbor Report (9.4.2.36): BSSID, BSSID Information, Operating Class, Channel Number.
std::uint8_t neighbor_channel(std::span<const std::uint8_t> body) noexcept {
    return body.size() >= 12 ? body[11] : 0;
}

// Every element in the order sent, as Kismet's rules see them; for the lists where a kind repeats.
ElementFindings scan_elements(std::span<const std::uint8_t> raw) noexcept {
    ElementFindings found;
    bool ssid_seen = false;
    std::size_t at = 0;
    while (at + 2 <= raw.size()) {
        const std::uint8_t id = raw[at];
        const std::size_t length = raw[at + 1];
        if (at + 2 + length > raw.size()) break;
        const auto body = raw.subspan(at + 2, length);
        switch (id) {
            case element_id::kSsid:
                if (!ssid_seen) found.ssid_length = length;
                ssid_seen = true;
                break;
            case element_id::kSupportedRates:
            case element_id::kExtendedSupportedRates:
                if (has_dlink_rates(body)) found.dlink_rates = true;
                break;
            case element_id::kDsParameterSet:
                if (length > 1) found.ds_too_long = true;
                break;
            case element_id::kRsn:
                if (length >= 8) found.rsn_pairwise = rsn_pairwise_count(body);
                break;
            case element_id::kNeighborReport:
                found.neighbor_channel = std::max(found.neighbor_channel, neighbor_channel(body));
                break;
            case element_id::kExtendedCapabilities:
                if (length > 13) found.qcom_extended = true;
                break;
            case element_id::kVendorSpecific:
                if (length > 24 &&
                    ((std::uint32_t{body[0]} << 16) | (std::uint32_t{body[1]} << 8) | body[2]) ==
                        dissect::oui::kMicrosoft &&
                    body[3] == kWmmVendorType)
                    found.wmm_overflow = true;
                break;
            default:
                break;
        }
        at += 2 + length;
    }
    return found;
}

}  // namespace

ElementFindings find_in_elements(const Elements& elements, ElementFindingsWanted wanted) noexcept {
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
