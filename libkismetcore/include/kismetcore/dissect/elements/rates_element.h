// Supported Rates and BSS Membership Selectors (IEEE 802.11-2020 9.4.2.3) and Extended Supported Rates (9.4.2.13).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "kismetcore/dissect/elements/element_status.h"

namespace kismetcore::dissect {

// One octet of a rates element: B7 marks a basic rate (one every station of the BSS must support), B0-B6 the
// rate in units of 500 kb/s, or, for values 121-127 with B7 set, a BSS membership selector (Table 9-80).
struct Rate {
    std::uint8_t raw = 0;

    [[nodiscard]] constexpr bool basic() const noexcept { return (raw & 0x80) != 0; }
    [[nodiscard]] constexpr std::uint8_t units_500kbps() const noexcept {
        return static_cast<std::uint8_t>(raw & 0x7f);
    }
    // 127 HT PHY, 126 VHT PHY, 125 GLK, 124 EPD, 123 SAE hash-to-element only, 122 HE PHY, 121 EHT PHY.
    [[nodiscard]] constexpr bool membership_selector() const noexcept { return basic() && units_500kbps() >= 121; }
    [[nodiscard]] constexpr double mbps() const noexcept { return units_500kbps() * 0.5; }
};

namespace membership_selector {
inline constexpr std::uint8_t kHtPhy = 127;
inline constexpr std::uint8_t kVhtPhy = 126;
inline constexpr std::uint8_t kSaeHashToElementOnly = 123;
inline constexpr std::uint8_t kHePhy = 122;
}  // namespace membership_selector

// The rate octets stay a view into the packet, so the list never overflows.
struct RatesElement {
    bool present = false;
    std::span<const std::uint8_t> bytes;

    [[nodiscard]] constexpr std::size_t size() const noexcept { return bytes.size(); }
    [[nodiscard]] constexpr Rate operator[](std::size_t i) const noexcept { return Rate{bytes[i]}; }

    // The highest rate that is not a membership selector, in 500 kb/s units; 0 when there is none.
    [[nodiscard]] constexpr std::uint8_t max_rate_500kbps() const noexcept {
        std::uint8_t best = 0;
        for (auto octet : bytes) {
            const Rate rate{octet};
            if (!rate.membership_selector() && rate.units_500kbps() > best) best = rate.units_500kbps();
        }
        return best;
    }
    [[nodiscard]] constexpr bool has_selector(std::uint8_t selector) const noexcept {
        for (auto octet : bytes) {
            const Rate rate{octet};
            if (rate.membership_selector() && rate.units_500kbps() == selector) return true;
        }
        return false;
    }
};

// Supported Rates carries 1 to 8 octets, Extended Supported Rates 1 to 255; an empty body is malformed. Longer
// Supported Rates lists (seen from old APs) are kept and not treated as malformed, as tshark does.
ElementProblem parse_rates_element(std::span<const std::uint8_t> body, RatesElement& out) noexcept;

}  // namespace kismetcore::dissect
