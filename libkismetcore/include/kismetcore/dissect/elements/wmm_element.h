// WMM (Wi-Fi Multimedia) vendor element, 00-50-F2 type 2: information, parameter and TSPEC subtypes
// (WMM Specification 1.2, clause 2.2; the standard's EDCA Parameter Set is IEEE 802.11-2020 9.4.2.28).
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "kismetcore/dissect/elements/element_status.h"

namespace kismetcore::dissect {

namespace wmm_subtype {
inline constexpr std::uint8_t kInformation = 0;
inline constexpr std::uint8_t kParameter = 1;
inline constexpr std::uint8_t kTspec = 2;
}  // namespace wmm_subtype

// One AC Parameter Record: ACI/AIFSN, ECWmin/ECWmax and TXOP limit (units of 32 us).
struct WmmAcParameters {
    std::uint8_t aci_aifsn = 0;
    std::uint8_t ecw = 0;
    std::uint16_t txop_limit = 0;

    [[nodiscard]] constexpr std::uint8_t aifsn() const noexcept { return static_cast<std::uint8_t>(aci_aifsn & 0x0f); }
    [[nodiscard]] constexpr bool admission_control_mandatory() const noexcept { return (aci_aifsn & 0x10) != 0; }
    // 0 best effort, 1 background, 2 video, 3 voice.
    [[nodiscard]] constexpr std::uint8_t aci() const noexcept {
        return static_cast<std::uint8_t>((aci_aifsn >> 5) & 0x3);
    }
    [[nodiscard]] constexpr std::uint8_t ecw_min() const noexcept { return static_cast<std::uint8_t>(ecw & 0x0f); }
    [[nodiscard]] constexpr std::uint8_t ecw_max() const noexcept { return static_cast<std::uint8_t>(ecw >> 4); }
};

// The information element (7 octets with OUI and type) and the parameter element (24 octets) share version
// and QoS Info; only the parameter element has AC records. Kismet raises WMMOVERFLOW for a beacon whose
// WMM element is longer than 24 octets, so the length as sent is kept.
struct WmmElement : ElementStatus {
    constexpr WmmElement() noexcept {}  // not `= default`: see ElementStatus
    std::uint8_t element_length = 0;    // the vendor element's Length octet
    std::uint8_t subtype = 0;
    std::uint8_t version = 0;
    std::uint8_t qos_info = 0;
    bool has_ac_parameters = false;
    std::array<WmmAcParameters, 4> ac_parameters{};

    // QoS Info as sent by an AP: B0-B3 parameter set count, B7 U-APSD.
    [[nodiscard]] constexpr std::uint8_t parameter_set_count() const noexcept {
        return static_cast<std::uint8_t>(qos_info & 0x0f);
    }
    [[nodiscard]] constexpr bool uapsd() const noexcept { return (qos_info & 0x80) != 0; }
};

// TSPEC (subtype 2): the traffic stream a station asks for, or an AP grants in an association response.
// Kismet counts these per association response (CVE-2017-11013 sends more than four).
struct WmmTspecElement : ElementStatus {
    constexpr WmmTspecElement() noexcept {}  // not `= default`: see ElementStatus
    std::uint8_t version = 0;
    std::array<std::uint8_t, 3> ts_info{};
    std::uint16_t nominal_msdu_size = 0;
    std::uint16_t maximum_msdu_size = 0;
    std::uint32_t minimum_service_interval = 0;
    std::uint32_t maximum_service_interval = 0;
    std::uint32_t mean_data_rate = 0;
    std::uint32_t minimum_phy_rate = 0;
    std::uint16_t surplus_bandwidth_allowance = 0;
    std::uint16_t medium_time = 0;

    [[nodiscard]] constexpr std::uint8_t tid() const noexcept {
        return static_cast<std::uint8_t>((ts_info[0] >> 1) & 0x0f);
    }
    // 0 uplink, 1 downlink, 3 bidirectional.
    [[nodiscard]] constexpr std::uint8_t direction() const noexcept {
        return static_cast<std::uint8_t>((ts_info[0] >> 5) & 0x3);
    }
    [[nodiscard]] constexpr std::uint8_t user_priority() const noexcept {
        return static_cast<std::uint8_t>((ts_info[1] >> 3) & 0x7);
    }
};

// `body` starts after the OUI and vendor type octets, at the OUI subtype. A body too short for its subtype is
// malformed; an unknown subtype is kept (subtype and version only) and is not malformed.
ElementProblem parse_wmm_element(std::span<const std::uint8_t> body, std::uint8_t element_length,
                                 WmmElement& out) noexcept;
ElementProblem parse_wmm_tspec_element(std::span<const std::uint8_t> body, WmmTspecElement& out) noexcept;

}  // namespace kismetcore::dissect
