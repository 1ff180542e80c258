// The whole dissection of one captured packet: link-layer header, then the 802.11 frame it carries.
#pragma once

#include "kismetcore/capture/packet.h"
#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/dot11_packet.h"
#include "kismetcore/dissect/link_layer.h"
#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::dissect {

// Everything dissection learnt about one packet. The spans inside point into the packet's bytes, so a
// DissectedPacket is valid only while that packet is unchanged. Reuse one instance across packets: it is
// reset by each call and never allocates.
struct DissectedPacket {
    RadioInfo radio;
    LinkPayload payload;
    Dot11Packet dot11;
    // True when the payload was an 802.11 frame and its header decoded (dot11.frame is meaningful).
    bool has_dot11 = false;
    // The first problem met, if any. Fields decoded before it stay valid.
    DissectError error;
};

// Dissects `packet` into `out`. Returns out.error. Never throws and never allocates.
DissectError dissect_packet(const capture::Packet& packet, DissectedPacket& out) noexcept;

}  // namespace kismetcore::dissect
