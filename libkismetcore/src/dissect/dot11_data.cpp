// Data frames (IEEE 802.11-2020 9.3.2): addresses by DS bits, QoS and HT Control, LLC/SNAP of the MSDU.
#include <algorithm>
#include <array>

#include "dissect/dot11_frame_parts.h"
#include "dissect/elements/element_reading.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::dissect::detail {
namespace {

// Address field contents by ToDS/FromDS (9.3.2.1, Table 9-26), as tshark names them, as where each role's address
// lies in the header. With both bits set (WDS, mesh) A3 is DA and A4 is SA; tshark then reports no BSSID. Indexed by
// the DS bits (ToDS + 2 * FromDS) rather than branched on: clients and APs take turns in a capture, so a branch on
// the direction mispredicts often. The addresses are read again from the frame, not from a copy indexed on the
// stack: a load from the packet is what the copy would cost, without storing it first.
constexpr std::array<std::uint8_t, 4> kDestinationAt = {kAddress1At, kAddress3At, kAddress1At, kAddress3At};
constexpr std::array<std::uint8_t, 4> kSourceAt = {kAddress2At, kAddress2At, kAddress3At, kAddress4At};
constexpr std::array<std::uint8_t, 4> kBssidAt = {kAddress3At, kAddress1At, kAddress2At, 0};
constexpr unsigned kWds = 3;
constexpr std::size_t kFourAddressHeaderLength = kAddress4At + MacAddress::kLength;

// A header cut short, read field by field to tell where it ends: the fields before the cut stay filled, and no
// address role is given (they wait for the whole header, as A4 decides them in WDS frames).
[[gnu::noinline]] DissectError data_header_cut_short(std::span<const std::uint8_t> frame, unsigned ds,
                                                     Dot11Frame& out) noexcept {
    ByteCursor cursor = cursor_after_duration(frame);
    if (!read_address(cursor, out.address1) || !read_address(cursor, out.address2) ||
        !read_address(cursor, out.address3))
        return truncated_at("802.11 data header addresses cut short", cursor.offset());
    if (!read_sequence_control(cursor, out)) return truncated_at("802.11 sequence control cut short", cursor.offset());
    if (ds == kWds && !read_address(cursor, out.address4))
        return truncated_at("802.11 data header address 4 cut short", cursor.offset());
    return kDissectOk;  // not reached: the caller saw the header cut short
}

// An MSDU that opens with an RFC 1042 or bridge-tunnel SNAP header carries an EtherType (IEEE 802.2, 802.1H).
// The two headers differ only in their sixth octet. Compared as fixed-size arrays: std::equal over spans of
// run-time length is a call to memcmp.
void read_llc_snap(std::span<const std::uint8_t> msdu, Dot11Frame& out) noexcept {
    if (msdu.size() < dot11::kLlcSnapLength) return;
    std::array<std::uint8_t, dot11::kRfc1042Header.size()> header;
    std::copy_n(msdu.begin(), header.size(), header.begin());
    if (header != dot11::kRfc1042Header && header != dot11::kBridgeTunnelHeader) return;
    out.ethertype = static_cast<std::uint16_t>((msdu[6] << 8) | msdu[7]);
    out.llc_payload = msdu.subspan(dot11::kLlcSnapLength);
}

// The first A-MSDU subframe (9.3.2.2.2, Figure 9-71): DA, SA, Length (big-endian), then the MSDU.
void read_first_amsdu_subframe(std::span<const std::uint8_t> body, Dot11Frame& out) noexcept {
    ByteCursor cursor(body);
    std::uint16_t length = 0;
    std::span<const std::uint8_t> msdu;
    if (!cursor.skip(2 * dot11::kAddressLength) || !cursor.read_be16(length)) return;
    if (!cursor.read_bytes(std::min<std::size_t>(length, cursor.remaining()), msdu)) return;
    read_llc_snap(msdu, out);
}

}  // namespace

DissectError dissect_data(std::span<const std::uint8_t> frame, Dot11Frame& out) noexcept {
    // Data frame MAC header (9.3.2.1, Figure 9-63): A1, A2, A3, Sequence Control, A4 (ToDS and FromDS),
    // QoS Control (QoS subtypes), HT Control (QoS subtypes with +HTC). One length test for the addresses and
    // Sequence Control; only a frame cut inside them goes field by field.
    const unsigned ds = out.flags & (dot11::fc_flag::kToDs | dot11::fc_flag::kFromDs);  // ToDS + 2 * FromDS
    const std::size_t address_header_length = ds == kWds ? kFourAddressHeaderLength : kThreeAddressHeaderLength;
    if (frame.size() < address_header_length) return data_header_cut_short(frame, ds, out);
    const AddressBits a1 = address_at(frame, kAddress1At);
    const AddressBits a2 = address_at(frame, kAddress2At);
    set_address(out.address1, a1);
    set_address(out.address2, a2);
    set_address(out.address3, address_at(frame, kAddress3At));
    if (ds == kWds) set_address(out.address4, address_at(frame, kAddress4At));
    set_address(out.receiver, a1);
    set_address(out.transmitter, a2);
    set_address(out.destination, address_at(frame, kDestinationAt[ds]));
    set_address(out.source, address_at(frame, kSourceAt[ds]));
    if (ds != kWds) set_address(out.bssid, address_at(frame, kBssidAt[ds]));
    const std::uint16_t sequence_control = le16(frame.subspan<kSequenceControlAt, 2>());
    set_sequence_control(sequence_control, out);
    ByteCursor cursor(frame);
    cursor.seek(address_header_length);

    const bool qos = (out.subtype & dot11::data::kQosSubtypeBit) != 0;
    if (qos) {
        std::uint16_t qos_control = 0;
        if (!cursor.read_le16(qos_control)) return truncated_at("802.11 QoS control cut short", cursor.offset());
        const QosControl qos_field{qos_control};
        out.qos_control.emplace(qos_field);
        // In non-QoS data frames the Order bit means "strictly ordered" and adds no field (9.2.4.1.10).
        if (out.order) {
            std::uint32_t ht_control = 0;
            if (!cursor.read_le32(ht_control)) return truncated_at("802.11 HT control cut short", cursor.offset());
            out.ht_control.emplace(HtControl{ht_control});
        }
        out.amsdu = qos_field.amsdu_present();
    }
    out.header_length = cursor.offset();
    out.body = cursor.rest();
    if (out.body.empty()) return kDissectOk;

    if (out.protected_frame) {
        read_security_header(out);
        return kDissectOk;
    }
    // Null-function subtypes carry no MSDU, and only the first fragment starts with the LLC header.
    const bool first_fragment = (sequence_control & 0x0f) == 0;
    if ((out.subtype & dot11::data::kNoBodySubtypeBit) != 0 || !first_fragment) return kDissectOk;
    if (out.amsdu)
        read_first_amsdu_subframe(out.body, out);
    else
        read_llc_snap(out.body, out);
    return kDissectOk;
}

}  // namespace kismetcore::dissect::detail
