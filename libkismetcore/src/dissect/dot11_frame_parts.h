// Internal: the per-type halves of dissect_dot11_frame, split by frame type across the dot11_*.cpp files.
#pragma once

#include <cstddef>
#include <optional>

#include "kismetcore/common/byte_cursor.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/dot11_frame.h"

namespace kismetcore::dissect::detail {

inline constexpr DissectError truncated_at(const char* reason, std::size_t offset) noexcept {
    return dissect_error(DissectStatus::truncated, reason, offset);
}

inline bool read_address(ByteCursor& cursor, std::optional<MacAddress>& out) noexcept {
    std::span<const std::uint8_t> bytes;
    if (!cursor.read_bytes(MacAddress::kLength, bytes)) return false;
    out = MacAddress::from_bytes(bytes.first<MacAddress::kLength>());
    return true;
}

// Each reads what follows the Duration/ID field; `cursor` stands just after it.
DissectError dissect_management(ByteCursor& cursor, Dot11Frame& out) noexcept;
DissectError dissect_control(ByteCursor& cursor, Dot11Frame& out) noexcept;
DissectError dissect_data(ByteCursor& cursor, Dot11Frame& out) noexcept;
DissectError dissect_extension(ByteCursor& cursor, Dot11Frame& out) noexcept;

// Reads the Sequence Control field into sequence_number and fragment_number.
bool read_sequence_control(ByteCursor& cursor, Dot11Frame& out) noexcept;
// Classifies a protected frame's body by its security header (WEP IV or TKIP/CCMP/GCMP header).
void read_security_header(Dot11Frame& out) noexcept;

}  // namespace kismetcore::dissect::detail
