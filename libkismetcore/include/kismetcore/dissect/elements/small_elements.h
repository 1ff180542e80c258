// Fixed-layout elements decoded lightly: TIM, power, TPC, channels, BSS load, mobility domain, extended
// capabilities, multiple BSSID and Cisco's CCX1 AP-name element (IEEE 802.11-2020 clause 9.4.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/dissect/elements/element_list.h"
#include "kismetcore/dissect/elements/element_status.h"

namespace kismetcore::dissect {

// Traffic Indication Map (9.4.2.5): 4 to 254 octets.
struct TimElement : ElementStatus {
    constexpr TimElement() noexcept {}  // not `= default`: see ElementStatus
    std::uint8_t dtim_count = 0;
    std::uint8_t dtim_period = 0;
    std::uint8_t bitmap_control = 0;
    std::span<const std::uint8_t> partial_virtual_bitmap;

    // B0 of Bitmap Control: group-addressed traffic is buffered at the AP.
    [[nodiscard]] constexpr bool multicast_buffered() const noexcept { return (bitmap_control & 0x01) != 0; }
    [[nodiscard]] constexpr std::uint8_t bitmap_offset() const noexcept {
        return static_cast<std::uint8_t>(bitmap_control & 0xfe);
    }
};

// Power Capability (9.4.2.15), sent in (re)association requests: minimum and maximum transmit power in dBm.
struct PowerCapabilityElement : ElementStatus {
    constexpr PowerCapabilityElement() noexcept {}  // not `= default`: see ElementStatus
    std::int8_t min_dbm = 0;
    std::int8_t max_dbm = 0;
};

// TPC Report (9.4.2.17): transmit power (dBm) and link margin (dB).
struct TpcReportElement : ElementStatus {
    constexpr TpcReportElement() noexcept {}  // not `= default`: see ElementStatus
    std::int8_t transmit_power_dbm = 0;
    std::int8_t link_margin_db = 0;
};

// Supported Channels (9.4.2.18): subband tuples of first channel and number of channels.
// Trivially default-constructible so that the 32-slot list below is not zeroed; build one with braces.
struct ChannelSubband {
    std::uint8_t first_channel;
    std::uint8_t channel_count;
    friend constexpr bool operator==(const ChannelSubband&, const ChannelSubband&) = default;
};
struct SupportedChannelsElement : ElementStatus {
    constexpr SupportedChannelsElement() noexcept {}  // not `= default`: see ElementStatus
    FixedList<ChannelSubband, 32> subbands;
};

// BSS Load (9.4.2.27), Kismet's "QBSS": stations, channel utilization (x/255) and admission capacity.
struct BssLoadElement : ElementStatus {
    constexpr BssLoadElement() noexcept {}  // not `= default`: see ElementStatus
    std::uint16_t station_count = 0;
    std::uint8_t channel_utilization = 0;
    std::uint16_t available_admission_capacity = 0;  // units of 32 us/s

    // Kismet's dot11e_channel_utilization_perc.
    [[nodiscard]] constexpr double channel_utilization_percent() const noexcept {
        return channel_utilization * 100.0 / 255.0;
    }
};

// Mobility Domain (9.4.2.46), present when the BSS offers fast BSS transition (802.11r).
struct MobilityDomainElement : ElementStatus {
    constexpr MobilityDomainElement() noexcept {}  // not `= default`: see ElementStatus
    std::uint16_t mobility_domain_id = 0;
    std::uint8_t ft_policy = 0;

    [[nodiscard]] constexpr bool ft_over_ds() const noexcept { return (ft_policy & 0x01) != 0; }
    [[nodiscard]] constexpr bool resource_request_protocol() const noexcept { return (ft_policy & 0x02) != 0; }
};

// Extended Capabilities (9.4.2.26): a bit field of any length, bit n in octet n / 8.
struct ExtendedCapabilitiesElement : ElementStatus {
    constexpr ExtendedCapabilitiesElement() noexcept {}  // not `= default`: see ElementStatus
    std::span<const std::uint8_t> bytes;

    [[nodiscard]] constexpr bool bit(std::size_t n) const noexcept {
        return n / 8 < bytes.size() && ((static_cast<unsigned>(bytes[n / 8]) >> (n % 8)) & 1u) != 0;
    }
    // A few named bits from Table 9-153.
    [[nodiscard]] constexpr bool bss_coexistence_management() const noexcept { return bit(0); }
    [[nodiscard]] constexpr bool extended_channel_switching() const noexcept { return bit(2); }
    [[nodiscard]] constexpr bool bss_transition() const noexcept { return bit(19); }
    [[nodiscard]] constexpr bool interworking() const noexcept { return bit(31); }
    [[nodiscard]] constexpr bool utf8_ssid() const noexcept { return bit(48); }
    [[nodiscard]] constexpr bool operating_mode_notification() const noexcept { return bit(62); }
    [[nodiscard]] constexpr bool twt_responder() const noexcept { return bit(78); }
};

// Multiple BSSID (9.4.2.45): the AP also serves nontransmitted BSSIDs described in subelements.
struct MultipleBssidElement : ElementStatus {
    constexpr MultipleBssidElement() noexcept {}  // not `= default`: see ElementStatus
    std::uint8_t max_bssid_indicator = 0;         // 2^n BSSIDs at most
    std::size_t profile_count = 0;                // Nontransmitted BSSID Profile subelements (ID 0)
    std::span<const std::uint8_t> subelements;
};

// Cisco CCX1 element 133 (proprietary): the AP's configured name in 16 NUL-padded octets after 10 octets of
// other data, then the number of associated clients. Kismet shows the name as the AP's beacon_info.
struct CiscoCcx1Element : ElementStatus {
    constexpr CiscoCcx1Element() noexcept {}  // not `= default`: see ElementStatus
    std::span<const std::uint8_t> ap_name;    // up to the first NUL
    std::optional<std::uint8_t> client_count;
};

ElementProblem parse_tim_element(std::span<const std::uint8_t> body, TimElement& out) noexcept;
ElementProblem parse_power_capability_element(std::span<const std::uint8_t> body, PowerCapabilityElement& out) noexcept;
ElementProblem parse_tpc_report_element(std::span<const std::uint8_t> body, TpcReportElement& out) noexcept;
ElementProblem parse_supported_channels_element(std::span<const std::uint8_t> body,
                                                SupportedChannelsElement& out) noexcept;
ElementProblem parse_bss_load_element(std::span<const std::uint8_t> body, BssLoadElement& out) noexcept;
ElementProblem parse_mobility_domain_element(std::span<const std::uint8_t> body, MobilityDomainElement& out) noexcept;
ElementProblem parse_extended_capabilities_element(std::span<const std::uint8_t> body,
                                                   ExtendedCapabilitiesElement& out) noexcept;
ElementProblem parse_multiple_bssid_element(std::span<const std::uint8_t> body, MultipleBssidElement& out) noexcept;
ElementProblem parse_cisco_ccx1_element(std::span<const std::uint8_t> body, CiscoCcx1Element& out) noexcept;

}  // namespace kismetcore::dissect
