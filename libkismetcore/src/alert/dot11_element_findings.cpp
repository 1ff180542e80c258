// The 802.11 element rules' own pass over an element list, for the lists where a kind they read repeats.
#include "dot11_element_findings.h"

#include <algorithm>
#include <span>

#include "kismetcore/dissect/elements/element_ids.h"

namespace kismetcore::alert {
namespace {

namespace element_id = dissect::element_id;

constexpr std::uint8_t kWmmVendorType = 2;

}  // namespace

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

}  // namespace kismetcore::alert
