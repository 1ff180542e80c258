// Frames and captures for the link-layer tests: a small 802.11 frame to wrap, and the shared real captures
// of a given DLT, read once.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "kismetcore/capture/packet.h"
#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/link_layer.h"
#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::testing {

// A link-layer header decoded by one reader. It owns the packet, so the payload view stays valid for as long
// as the result is inspected.
struct DecodedLinkLayer {
    std::vector<std::uint8_t> packet;
    dissect::DissectError error;
    dissect::RadioInfo radio;
    dissect::LinkPayload payload;
};

using LinkLayerReader = dissect::DissectError (*)(std::span<const std::uint8_t>, dissect::RadioInfo&,
                                                  dissect::LinkPayload&) noexcept;

// Runs `reader` over `packet`, moved in (a moved vector keeps its buffer, so the payload view survives).
DecodedLinkLayer decode_link_layer(LinkLayerReader reader, std::vector<std::uint8_t> packet);

bool same_bytes(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

// A beacon from 00:11:22:33:44:55 for the SSID "kismetcore" (no FCS): what a capture header usually carries.
std::vector<std::uint8_t> sample_beacon();
// A 10-byte ACK to 00:11:22:33:44:55 (no FCS): the shortest frame a radio reports.
std::vector<std::uint8_t> sample_ack();

// The packets of one shared capture (../shared/captures) whose link type is one of the asked-for DLTs.
struct SharedCapture {
    std::string name;  // file name, for messages
    std::vector<capture::Packet> packets;
};
std::vector<SharedCapture> shared_captures_with_dlt(std::initializer_list<std::uint32_t> dlts);

// Calls `dissect` on every prefix of `packet` (lengths 0 to size - 1) and returns the lengths whose status
// was not `expected`. A crash or sanitizer report fails the test on its own.
std::vector<std::size_t> prefixes_not_reporting(
    std::span<const std::uint8_t> packet, std::size_t up_to, dissect::DissectStatus expected,
    const std::function<dissect::DissectError(std::span<const std::uint8_t>)>& dissect);

}  // namespace kismetcore::testing
