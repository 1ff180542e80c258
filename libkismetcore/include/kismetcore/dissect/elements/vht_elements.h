// VHT Capabilities (IEEE 802.11-2020 9.4.2.157) and VHT Operation (9.4.2.158): 802.11ac.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/dissect/elements/element_status.h"
#include "kismetcore/dissect/elements/ht_elements.h"

namespace kismetcore::dissect {

// A VHT-MCS map (Figure 9-611): two bits per spatial stream 1-8; 0 = MCS 0-7, 1 = MCS 0-8, 2 = MCS 0-9,
// 3 = stream not supported. HE maps use the same layout with MCS 0-7, 0-9, 0-11.
struct McsMap {
    std::uint16_t raw = 0xffff;

    [[nodiscard]] constexpr std::uint8_t stream(unsigned n) const noexcept {  // n = 1..8
        return static_cast<std::uint8_t>((raw >> (2 * (n - 1))) & 0x3);
    }
    // Number of spatial streams supported: the highest stream whose entry is not 3.
    [[nodiscard]] constexpr std::uint8_t spatial_streams() const noexcept {
        for (unsigned n = 8; n >= 1; --n)
            if (stream(n) != 3) return static_cast<std::uint8_t>(n);
        return 0;
    }
};

struct VhtCapabilitiesElement : ElementStatus {
    constexpr VhtCapabilitiesElement() noexcept {}  // not `= default`: see ElementStatus
    std::uint32_t info = 0;                         // VHT Capabilities Information, Figure 9-609
    McsMap rx_mcs_map;
    std::uint16_t rx_highest = 0;  // B0-B12 highest long-GI data rate, B13 extended NSS BW capable
    McsMap tx_mcs_map;
    std::uint16_t tx_highest = 0;

    [[nodiscard]] constexpr std::uint8_t max_mpdu_length() const noexcept {
        return static_cast<std::uint8_t>(info & 0x3);
    }
    // 0: neither 160 nor 80+80; 1: 160 MHz; 2: 160 and 80+80 MHz.
    [[nodiscard]] constexpr std::uint8_t supported_channel_width_set() const noexcept {
        return static_cast<std::uint8_t>((info >> 2) & 0x3);
    }
    [[nodiscard]] constexpr bool supports_160mhz() const noexcept {
        return supported_channel_width_set() == 1 || supported_channel_width_set() == 2 || extended_nss_bw() != 0;
    }
    [[nodiscard]] constexpr bool supports_80p80mhz() const noexcept { return supported_channel_width_set() == 2; }
    [[nodiscard]] constexpr bool rx_ldpc() const noexcept { return (info & (1u << 4)) != 0; }
    [[nodiscard]] constexpr bool short_gi_80() const noexcept { return (info & (1u << 5)) != 0; }
    [[nodiscard]] constexpr bool short_gi_160() const noexcept { return (info & (1u << 6)) != 0; }
    [[nodiscard]] constexpr bool su_beamformer() const noexcept { return (info & (1u << 11)) != 0; }
    [[nodiscard]] constexpr bool su_beamformee() const noexcept { return (info & (1u << 12)) != 0; }
    [[nodiscard]] constexpr bool mu_beamformer() const noexcept { return (info & (1u << 19)) != 0; }
    [[nodiscard]] constexpr bool mu_beamformee() const noexcept { return (info & (1u << 20)) != 0; }
    [[nodiscard]] constexpr std::uint8_t extended_nss_bw() const noexcept {
        return static_cast<std::uint8_t>(info >> 30);
    }
};

struct VhtOperationElement : ElementStatus {
    constexpr VhtOperationElement() noexcept {}  // not `= default`: see ElementStatus
    std::uint8_t channel_width = 0;    // 0: 20/40, 1: 80/160/80+80, 2: 160 (deprecated), 3: 80+80 (deprecated)
    std::uint8_t center_segment0 = 0;  // channel number of the 80 (or 160) MHz centre
    std::uint8_t center_segment1 = 0;  // 160 centre or the second 80 MHz segment, 0 when unused
    McsMap basic_mcs_map;

    // The operating width by Table 9-274 (and 11.40.1 for the deprecated values). Value 0 defers to HT
    // Operation: nullopt.
    [[nodiscard]] constexpr std::optional<ChannelWidth> width() const noexcept {
        switch (channel_width) {
            case 1: {
                if (center_segment1 == 0) return ChannelWidth::mhz80;
                const int gap = center_segment1 > center_segment0 ? center_segment1 - center_segment0
                                                                  : center_segment0 - center_segment1;
                if (gap == 8) return ChannelWidth::mhz160;
                if (gap > 16) return ChannelWidth::mhz80p80;
                return ChannelWidth::mhz80;
            }
            case 2:
                return ChannelWidth::mhz160;
            case 3:
                return ChannelWidth::mhz80p80;
            default:
                return std::nullopt;
        }
    }
};

// VHT Capabilities is 12 octets, VHT Operation 5. A shorter body is malformed; extra octets are ignored.
ElementProblem parse_vht_capabilities_element(std::span<const std::uint8_t> body, VhtCapabilitiesElement& out) noexcept;
ElementProblem parse_vht_operation_element(std::span<const std::uint8_t> body, VhtOperationElement& out) noexcept;

}  // namespace kismetcore::dissect
