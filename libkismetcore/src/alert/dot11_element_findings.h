// What the 802.11 element rules look for in a frame's element list (private to Dot11AlertRules).
#pragma once

#include <cstddef>
#include <cstdint>

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

// The findings of one element list. When no element the rules read occurs twice (nearly every frame), they come
// from the dissector's walk: the first element of each kind, and the vendor index for WMM. Otherwise one pass over
// the raw list looks at every element, as Kismet's rules do.
[[nodiscard]] ElementFindings find_in_elements(const dissect::InformationElements& elements,
                                               ElementFindingsWanted wanted) noexcept;

}  // namespace kismetcore::alert
