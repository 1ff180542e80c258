// Chains the link-layer dissector and the 802.11 dissector for one packet.
#include "kismetcore/dissect/packet_dissector.h"

#include "kismetcore/dissect/radiotap_reader.h"

namespace kismetcore::dissect {

DissectError dissect_packet(const capture::Packet& packet, DissectedPacket& out) noexcept {
    out.has_dot11 = false;
    // Radiotap, what nearly every capture carries, goes straight to its reader: the hop through the DLT switch
    // cost a call and a dispatch per packet.
    out.error = packet.dlt == capture::dlt::kRadiotap
                    ? dissect_radiotap(packet.bytes(), out.radio, out.payload)
                    : dissect_link_layer(packet.dlt, packet.bytes(), out.radio, out.payload);
    if (!out.error.ok()) return out.error;
    if (out.payload.dlt != capture::dlt::kIeee80211) {
        // Not every capture carries Wi-Fi (PPI can wrap Bluetooth LE); that is not a damaged packet.
        return out.error;
    }
    const DissectError frame_error = dissect_dot11_packet(out.payload.bytes, out.dot11);
    // A frame cut short still tells its type and whatever addresses came before the cut, as tshark shows.
    out.has_dot11 = out.payload.bytes.size() >= 2;
    if (!frame_error.ok()) {
        // Offsets from the 802.11 dissector are relative to the frame; report them relative to the packet.
        const auto frame_start = static_cast<std::size_t>(out.payload.bytes.data() - packet.data.data());
        out.error = dissect_error(frame_error.status, frame_error.reason, frame_error.offset + frame_start);
    }
    return out.error;
}

}  // namespace kismetcore::dissect
