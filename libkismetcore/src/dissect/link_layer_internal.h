// Private to the link-layer readers: handing back the 802.11 frame that follows a capture header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "kismetcore/capture/packet.h"
#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/fcs.h"
#include "kismetcore/dissect/link_layer.h"
#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::dissect {

// Sets `payload` to the DLT 105 frame after `header_length` bytes of `packet`. With `fcs_present` the last
// 4 bytes are the FCS: they are cut, and radio.bad_fcs is set when they are not the frame's CRC-32.
// Returns truncated when an FCS is announced but fewer than 4 bytes follow the header.
// Inline: every reader ends with it, and the call cost about as much as the work for a frame without an FCS.
inline DissectError finish_dot11_payload(std::span<const std::uint8_t> packet, std::size_t header_length,
                                         bool fcs_present, RadioInfo& radio, LinkPayload& payload) noexcept {
    auto frame = packet.subspan(header_length);
    if (fcs_present) {
        if (frame.size() < 4)
            return dissect_error(DissectStatus::truncated, "FCS announced but fewer than 4 bytes follow the header",
                                 header_length);
        radio.fcs_present = true;
        if (!fcs_valid(frame)) radio.bad_fcs = true;
        frame = frame.first(frame.size() - 4);
    }
    payload = LinkPayload{capture::dlt::kIeee80211, frame};
    return kDissectOk;
}

}  // namespace kismetcore::dissect
