// Vendor Specific elements (IEEE 802.11-2020 9.4.2.24): the generic record plus the few small ones decoded.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/elements/element_status.h"

namespace kismetcore::dissect {

// Every vendor element: its OUI (the first three body octets, big-endian, 0x0050F2 for 00-50-F2), the vendor
// type octet that most vendors put next, and the bytes after the OUI.
struct VendorElement {
    std::uint32_t oui = 0;
    std::optional<std::uint8_t> type;
    std::span<const std::uint8_t> payload;  // after the OUI (starts with the type octet when there is one)
};

// OWE Transition Mode element (Wi-Fi Alliance, 50-6F-9A type 28; OWE specification 2.2): an open BSS names
// the hidden OWE BSS that pairs with it, and the reverse.
struct OweTransitionElement : ElementStatus {
    constexpr OweTransitionElement() noexcept {}  // not `= default`: see ElementStatus
    MacAddress bssid;
    std::span<const std::uint8_t> ssid;
    std::optional<std::uint8_t> operating_class;
    std::optional<std::uint8_t> channel;
};

// `body` starts after the OUI and vendor type octets.
ElementProblem parse_owe_transition_element(std::span<const std::uint8_t> body, OweTransitionElement& out) noexcept;

}  // namespace kismetcore::dissect
