// Setting a record's text field to a number's decimal form without building a temporary string.
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace kismetcore::track::dot11 {

// Kismet keeps channels as text; most packets repeat the channel already stored, so this compares before it
// writes and never allocates for a number that fits the string's inline buffer.
inline void assign_decimal(std::string& target, std::uint32_t value) {
    std::array<char, 10> digits;  // 4294967295
    const auto* end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    const std::string_view text(digits.data(), static_cast<std::size_t>(end - digits.data()));
    if (target != text) target.assign(text);
}

}  // namespace kismetcore::track::dot11
