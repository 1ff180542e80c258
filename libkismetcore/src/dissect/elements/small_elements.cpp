// TIM, power, TPC, channels, BSS load, mobility domain, extended capabilities, multiple BSSID, Cisco CCX1.
#include "kismetcore/dissect/elements/small_elements.h"

#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::dissect {

ElementProblem parse_tim_element(std::span<const std::uint8_t> body, TimElement& out) noexcept {
    // 9.4.2.5: DTIM Count, DTIM Period, Bitmap Control, and a Partial Virtual Bitmap of 1 to 251 octets.
    ByteCursor cursor(body);
    if (!cursor.read_u8(out.dtim_count) || !cursor.read_u8(out.dtim_period) || !cursor.read_u8(out.bitmap_control))
        return out.mark("TIM shorter than its 3 fixed octets");
    out.partial_virtual_bitmap = cursor.rest();
    if (out.partial_virtual_bitmap.empty()) return out.mark("TIM without a partial virtual bitmap");
    return nullptr;
}

ElementProblem parse_power_capability_element(std::span<const std::uint8_t> body,
                                              PowerCapabilityElement& out) noexcept {
    ByteCursor cursor(body);
    if (!cursor.read_i8(out.min_dbm) || !cursor.read_i8(out.max_dbm)) return out.mark("power capability not 2 octets");
    return cursor.empty() ? nullptr : out.mark("power capability not 2 octets");
}

ElementProblem parse_tpc_report_element(std::span<const std::uint8_t> body, TpcReportElement& out) noexcept {
    ByteCursor cursor(body);
    if (!cursor.read_i8(out.transmit_power_dbm) || !cursor.read_i8(out.link_margin_db))
        return out.mark("TPC report not 2 octets");
    return cursor.empty() ? nullptr : out.mark("TPC report not 2 octets");
}

ElementProblem parse_supported_channels_element(std::span<const std::uint8_t> body,
                                                SupportedChannelsElement& out) noexcept {
    ByteCursor cursor(body);
    ChannelSubband subband{};
    while (cursor.read_u8(subband.first_channel) && cursor.read_u8(subband.channel_count)) out.subbands.push(subband);
    if (body.empty() || body.size() % 2 != 0) return out.mark("supported channels not a list of octet pairs");
    return nullptr;
}

ElementProblem parse_bss_load_element(std::span<const std::uint8_t> body, BssLoadElement& out) noexcept {
    // 9.4.2.27: Station Count (2), Channel Utilization (1), Available Admission Capacity (2).
    ByteCursor cursor(body);
    if (!cursor.read_le16(out.station_count) || !cursor.read_u8(out.channel_utilization) ||
        !cursor.read_le16(out.available_admission_capacity) || !cursor.empty())
        return out.mark("BSS load not 5 octets");
    return nullptr;
}

ElementProblem parse_mobility_domain_element(std::span<const std::uint8_t> body, MobilityDomainElement& out) noexcept {
    // 9.4.2.46: MDID (2), FT Capability and Policy (1).
    ByteCursor cursor(body);
    if (!cursor.read_le16(out.mobility_domain_id) || !cursor.read_u8(out.ft_policy) || !cursor.empty())
        return out.mark("mobility domain not 3 octets");
    return nullptr;
}

ElementProblem parse_extended_capabilities_element(std::span<const std::uint8_t> body,
                                                   ExtendedCapabilitiesElement& out) noexcept {
    out.bytes = body;
    return body.empty() ? out.mark("extended capabilities with no octets") : nullptr;
}

ElementProblem parse_multiple_bssid_element(std::span<const std::uint8_t> body, MultipleBssidElement& out) noexcept {
    // 9.4.2.45: MaxBSSID Indicator, then subelements (ID, Length, body); ID 0 is a Nontransmitted BSSID Profile.
    ByteCursor cursor(body);
    if (!cursor.read_u8(out.max_bssid_indicator)) return out.mark("multiple BSSID without its indicator");
    if (out.max_bssid_indicator == 0) return out.mark("multiple BSSID indicator of 0");
    out.subelements = cursor.rest();
    while (!cursor.empty()) {
        std::uint8_t id = 0, length = 0;
        if (!cursor.read_u8(id) || !cursor.read_u8(length) || !cursor.skip(length))
            return out.mark("multiple BSSID subelement runs past the element");
        if (id == 0) ++out.profile_count;
    }
    return nullptr;
}

ElementProblem parse_cisco_ccx1_element(std::span<const std::uint8_t> body, CiscoCcx1Element& out) noexcept {
    // Proprietary: 10 octets, the AP name in 16 NUL-padded octets, then the client count.
    ByteCursor cursor(body);
    std::span<const std::uint8_t> name;
    if (!cursor.skip(10) || !cursor.read_bytes(16, name)) return out.mark("Cisco CCX1 element too short for a name");
    std::size_t length = 0;
    while (length < name.size() && name[length] != 0) ++length;
    out.ap_name = name.first(length);
    std::uint8_t clients = 0;
    if (cursor.read_u8(clients)) out.client_count = clients;
    return nullptr;
}

}  // namespace kismetcore::dissect
