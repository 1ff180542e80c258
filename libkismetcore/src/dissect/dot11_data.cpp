// Data frames (IEEE 802.11-2020 9.3.2): addresses by DS bits, QoS and HT Control, LLC/SNAP of the MSDU.
#include <algorithm>
#include <array>

#include "dissect/dot11_frame_parts.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::dissect::detail {
namespace {

// Address field contents by ToDS/FromDS (9.3.2.1, Table 9-26), as tshark names them. With both bits set (WDS,
// mesh) A3 is DA and A4 is SA; tshark then reports no BSSID. Indexed by the DS bits (ToDS + 2 * FromDS) rather
// than branched on: clients and APs take turns in a capture, so a branch on the direction mispredicts often.
constexpr std::array<std::uint8_t, 4> kDestinationAddress = {0, 2, 0, 2};
constexpr std::array<std::uint8_t, 4> kSourceAddress = {1, 1, 2, 3};
constexpr std::array<std::uint8_t, 4> kBssidAddress = {2, 0, 1, 0};
constexpr unsigned kWds = 3;

// The addresses come in `a` (A1-A4, from registers: see read_address); `ds` is ToDS + 2 * FromDS.
void resolve_data_addresses(Dot11Frame& out, const std::array<MacAddress, 4>& a, unsigned ds) noexcept {
    out.receiver.emplace(a[0]);
    out.transmitter.emplace(a[1]);
    out.destination.emplace(a[kDestinationAddress[ds]]);
    out.source.emplace(a[kSourceAddress[ds]]);
    if (ds != kWds) out.bssid.emplace(a[kBssidAddress[ds]]);
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
    ByteCursor cursor = cursor_after_duration(frame);
    // Data frame MAC header (9.3.2.1, Figure 9-63): A1, A2, A3, Sequence Control, A4 (ToDS and FromDS),
    // QoS Control (QoS subtypes), HT Control (QoS subtypes with +HTC).
    std::array<MacAddress, 4> a;
    if (!read_address(cursor, out.address1, a[0]) || !read_address(cursor, out.address2, a[1]) ||
        !read_address(cursor, out.address3, a[2]))
        return truncated_at("802.11 data header addresses cut short", cursor.offset());
    if (!read_sequence_control(cursor, out)) return truncated_at("802.11 sequence control cut short", cursor.offset());
    // One test of both DS bits: `to_ds && from_ds` branches on ToDS alone first, which is a coin toss.
    const unsigned ds = (out.to_ds ? 1u : 0u) | (out.from_ds ? 2u : 0u);
    if (ds == kWds && !read_address(cursor, out.address4, a[3]))
        return truncated_at("802.11 data header address 4 cut short", cursor.offset());
    resolve_data_addresses(out, a, ds);

    const bool qos = (out.subtype & dot11::data::kQosSubtypeBit) != 0;
    if (qos) {
        std::uint16_t qos_control = 0;
        if (!cursor.read_le16(qos_control)) return truncated_at("802.11 QoS control cut short", cursor.offset());
        out.qos_control = QosControl{qos_control};
        // In non-QoS data frames the Order bit means "strictly ordered" and adds no field (9.2.4.1.10).
        if (out.order) {
            std::uint32_t ht_control = 0;
            if (!cursor.read_le32(ht_control)) return truncated_at("802.11 HT control cut short", cursor.offset());
            out.ht_control = HtControl{ht_control};
        }
        out.amsdu = out.qos_control->amsdu_present();
    }
    out.header_length = cursor.offset();
    out.body = cursor.rest();
    if (out.body.empty()) return kDissectOk;

    if (out.protected_frame) {
        read_security_header(out);
        return kDissectOk;
    }
    // Null-function subtypes carry no MSDU, and only the first fragment starts with the LLC header.
    if ((out.subtype & dot11::data::kNoBodySubtypeBit) != 0 || out.fragment_number.value_or(0) != 0) return kDissectOk;
    if (out.amsdu)
        read_first_amsdu_subframe(out.body, out);
    else
        read_llc_snap(out.body, out);
    return kDissectOk;
}

}  // namespace kismetcore::dissect::detail
