// Decodes any supported link-layer capture header into RadioInfo plus the frame it carries.
#pragma once

#include <cstdint>
#include <span>

#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::dissect {

// The frame after the capture header, with its own DLT: 105 is a bare 802.11 frame (FCS removed when the
// header said, or the check showed, that one was present); PPI can carry anything (147 for Ubertooth BLE).
// `bytes` is a view into the packet, valid while the packet is.
struct LinkPayload {
    std::uint32_t dlt = 0;
    std::span<const std::uint8_t> bytes;
};

// Decodes the link-layer header of `dlt` (105 passes the packet through; 119 Prism, or AVS when the bytes
// start with an AVS magic; 127 radiotap; 163 AVS; 192 PPI), resetting `radio` and `payload` first.
// On error `radio` keeps what was decoded before the problem; `payload` is empty except for an
// unsupported DLT, where it is the whole packet under that DLT.
DissectError dissect_link_layer(std::uint32_t dlt, std::span<const std::uint8_t> packet, RadioInfo& radio,
                                LinkPayload& payload) noexcept;

}  // namespace kismetcore::dissect
