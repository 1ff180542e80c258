// VHT Capabilities and VHT Operation (IEEE 802.11-2020 9.4.2.157, 9.4.2.158).
#include "kismetcore/dissect/elements/vht_elements.h"

#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::dissect {

ElementProblem parse_vht_capabilities_element(std::span<const std::uint8_t> body,
                                              VhtCapabilitiesElement& out) noexcept {
    // Figure 9-608: VHT capabilities information (4), supported VHT-MCS and NSS set (8).
    ByteCursor cursor(body);
    if (!cursor.read_le32(out.info) || !cursor.read_le16(out.rx_mcs_map.raw) || !cursor.read_le16(out.rx_highest) ||
        !cursor.read_le16(out.tx_mcs_map.raw) || !cursor.read_le16(out.tx_highest))
        return out.mark("VHT capabilities shorter than 12 octets");
    return nullptr;
}

ElementProblem parse_vht_operation_element(std::span<const std::uint8_t> body, VhtOperationElement& out) noexcept {
    // Figure 9-612: channel width, CCFS0, CCFS1 (the VHT operation information), basic VHT-MCS and NSS set.
    ByteCursor cursor(body);
    if (!cursor.read_u8(out.channel_width) || !cursor.read_u8(out.center_segment0) ||
        !cursor.read_u8(out.center_segment1) || !cursor.read_le16(out.basic_mcs_map.raw))
        return out.mark("VHT operation shorter than 5 octets");
    return nullptr;
}

}  // namespace kismetcore::dissect
