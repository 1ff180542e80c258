// The 802.11 frame check sequence: computing it and checking a frame's trailing FCS.
#pragma once

#include <cstdint>
#include <span>

namespace kismetcore::dissect {

// CRC-32 as IEEE 802.11-2020 9.2.4.8 defines the FCS (the IEEE 802.3 polynomial 0x04C11DB7, reflected,
// initial value and final XOR 0xFFFFFFFF). The FCS is sent least significant byte first.
std::uint32_t crc32(std::span<const std::uint8_t> bytes) noexcept;

// True when the last 4 bytes of `frame_with_fcs` are the little-endian CRC-32 of the bytes before them.
// False for a span shorter than 4 bytes.
bool fcs_valid(std::span<const std::uint8_t> frame_with_fcs) noexcept;

}  // namespace kismetcore::dissect
