// Internal: the per-type halves of dissect_dot11_frame, split by frame type across the dot11_*.cpp files.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

#include "kismetcore/common/byte_cursor.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/dot11_frame.h"

namespace kismetcore::dissect::detail {

inline constexpr DissectError truncated_at(const char* reason, std::size_t offset) noexcept {
    return dissect_error(DissectStatus::truncated, reason, offset);
}

// Every frame has two to four addresses: this is built in place (MacAddress::from_bytes is a call).
inline bool read_address(ByteCursor& cursor, std::optional<MacAddress>& out) noexcept {
    std::span<const std::uint8_t> bytes;
    if (!cursor.read_bytes(MacAddress::kLength, bytes)) return false;
    std::array<std::uint8_t, MacAddress::kLength> octets;
    std::copy_n(bytes.begin(), MacAddress::kLength, octets.begin());
    out.emplace(octets);
    return true;
}

// Reads the Sequence Control field (9.2.4.4: B0-B3 fragment number, B4-B15 sequence number).
inline bool read_sequence_control(ByteCursor& cursor, Dot11Frame& out) noexcept {
    std::uint16_t sequence_control = 0;
    if (!cursor.read_le16(sequence_control)) return false;
    out.fragment_number = static_cast<std::uint8_t>(sequence_control & 0x0f);
    out.sequence_number = static_cast<std::uint16_t>(sequence_control >> 4);
    return true;
}

// Each reads what follows the Duration/ID field; `cursor` stands just after it.
DissectError dissect_management(ByteCursor& cursor, Dot11Frame& out) noexcept;
DissectError dissect_control(ByteCursor& cursor, Dot11Frame& out) noexcept;
DissectError dissect_data(ByteCursor& cursor, Dot11Frame& out) noexcept;
DissectError dissect_extension(ByteCursor& cursor, Dot11Frame& out) noexcept;

// Classifies a protected frame's body by its security header (WEP IV or TKIP/CCMP/GCMP header).
void read_security_header(Dot11Frame& out) noexcept;

}  // namespace kismetcore::dissect::detail
