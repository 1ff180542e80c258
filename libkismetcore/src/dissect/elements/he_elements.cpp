// HE Capabilities and HE Operation (IEEE 802.11ax-2021 9.4.2.248, 9.4.2.249).
#include "kismetcore/dissect/elements/he_elements.h"

#include "element_reading.h"

namespace kismetcore::dissect {
namespace {

bool read_map_pair(ByteCursor& cursor, std::optional<McsMap>& rx, std::optional<McsMap>& tx) noexcept {
    McsMap rx_map, tx_map;
    if (!cursor.read_le16(rx_map.raw) || !cursor.read_le16(tx_map.raw)) return false;
    rx = rx_map;
    tx = tx_map;
    return true;
}

}  // namespace

ElementProblem parse_he_capabilities_element(std::span<const std::uint8_t> body, HeCapabilitiesElement& out) noexcept {
    ByteCursor cursor(body);
    if (!detail::read_array(cursor, out.mac_capabilities) || !detail::read_array(cursor, out.phy_capabilities))
        return out.mark("HE capabilities shorter than its MAC and PHY capabilities");
    if (!cursor.read_le16(out.rx_mcs_80.raw) || !cursor.read_le16(out.tx_mcs_80.raw))
        return out.mark("HE capabilities cut inside its MCS and NSS set");
    if (out.supports_160mhz_in_5g() && !read_map_pair(cursor, out.rx_mcs_160, out.tx_mcs_160))
        return out.mark("HE capabilities cut before its 160 MHz MCS map");
    if (out.supports_80p80mhz_in_5g() && !read_map_pair(cursor, out.rx_mcs_80p80, out.tx_mcs_80p80))
        return out.mark("HE capabilities cut before its 80+80 MHz MCS map");
    out.ppe_thresholds = cursor.rest();
    if (out.ppe_thresholds_present() && out.ppe_thresholds.empty())
        return out.mark("HE capabilities announce PPE thresholds it does not carry");
    return nullptr;
}

ElementProblem parse_he_operation_element(std::span<const std::uint8_t> body, HeOperationElement& out) noexcept {
    // HE Operation Parameters (3), BSS Color Information (1), Basic HE-MCS and NSS Set (2), then the optional
    // VHT Operation Information (3), Max Co-Hosted BSSID Indicator (1) and 6 GHz Operation Information (5).
    ByteCursor cursor(body);
    std::uint8_t p0 = 0, p1 = 0, p2 = 0;
    if (!cursor.read_u8(p0) || !cursor.read_u8(p1) || !cursor.read_u8(p2) ||
        !cursor.read_u8(out.bss_color_information) || !cursor.read_le16(out.basic_mcs.raw))
        return out.mark("HE operation shorter than 6 octets");
    out.parameters = static_cast<std::uint32_t>(p0 | (p1 << 8) | (p2 << 16));

    if ((out.parameters & (1u << 14)) != 0) {
        VhtOperationElement vht;
        if (!cursor.read_u8(vht.channel_width) || !cursor.read_u8(vht.center_segment0) ||
            !cursor.read_u8(vht.center_segment1))
            return out.mark("HE operation cut inside its VHT operation information");
        out.vht_operation = vht;
    }
    if ((out.parameters & (1u << 15)) != 0) {
        std::uint8_t indicator = 0;
        if (!cursor.read_u8(indicator)) return out.mark("HE operation cut before its co-hosted BSSID indicator");
        out.max_cohosted_bssid_indicator = indicator;
    }
    if ((out.parameters & (1u << 17)) != 0) {
        He6GhzOperation six;
        if (!cursor.read_u8(six.primary_channel) || !cursor.read_u8(six.control) ||
            !cursor.read_u8(six.center_segment0) || !cursor.read_u8(six.center_segment1) ||
            !cursor.read_u8(six.minimum_rate))
            return out.mark("HE operation cut inside its 6 GHz operation information");
        out.six_ghz_operation = six;
    }
    return nullptr;
}

}  // namespace kismetcore::dissect
