// HT Capabilities and HT Operation (IEEE 802.11-2020 9.4.2.56, 9.4.2.57).
#include "kismetcore/dissect/elements/ht_elements.h"

#include "element_reading.h"

namespace kismetcore::dissect {

ElementProblem parse_ht_capabilities_element(std::span<const std::uint8_t> body, HtCapabilitiesElement& out) noexcept {
    // Figure 9-330: info (2), A-MPDU parameters (1), MCS set (16), extended (2), TxBF (4), ASEL (1) = 26.
    if (body.size() >= 26) {  // the usual case: one length check, then fixed offsets
        out.info = detail::le16(body.subspan<0, 2>());
        out.ampdu_parameters = body[2];
        std::copy_n(body.subspan<3, 16>().begin(), 16, out.mcs_set.begin());
        out.extended_capabilities = detail::le16(body.subspan<19, 2>());
        out.transmit_beamforming = detail::le32(body.subspan<21, 4>());
        out.antenna_selection = body[25];
        return nullptr;
    }
    // Too short: read what is there field by field, for diagnostics.
    ByteCursor cursor(body);
    if (!cursor.read_le16(out.info) || !cursor.read_u8(out.ampdu_parameters) ||
        !detail::read_array(cursor, out.mcs_set) || !cursor.read_le16(out.extended_capabilities) ||
        !cursor.read_le32(out.transmit_beamforming) || !cursor.read_u8(out.antenna_selection))
        return out.mark("HT capabilities shorter than 26 octets");
    return nullptr;
}

ElementProblem parse_ht_operation_element(std::span<const std::uint8_t> body, HtOperationElement& out) noexcept {
    // Figure 9-365: primary channel (1), HT operation information (5), basic MCS set (16) = 22.
    if (body.size() >= 22) {
        out.primary_channel = body[0];
        std::copy_n(body.subspan<1, 5>().begin(), 5, out.info.begin());
        std::copy_n(body.subspan<6, 16>().begin(), 16, out.basic_mcs_set.begin());
        return nullptr;
    }
    ByteCursor cursor(body);
    if (!cursor.read_u8(out.primary_channel) || !detail::read_array(cursor, out.info) ||
        !detail::read_array(cursor, out.basic_mcs_set))
        return out.mark("HT operation shorter than 22 octets");
    return nullptr;
}

}  // namespace kismetcore::dissect
