// Internal: the per-type halves of dissect_dot11_frame, split by frame type across the dot11_*.cpp files.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <optional>
#include <type_traits>

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

// The Sequence Control field (9.2.4.4: B0-B3 fragment number, B4-B15 sequence number) into a freshly reset frame.
inline void set_sequence_control(std::uint16_t sequence_control, Dot11Frame& out) noexcept {
    out.fragment_number.emplace(static_cast<std::uint8_t>(sequence_control & 0x0f));
    out.sequence_number.emplace(static_cast<std::uint16_t>(sequence_control >> 4));
}

inline bool read_sequence_control(ByteCursor& cursor, Dot11Frame& out) noexcept {
    std::uint16_t sequence_control = 0;
    if (!cursor.read_le16(sequence_control)) return false;
    set_sequence_control(sequence_control, out);
    return true;
}

// Where the field after Frame Control and Duration/ID starts.
inline constexpr std::size_t kAfterDuration = 4;

// The header every management and data frame opens with (Figures 9-55 and 9-63): Frame Control, Duration/ID,
// A1, A2, A3 and Sequence Control; where each address starts.
inline constexpr std::size_t kThreeAddressHeaderLength = 24;
inline constexpr std::size_t kAddress1At = 4, kAddress2At = 10, kAddress3At = 16, kSequenceControlAt = 22;
inline constexpr std::size_t kAddress4At = kThreeAddressHeaderLength;

// An address as loaded from the frame: four octets and two, each in a register. Kept as integers until stored:
// GCC keeps copies of a MacAddress built from the loads on the stack (one per optional it fills), these it does not.
struct AddressBits {
    std::uint32_t first_four = 0;
    std::uint16_t last_two = 0;
};

// The address at `at`, which the caller has checked lies within `frame`.
inline AddressBits address_at(std::span<const std::uint8_t> frame, std::size_t at) noexcept {
    AddressBits bits;
    std::memcpy(&bits.first_four, frame.data() + at, sizeof bits.first_four);
    std::memcpy(&bits.last_two, frame.data() + at + sizeof bits.first_four, sizeof bits.last_two);
    return bits;
}

// Fills an address field of a freshly reset frame.
inline void set_address(std::optional<MacAddress>& field, AddressBits bits) noexcept {
    static_assert(std::is_trivially_copyable_v<MacAddress> && sizeof(MacAddress) == MacAddress::kLength);
    auto* octets = reinterpret_cast<unsigned char*>(&field.emplace());
    std::memcpy(octets, &bits.first_four, sizeof bits.first_four);
    std::memcpy(octets + sizeof bits.first_four, &bits.last_two, sizeof bits.last_two);
}

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
