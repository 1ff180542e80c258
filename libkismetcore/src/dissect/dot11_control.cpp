// Control frames (IEEE 802.11-2020 9.3.1; Trigger from 802.11ax-2021 9.3.1.22): addresses and leading fields.
#include "dissect/dot11_frame_parts.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::dissect::detail {
namespace {

namespace ctl = dot11::control;

// Every control frame opens with RA (9.3.1.1); these subtypes carry TA next.
bool has_transmitter_address(const Dot11Frame& frame) noexcept {
    switch (frame.subtype) {
        case ctl::kTrigger:
        case ctl::kTack:
        case ctl::kBeamformingReportPoll:
        case ctl::kVhtNdpAnnouncement:
        case ctl::kBlockAckRequest:
        case ctl::kBlockAck:
        case ctl::kPsPoll:
        case ctl::kRts:
            return true;
        // DMG control frames (9.3.1.12-9.3.1.20) all have RA and TA except DMG DTS (NAV-SA, NAV-DA).
        case ctl::kControlFrameExtension:
            return frame.control_frame_extension != ctl::kExtensionDmgDts;
        default:
            return false;  // CTS, ACK, control wrapper; CF-End's second address is the BSSID
    }
}

// The BAR/BA Control field (9.3.1.7.1, 9.3.1.8.1): B1-B4 are the BA type (Table 9-24). Basic (0), extended
// compressed (1), compressed (2) and GCR (6) variants start their information field with Starting Sequence
// Control; multi-TID (3) and multi-STA (11) put per-TID/per-AID fields first.
bool starts_with_sequence_control(std::uint16_t block_ack_control) noexcept {
    const auto ba_type = (block_ack_control >> 1) & 0x0f;
    return ba_type == 0 || ba_type == 1 || ba_type == 2 || ba_type == 6;
}

DissectError read_block_ack_fields(ByteCursor& cursor, Dot11Frame& out) noexcept {
    std::uint16_t control = 0;
    if (!cursor.read_le16(control)) return truncated_at("802.11 block ack control cut short", cursor.offset());
    out.block_ack_control = control;
    if (starts_with_sequence_control(control)) {
        std::uint16_t sequence = 0;
        if (!cursor.read_le16(sequence))
            return truncated_at("802.11 block ack starting sequence cut short", cursor.offset());
        out.starting_sequence_control = sequence;
    }
    return kDissectOk;
}

}  // namespace

DissectError dissect_control(std::span<const std::uint8_t> frame, Dot11Frame& out) noexcept {
    ByteCursor cursor = cursor_after_duration(frame);
    MacAddress a1, a2;
    if (!read_address(cursor, out.address1, a1))
        return truncated_at("802.11 control frame RA cut short", cursor.offset());
    out.receiver.emplace(a1);
    if (has_transmitter_address(out)) {
        if (!read_address(cursor, out.address2, a2))
            return truncated_at("802.11 control frame TA cut short", cursor.offset());
        out.transmitter.emplace(a2);
    }

    switch (out.subtype) {
        case ctl::kPsPoll:
            // PS-Poll (9.3.1.5): the Duration/ID field holds the AID, A1 is the BSSID the STA polls.
            out.association_id = static_cast<std::uint16_t>(out.duration_id & 0x3fff);
            out.bssid.emplace(a1);
            break;
        case ctl::kCfEnd:
        case ctl::kCfEndAck:
            // CF-End (9.3.1.6): A1 = RA, A2 = BSSID. tshark reports the second address as the BSSID only.
            if (!read_address(cursor, out.address2, a2))
                return truncated_at("802.11 CF-End BSSID cut short", cursor.offset());
            out.bssid.emplace(a2);
            break;
        case ctl::kControlWrapper: {
            // Control Wrapper (9.3.1.9): Carried Frame Control, HT Control, then the carried frame's rest.
            std::uint16_t carried = 0;
            std::uint32_t ht_control = 0;
            if (!cursor.read_le16(carried) || !cursor.read_le32(ht_control))
                return truncated_at("802.11 control wrapper fields cut short", cursor.offset());
            out.carried_frame_control = carried;
            out.ht_control = HtControl{ht_control};
            break;
        }
        default:
            break;
    }
    out.header_length = cursor.offset();
    out.body = cursor.rest();

    switch (out.subtype) {
        case ctl::kBlockAckRequest:  // 9.3.1.7
        case ctl::kBlockAck:         // 9.3.1.8
            return read_block_ack_fields(cursor, out);
        case ctl::kVhtNdpAnnouncement: {  // 9.3.1.19: Sounding Dialog Token, then STA Info fields
            std::uint8_t token = 0;
            if (!cursor.read_u8(token)) return truncated_at("802.11 sounding dialog token cut short", cursor.offset());
            out.sounding_dialog_token = token;
            return kDissectOk;
        }
        default:
            return kDissectOk;
    }
}

}  // namespace kismetcore::dissect::detail
