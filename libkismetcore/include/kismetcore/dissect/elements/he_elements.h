// HE Capabilities and HE Operation (IEEE 802.11ax-2021 9.4.2.248 and 9.4.2.249): extension elements 255/35, 255/36.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/dissect/elements/element_status.h"
#include "kismetcore/dissect/elements/ht_elements.h"
#include "kismetcore/dissect/elements/vht_elements.h"

namespace kismetcore::dissect {

struct HeCapabilitiesElement : ElementStatus {
    constexpr HeCapabilitiesElement() noexcept {}  // not `= default`: see ElementStatus
    std::array<std::uint8_t, 6> mac_capabilities{};
    std::array<std::uint8_t, 11> phy_capabilities{};
    // Supported HE-MCS and NSS Set (Figure 9-788e): the <= 80 MHz maps always, the 160 and 80+80 MHz maps when
    // the Channel Width Set says so.
    McsMap rx_mcs_80;
    McsMap tx_mcs_80;
    std::optional<McsMap> rx_mcs_160, tx_mcs_160;
    std::optional<McsMap> rx_mcs_80p80, tx_mcs_80p80;
    std::span<const std::uint8_t> ppe_thresholds;

    [[nodiscard]] constexpr bool twt_requester() const noexcept { return (mac_capabilities[0] & 0x02) != 0; }
    [[nodiscard]] constexpr bool twt_responder() const noexcept { return (mac_capabilities[0] & 0x04) != 0; }
    // Channel Width Set, B1-B7 of the PHY capabilities.
    [[nodiscard]] constexpr std::uint8_t channel_width_set() const noexcept {
        return static_cast<std::uint8_t>(phy_capabilities[0] >> 1);
    }
    [[nodiscard]] constexpr bool supports_40mhz_in_2g4() const noexcept { return (phy_capabilities[0] & 0x02) != 0; }
    [[nodiscard]] constexpr bool supports_40_80mhz_in_5g() const noexcept { return (phy_capabilities[0] & 0x04) != 0; }
    [[nodiscard]] constexpr bool supports_160mhz_in_5g() const noexcept { return (phy_capabilities[0] & 0x08) != 0; }
    [[nodiscard]] constexpr bool supports_80p80mhz_in_5g() const noexcept { return (phy_capabilities[0] & 0x10) != 0; }
    // PPE Thresholds Present, B23 of the PHY capabilities.
    [[nodiscard]] constexpr bool ppe_thresholds_present() const noexcept { return (phy_capabilities[2] & 0x80) != 0; }
};

// 6 GHz Operation Information of HE Operation.
struct He6GhzOperation {
    std::uint8_t primary_channel = 0;
    std::uint8_t control = 0;  // B0-B1 channel width, B2 duplicate beacon, B3-B5 regulatory info
    std::uint8_t center_segment0 = 0;
    std::uint8_t center_segment1 = 0;
    std::uint8_t minimum_rate = 0;

    [[nodiscard]] constexpr ChannelWidth width() const noexcept {
        switch (control & 0x3) {
            case 0:
                return ChannelWidth::mhz20;
            case 1:
                return ChannelWidth::mhz40;
            case 2:
                return ChannelWidth::mhz80;
            default: {
                const int gap = center_segment1 > center_segment0 ? center_segment1 - center_segment0
                                                                  : center_segment0 - center_segment1;
                return gap > 16 ? ChannelWidth::mhz80p80 : ChannelWidth::mhz160;
            }
        }
    }
};

struct HeOperationElement : ElementStatus {
    constexpr HeOperationElement() noexcept {}  // not `= default`: see ElementStatus
    std::uint32_t parameters = 0;               // HE Operation Parameters, 24 bits (Figure 9-788k)
    std::uint8_t bss_color_information = 0;
    McsMap basic_mcs;
    std::optional<VhtOperationElement> vht_operation;          // when B14 is set: width and centre segments
    std::optional<std::uint8_t> max_cohosted_bssid_indicator;  // when B15 is set
    std::optional<He6GhzOperation> six_ghz_operation;          // when B17 is set

    [[nodiscard]] constexpr std::uint8_t default_pe_duration() const noexcept {
        return static_cast<std::uint8_t>(parameters & 0x7);
    }
    [[nodiscard]] constexpr bool twt_required() const noexcept { return (parameters & (1u << 3)) != 0; }
    [[nodiscard]] constexpr std::uint16_t txop_duration_rts_threshold() const noexcept {
        return static_cast<std::uint16_t>((parameters >> 4) & 0x3ff);
    }
    [[nodiscard]] constexpr bool er_su_disable() const noexcept { return (parameters & (1u << 16)) != 0; }
    [[nodiscard]] constexpr std::uint8_t bss_color() const noexcept {
        return static_cast<std::uint8_t>(bss_color_information & 0x3f);
    }
    [[nodiscard]] constexpr bool partial_bss_color() const noexcept { return (bss_color_information & 0x40) != 0; }
    [[nodiscard]] constexpr bool bss_color_disabled() const noexcept { return (bss_color_information & 0x80) != 0; }
};

// `body` starts after the Element ID Extension octet. A body shorter than its flags promise is malformed.
ElementProblem parse_he_capabilities_element(std::span<const std::uint8_t> body, HeCapabilitiesElement& out) noexcept;
ElementProblem parse_he_operation_element(std::span<const std::uint8_t> body, HeOperationElement& out) noexcept;

}  // namespace kismetcore::dissect
