// Private to the link-layer readers: handing back the 802.11 frame that follows a capture header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/link_layer.h"
#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::dissect {

// Sets `payload` to the DLT 105 frame after `header_length` bytes of `packet`. With `fcs_present` the last
// 4 bytes are the FCS: they are cut, and radio.bad_fcs is set when they are not the frame's CRC-32.
// Returns truncated when an FCS is announced but fewer than 4 bytes follow the header.
DissectError finish_dot11_payload(std::span<const std::uint8_t> packet, std::size_t header_length, bool fcs_present,
                                  RadioInfo& radio, LinkPayload& payload) noexcept;

}  // namespace kismetcore::dissect
