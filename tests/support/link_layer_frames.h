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

namespace kismetcore::testing {

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
