// WMM vendor element, 00-50-F2 type 2 (WMM Specification 1.2, 2.2.1 to 2.2.11).
#include "kismetcore/dissect/elements/wmm_element.h"

#include "element_reading.h"

namespace kismetcore::dissect {

ElementProblem parse_wmm_element(std::span<const std::uint8_t> body, std::uint8_t element_length,
                                 WmmElement& out) noexcept {
    out.element_length = element_length;
    // The usual case, a whole parameter element: subtype, version, QoS info, reserved, four 4-octet AC records.
    if (body.size() >= 20 && body[0] == wmm_subtype::kParameter) {
        out.subtype = body[0];
        out.version = body[1];
        out.qos_info = body[2];
        for (std::size_t i = 0; i < out.ac_parameters.size(); ++i) {
            const auto record = body.subspan(4 + 4 * i).first<4>();
            out.ac_parameters[i] = WmmAcParameters{record[0], record[1], detail::le16(record.last<2>())};
        }
        out.has_ac_parameters = true;
        return nullptr;
    }
    ByteCursor cursor(body);
    if (!cursor.read_u8(out.subtype) || !cursor.read_u8(out.version))
        return out.mark("WMM element without subtype and version");
    if (out.subtype != wmm_subtype::kInformation && out.subtype != wmm_subtype::kParameter) return nullptr;
    if (!cursor.read_u8(out.qos_info)) return out.mark("WMM element without QoS info");
    if (out.subtype == wmm_subtype::kInformation) return nullptr;

    if (!cursor.skip(1)) return out.mark("WMM parameter element cut before its AC records");  // reserved
    for (auto& ac : out.ac_parameters) {
        if (!cursor.read_u8(ac.aci_aifsn) || !cursor.read_u8(ac.ecw) || !cursor.read_le16(ac.txop_limit))
            return out.mark("WMM parameter element cut inside its AC records");
    }
    out.has_ac_parameters = true;
    return nullptr;
}

ElementProblem parse_wmm_tspec_element(std::span<const std::uint8_t> body, WmmTspecElement& out) noexcept {
    // Subtype, version, then the 55-octet TSPEC body (WMM 1.2, 2.2.11).
    ByteCursor cursor(body);
    std::uint8_t subtype = 0;
    std::span<const std::uint8_t> ts_info;
    std::uint32_t skipped = 0;
    const bool whole = cursor.read_u8(subtype) && cursor.read_u8(out.version) && cursor.read_bytes(3, ts_info) &&
                       cursor.read_le16(out.nominal_msdu_size) && cursor.read_le16(out.maximum_msdu_size) &&
                       cursor.read_le32(out.minimum_service_interval) &&
                       cursor.read_le32(out.maximum_service_interval) &&
                       cursor.read_le32(skipped) &&                                          // inactivity interval
                       cursor.read_le32(skipped) &&                                          // suspension interval
                       cursor.read_le32(skipped) &&                                          // service start time
                       cursor.read_le32(skipped) &&                                          // minimum data rate
                       cursor.read_le32(out.mean_data_rate) && cursor.read_le32(skipped) &&  // peak data rate
                       cursor.read_le32(skipped) &&                                          // burst size
                       cursor.read_le32(skipped) &&                                          // delay bound
                       cursor.read_le32(out.minimum_phy_rate) && cursor.read_le16(out.surplus_bandwidth_allowance) &&
                       cursor.read_le16(out.medium_time);
    if (ts_info.size() == 3) out.ts_info = {ts_info[0], ts_info[1], ts_info[2]};
    return whole ? nullptr : out.mark("WMM TSPEC shorter than 55 octets");
}

}  // namespace kismetcore::dissect
