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

// Every frame has two to four addresses: this is built in place (MacAddress::from_bytes is a call). `value` gets
// the address too, so the role fields (receiver, source, ...) are filled from a register: reloading the optional
// just stored costs a failed store-to-load forward, since its seven bytes went out in three stores.
inline bool read_address(ByteCursor& cursor, std::optional<MacAddress>& field, MacAddress& value) noexcept {
    std::span<const std::uint8_t> bytes;
    if (!cursor.read_bytes(MacAddress::kLength, bytes)) return false;
    std::array<std::uint8_t, MacAddress::kLength> octets;
    std::copy_n(bytes.begin(), MacAddress::kLength, octets.begin());
    value = MacAddress(octets);
    field.emplace(value);  // three stores; `field = value` tests the engaged flag first
    return true;
}

inline bool read_address(ByteCursor& cursor, std::optional<MacAddress>& field) noexcept {
    MacAddress value;
    return read_address(cursor, field, value);
}

// Reads the Sequence Control field (9.2.4.4: B0-B3 fragment number, B4-B15 sequence number).
inline bool read_sequence_control(ByteCursor& cursor, Dot11Frame& out) noexcept {
    std::uint16_t sequence_control = 0;
    if (!cursor.read_le16(sequence_control)) return false;
    out.fragment_number = static_cast<std::uint8_t>(sequence_control & 0x0f);
    out.sequence_number = static_cast<std::uint16_t>(sequence_control >> 4);
    return true;
}

// Where the field after Frame Control and Duration/ID starts.
inline constexpr std::size_t kAfterDuration = 4;

// Each reads what follows the Duration/ID field of `frame`, which dissect_dot11_frame has checked is there. Each
// keeps its own cursor: one shared by reference lives in memory, and every read would store and reload it.
DissectError dissect_management(std::span<const std::uint8_t> frame, Dot11Frame& out) noexcept;
DissectError dissect_control(std::span<const std::uint8_t> frame, Dot11Frame& out) noexcept;
DissectError dissect_data(std::span<const std::uint8_t> frame, Dot11Frame& out) noexcept;
DissectError dissect_extension(std::span<const std::uint8_t> frame, Dot11Frame& out) noexcept;

// A cursor over `frame` standing just after Duration/ID.
inline ByteCursor cursor_after_duration(std::span<const std::uint8_t> frame) noexcept {
    ByteCursor cursor(frame);
    cursor.seek(kAfterDuration);
    return cursor;
}

// Classifies a protected frame's body by its security header (WEP IV or TKIP/CCMP/GCMP header).
void read_security_header(Dot11Frame& out) noexcept;

}  // namespace kismetcore::dissect::detail
