// Management frames (IEEE 802.11-2020 9.3.3) and extension-type beacons (9.3.4): header and fixed fields.
#include "dissect/dot11_frame_parts.h"
#include "dissect/elements/element_reading.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::dissect::detail {
namespace {

namespace mgmt = dot11::management;

// Marks the rest of the body as the frame's element list (9.4.2).
void elements_from_here(const ByteCursor& cursor, Dot11Frame& out) noexcept {
    out.elements_offset = cursor.offset();
    out.elements = cursor.rest();
}

bool read_optional_le16(ByteCursor& cursor, std::optional<std::uint16_t>& out) noexcept {
    std::uint16_t value = 0;
    if (!cursor.read_le16(value)) return false;
    out = value;
    return true;
}

bool read_optional_le64(ByteCursor& cursor, std::optional<std::uint64_t>& out) noexcept {
    std::uint64_t value = 0;
    if (!cursor.read_le64(value)) return false;
    out = value;
    return true;
}

bool read_optional_u8(ByteCursor& cursor, std::optional<std::uint8_t>& out) noexcept {
    std::uint8_t value = 0;
    if (!cursor.read_u8(value)) return false;
    out = value;
    return true;
}

// The AID field keeps B14-B15 set for compatibility (9.4.1.8); the association ID is B0-B13.
bool read_association_id(ByteCursor& cursor, Dot11Frame& out) noexcept {
    std::uint16_t raw = 0;
    if (!cursor.read_le16(raw)) return false;
    out.association_id = static_cast<std::uint16_t>(raw & 0x3fff);
    return true;
}

// Action and Action No Ack frame bodies (9.3.3.13, 9.3.3.14): Category, then an action field whose first octet is
// the action code for every category except the vendor-specific ones, which put an OUI there instead (9.6.17).
DissectError read_action(ByteCursor& cursor, Dot11Frame& out) noexcept {
    if (!read_optional_u8(cursor, out.action_category))
        return truncated_at("802.11 action category cut short", cursor.offset());
    const std::uint8_t category = *out.action_category & 0x7f;  // B7 marks an error return of the frame
    if (category == dot11::action_category::kVendorSpecific ||
        category == dot11::action_category::kVendorSpecificProtected)
        return kDissectOk;
    if (!read_optional_u8(cursor, out.action_code))
        return truncated_at("802.11 action code cut short", cursor.offset());
    const std::uint8_t code = *out.action_code;
    // Kismet looks into radio measurement neighbor report responses only (9.6.6.7): a dialog token, then
    // Neighbor Report elements.
    if (category == dot11::action_category::kRadioMeasurement &&
        code == dot11::action_category::kNeighborReportResponse) {
        if (!cursor.skip(1)) return truncated_at("802.11 neighbor report dialog token cut short", cursor.offset());
        elements_from_here(cursor, out);
        return kDissectOk;
    }
    // The status and reason codes tshark reports as wlan.fixed.status_code / reason_code in action frames.
    bool complete = true;
    if (category == dot11::action_category::kBlockAck && code == 1)  // ADDBA Response (9.6.4.3): token, status
        complete = cursor.skip(1) && read_optional_le16(cursor, out.status_code);
    else if (category == dot11::action_category::kBlockAck && code == 2)  // DELBA (9.6.4.4): parameters, reason
        complete = cursor.skip(2) && read_optional_le16(cursor, out.reason_code);
    else if (category == dot11::action_category::kQos && code == 1)  // ADDTS Response (9.6.3.3): token, status
        complete = cursor.skip(1) && read_optional_le16(cursor, out.status_code);
    else if (category == dot11::action_category::kQos && code == 2)  // DELTS (9.6.3.4): TS Info (3), reason
        complete = cursor.skip(3) && read_optional_le16(cursor, out.reason_code);
    else if (category == dot11::action_category::kFastBssTransition && (code == 2 || code == 4))
        // FT Response and FT Ack (9.6.8.3, 9.6.8.5): STA Address, Target AP Address, Status Code.
        complete = cursor.skip(2 * dot11::kAddressLength) && read_optional_le16(cursor, out.status_code);
    return complete ? kDissectOk : truncated_at("802.11 action fields cut short", cursor.offset());
}

// The fixed fields of each subtype, in the order of Tables 9-32 to 9-49, and where the elements start.
DissectError read_fixed_fields(ByteCursor& cursor, Dot11Frame& out) noexcept {
    const char* reason = nullptr;
    switch (out.subtype) {
        case mgmt::kAssociationRequest:  // 9.3.3.5
            if (!read_optional_le16(cursor, out.capability_info) || !read_optional_le16(cursor, out.listen_interval))
                reason = "802.11 association request fixed fields cut short";
            break;
        case mgmt::kAssociationResponse:    // 9.3.3.6
        case mgmt::kReassociationResponse:  // 9.3.3.8
            if (!read_optional_le16(cursor, out.capability_info) || !read_optional_le16(cursor, out.status_code) ||
                !read_association_id(cursor, out))
                reason = "802.11 association response fixed fields cut short";
            break;
        case mgmt::kReassociationRequest:  // 9.3.3.7
            if (!read_optional_le16(cursor, out.capability_info) || !read_optional_le16(cursor, out.listen_interval) ||
                !read_address(cursor, out.current_ap))
                reason = "802.11 reassociation request fixed fields cut short";
            break;
        case mgmt::kProbeRequest:  // 9.3.3.9: elements only
            break;
        case mgmt::kBeacon:         // 9.3.3.2
        case mgmt::kProbeResponse:  // 9.3.3.10
            if (!read_optional_le64(cursor, out.timestamp) || !read_optional_le16(cursor, out.beacon_interval) ||
                !read_optional_le16(cursor, out.capability_info))
                reason = "802.11 beacon fixed fields cut short";
            break;
        case mgmt::kTimingAdvertisement:  // 9.3.3.15
            if (!read_optional_le64(cursor, out.timestamp) || !read_optional_le16(cursor, out.capability_info))
                reason = "802.11 timing advertisement fixed fields cut short";
            break;
        case mgmt::kAtim:  // 9.3.3.3: the frame body is null
            return kDissectOk;
        case mgmt::kDisassociation:    // 9.3.3.4
        case mgmt::kDeauthentication:  // 9.3.3.12
            if (!read_optional_le16(cursor, out.reason_code)) reason = "802.11 reason code cut short";
            break;
        case mgmt::kAuthentication:  // 9.3.3.11
            if (!read_optional_le16(cursor, out.auth_algorithm) || !read_optional_le16(cursor, out.auth_sequence) ||
                !read_optional_le16(cursor, out.status_code)) {
                reason = "802.11 authentication fixed fields cut short";
                break;
            }
            // SAE commit and confirm carry fields that are not elements (scalar, element, send-confirm).
            if (*out.auth_algorithm == dot11::auth_algorithm::kSae) return kDissectOk;
            break;
        case mgmt::kAction:
        case mgmt::kActionNoAck:
            return read_action(cursor, out);
        default:  // reserved subtypes: no known body
            return kDissectOk;
    }
    if (reason != nullptr) return truncated_at(reason, cursor.offset());
    elements_from_here(cursor, out);
    return kDissectOk;
}

// A header cut short, read field by field to tell where it ends: the fields before the cut stay filled.
[[gnu::noinline]] DissectError management_header_cut_short(std::span<const std::uint8_t> frame,
                                                           Dot11Frame& out) noexcept {
    ByteCursor cursor = cursor_after_duration(frame);
    MacAddress a1, a2, a3;
    if (!read_address(cursor, out.address1, a1) || !read_address(cursor, out.address2, a2) ||
        !read_address(cursor, out.address3, a3))
        return truncated_at("802.11 management header addresses cut short", cursor.offset());
    out.receiver.emplace(a1);
    out.destination.emplace(a1);
    out.transmitter.emplace(a2);
    out.source.emplace(a2);
    out.bssid.emplace(a3);
    return truncated_at("802.11 sequence control cut short", cursor.offset());
}

}  // namespace

DissectError dissect_management(std::span<const std::uint8_t> frame, Dot11Frame& out) noexcept {
    // Management frame MAC header (9.3.3.2, Figure 9-55): A1 = DA (= RA), A2 = SA (= TA), A3 = BSSID. One length
    // test for the whole of it; only a frame cut inside it goes field by field.
    if (frame.size() < kThreeAddressHeaderLength) return management_header_cut_short(frame, out);
    const AddressBits a1 = address_at(frame, kAddress1At);
    const AddressBits a2 = address_at(frame, kAddress2At);
    const AddressBits a3 = address_at(frame, kAddress3At);
    set_address(out.address1, a1);
    set_address(out.address2, a2);
    set_address(out.address3, a3);
    set_address(out.receiver, a1);
    set_address(out.destination, a1);
    set_address(out.transmitter, a2);
    set_address(out.source, a2);
    set_address(out.bssid, a3);
    set_sequence_control(le16(frame.subspan<kSequenceControlAt, 2>()), out);
    ByteCursor cursor(frame);
    cursor.seek(kThreeAddressHeaderLength);
    // +HTC: an HT Control field follows in management frames with the Order bit set (9.2.4.1.10).
    if (out.order) {
        std::uint32_t ht_control = 0;
        if (!cursor.read_le32(ht_control)) return truncated_at("802.11 HT control cut short", cursor.offset());
        out.ht_control = HtControl{ht_control};
    }
    out.header_length = cursor.offset();
    out.body = cursor.rest();

    // A protected management frame (shared-key authentication, robust management frames) is ciphertext.
    if (out.protected_frame) {
        read_security_header(out);
        return kDissectOk;
    }
    return read_fixed_fields(cursor, out);
}

DissectError dissect_extension(std::span<const std::uint8_t> frame, Dot11Frame& out) noexcept {
    ByteCursor cursor = cursor_after_duration(frame);
    if (out.subtype == dot11::extension::kDmgBeacon) {
        // DMG Beacon (9.3.4.2): FC, Duration, BSSID, body. tshark calls the one address both RA and BSSID.
        MacAddress bssid;
        if (!read_address(cursor, out.address1, bssid))
            return truncated_at("802.11 DMG beacon BSSID cut short", cursor.offset());
        out.receiver.emplace(bssid);
        out.bssid.emplace(bssid);
        out.header_length = cursor.offset();
        out.body = cursor.rest();
        // Timestamp, Sector Sweep (3), Beacon Interval, Beacon Interval Control (6), DMG Parameters (1), then a
        // Clustering Control field (8) when B0 of Beacon Interval Control (CC Present) is set (Table 9-50).
        std::span<const std::uint8_t> beacon_interval_control;
        if (!read_optional_le64(cursor, out.timestamp) || !cursor.skip(3) ||
            !read_optional_le16(cursor, out.beacon_interval) || !cursor.read_bytes(6, beacon_interval_control) ||
            !cursor.skip(1))
            return truncated_at("802.11 DMG beacon fixed fields cut short", cursor.offset());
        if ((beacon_interval_control[0] & 0x01) != 0 && !cursor.skip(8))
            return truncated_at("802.11 DMG beacon clustering control cut short", cursor.offset());
        elements_from_here(cursor, out);
        return kDissectOk;
    }
    if (out.subtype == dot11::extension::kS1gBeacon) {
        // S1G Beacon (9.3.4.3): FC, Duration, SA, Timestamp (4), Change Sequence (1), then Next TBTT (3),
        // Compressed SSID (4) and ANO (1) when FC B8, B9 and B10 say so.
        MacAddress source;
        if (!read_address(cursor, out.address1, source))
            return truncated_at("802.11 S1G beacon address cut short", cursor.offset());
        // The address is the AP's SA; tshark files it as both RA and SA, and kismetcore follows.
        out.receiver.emplace(source);
        out.source.emplace(source);
        std::uint32_t timestamp = 0;
        if (!cursor.read_le32(timestamp) || !cursor.skip(1))
            return truncated_at("802.11 S1G beacon fixed fields cut short", cursor.offset());
        out.timestamp = timestamp;
        const std::size_t optional_length = ((out.flags & 0x01) != 0 ? 3u : 0u) + ((out.flags & 0x02) != 0 ? 4u : 0u) +
                                            ((out.flags & 0x04) != 0 ? 1u : 0u);
        if (!cursor.skip(optional_length))
            return truncated_at("802.11 S1G beacon optional fields cut short", cursor.offset());
        out.header_length = 10;
        out.body = cursor.whole().subspan(out.header_length);
        elements_from_here(cursor, out);
        return kDissectOk;
    }
    // Reserved extension subtypes: past Duration only the first address is assumed (tshark shows it as RA).
    if (MacAddress receiver; read_address(cursor, out.address1, receiver)) out.receiver.emplace(receiver);
    out.header_length = cursor.offset();
    out.body = cursor.rest();
    return kDissectOk;
}

}  // namespace kismetcore::dissect::detail
