// HT Capabilities (IEEE 802.11-2020 9.4.2.56) and HT Operation (9.4.2.57): 802.11n.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/dissect/elements/element_status.h"

namespace kismetcore::dissect {

// Operating channel width as the HT, VHT and HE operation elements describe it.
enum class ChannelWidth : std::uint8_t { mhz20, mhz40, mhz80, mhz160, mhz80p80 };

// Secondary Channel Offset of HT Operation (Table 9-190): where the 40 MHz secondary channel lies.
enum class SecondaryChannelOffset : std::uint8_t { none = 0, above = 1, reserved = 2, below = 3 };

struct HtCapabilitiesElement : ElementStatus {
    constexpr HtCapabilitiesElement() noexcept {}  // not `= default`: see ElementStatus
    std::uint16_t info = 0;                        // HT Capability Information, Figure 9-331
    std::uint8_t ampdu_parameters = 0;
    std::array<std::uint8_t, 16> mcs_set{};  // Supported MCS Set, Figure 9-333
    std::uint16_t extended_capabilities = 0;
    std::uint32_t transmit_beamforming = 0;
    std::uint8_t antenna_selection = 0;

    [[nodiscard]] constexpr bool ldpc() const noexcept { return (info & 0x0001) != 0; }
    // Supported Channel Width Set: 20 and 40 MHz.
    [[nodiscard]] constexpr bool supports_40mhz() const noexcept { return (info & 0x0002) != 0; }
    [[nodiscard]] constexpr std::uint8_t sm_power_save() const noexcept {
        return static_cast<std::uint8_t>((info >> 2) & 0x3);
    }
    [[nodiscard]] constexpr bool greenfield() const noexcept { return (info & 0x0010) != 0; }
    [[nodiscard]] constexpr bool short_gi_20() const noexcept { return (info & 0x0020) != 0; }
    [[nodiscard]] constexpr bool short_gi_40() const noexcept { return (info & 0x0040) != 0; }
    [[nodiscard]] constexpr bool tx_stbc() const noexcept { return (info & 0x0080) != 0; }
    [[nodiscard]] constexpr std::uint8_t rx_stbc() const noexcept {
        return static_cast<std::uint8_t>((info >> 8) & 0x3);
    }
    [[nodiscard]] constexpr bool max_amsdu_7935() const noexcept { return (info & 0x0800) != 0; }
    [[nodiscard]] constexpr bool dsss_cck_40() const noexcept { return (info & 0x1000) != 0; }
    [[nodiscard]] constexpr bool forty_mhz_intolerant() const noexcept { return (info & 0x4000) != 0; }
    [[nodiscard]] constexpr bool lsig_txop_protection() const noexcept { return (info & 0x8000) != 0; }

    // Rx MCS Bitmask, MCS 0-76 in B0-B76 of the Supported MCS Set.
    [[nodiscard]] constexpr bool rx_mcs(unsigned index) const noexcept {
        return index <= 76 && ((static_cast<unsigned>(mcs_set[index / 8]) >> (index % 8)) & 1u) != 0;
    }
    // Highest equal-modulation MCS (0-31) the station receives, if any.
    [[nodiscard]] constexpr std::optional<std::uint8_t> highest_rx_mcs() const noexcept {
        for (unsigned index = 32; index-- > 0;)
            if (rx_mcs(index)) return static_cast<std::uint8_t>(index);
        return std::nullopt;
    }
    // Spatial streams: one per non-empty octet of MCS 0-31.
    [[nodiscard]] constexpr std::uint8_t rx_spatial_streams() const noexcept {
        std::uint8_t streams = 0;
        for (unsigned i = 0; i < 4; ++i)
            if (mcs_set[i] != 0) streams = static_cast<std::uint8_t>(i + 1);
        return streams;
    }
    // Rx Highest Supported Data Rate (B80-B89), in Mb/s; 0 when not given.
    [[nodiscard]] constexpr std::uint16_t rx_highest_rate_mbps() const noexcept {
        return static_cast<std::uint16_t>((mcs_set[10] | (mcs_set[11] << 8)) & 0x3ff);
    }
};

struct HtOperationElement : ElementStatus {
    constexpr HtOperationElement() noexcept {}  // not `= default`: see ElementStatus
    std::uint8_t primary_channel = 0;
    std::array<std::uint8_t, 5> info{};  // HT Operation Information, Figure 9-366
    std::array<std::uint8_t, 16> basic_mcs_set{};

    [[nodiscard]] constexpr SecondaryChannelOffset secondary_channel_offset() const noexcept {
        return static_cast<SecondaryChannelOffset>(info[0] & 0x3);
    }
    // STA Channel Width: 1 means any width in the Supported Channel Width Set may be used.
    [[nodiscard]] constexpr bool any_channel_width() const noexcept { return (info[0] & 0x04) != 0; }
    [[nodiscard]] constexpr bool rifs() const noexcept { return (info[0] & 0x08) != 0; }
    [[nodiscard]] constexpr std::uint8_t ht_protection() const noexcept {
        return static_cast<std::uint8_t>(info[1] & 0x3);
    }
    [[nodiscard]] constexpr bool nongreenfield_stations_present() const noexcept { return (info[1] & 0x04) != 0; }
    [[nodiscard]] constexpr bool obss_non_ht_stations_present() const noexcept { return (info[1] & 0x10) != 0; }
    // Channel Center Frequency Segment 2 (B13-B20 of the information field), used by VHT 160 MHz.
    [[nodiscard]] constexpr std::uint8_t channel_center_segment2() const noexcept {
        return static_cast<std::uint8_t>(((info[1] >> 5) | (info[2] << 3)) & 0xff);
    }
    // 40 MHz when a secondary channel is named and the STA channel width allows it; 20 MHz otherwise.
    [[nodiscard]] constexpr ChannelWidth width() const noexcept {
        const auto offset = secondary_channel_offset();
        return any_channel_width() &&
                       (offset == SecondaryChannelOffset::above || offset == SecondaryChannelOffset::below)
                   ? ChannelWidth::mhz40
                   : ChannelWidth::mhz20;
    }
};

// HT Capabilities is 26 octets, HT Operation 22. A shorter body is malformed; extra octets are ignored.
ElementProblem parse_ht_capabilities_element(std::span<const std::uint8_t> body, HtCapabilitiesElement& out) noexcept;
ElementProblem parse_ht_operation_element(std::span<const std::uint8_t> body, HtOperationElement& out) noexcept;

}  // namespace kismetcore::dissect
