// Formatting and parsing of MAC addresses.
#include "kismetcore/common/mac_address.h"

#include <algorithm>

#include "kismetcore/common/hex_digits.h"

namespace kismetcore {
namespace {

std::string_view format_with(const std::array<std::uint8_t, MacAddress::kLength>& octets, const char* digits,
                             std::array<char, MacAddress::kTextLength + 1>& out) noexcept {
    for (std::size_t i = 0; i < MacAddress::kLength; ++i) {
        out[i * 3] = digits[octets[i] >> 4];
        out[i * 3 + 1] = digits[octets[i] & 0x0f];
        if (i + 1 < MacAddress::kLength) out[i * 3 + 2] = ':';
    }
    out[MacAddress::kTextLength] = '\0';
    return {out.data(), MacAddress::kTextLength};
}

}  // namespace

MacAddress MacAddress::from_bytes(std::span<const std::uint8_t, kLength> bytes) noexcept {
    std::array<std::uint8_t, kLength> octets{};
    std::copy(bytes.begin(), bytes.end(), octets.begin());
    return MacAddress(octets);
}

std::optional<MacAddress> MacAddress::parse(std::string_view text) noexcept {
    if (text.size() != kTextLength) return std::nullopt;
    std::array<std::uint8_t, kLength> octets{};
    for (std::size_t i = 0; i < kLength; ++i) {
        const std::size_t at = i * 3;
        const int high = hex::digit_value(text[at]);
        const int low = hex::digit_value(text[at + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        if (i + 1 < kLength && text[at + 2] != ':' && text[at + 2] != '-') return std::nullopt;
        octets[i] = static_cast<std::uint8_t>(high * 16 + low);
    }
    return MacAddress(octets);
}

std::string_view MacAddress::format(std::array<char, kTextLength + 1>& out) const noexcept {
    return format_with(octets_, hex::kLowerDigits, out);
}

std::string_view MacAddress::format_upper(std::array<char, kTextLength + 1>& out) const noexcept {
    return format_with(octets_, hex::kUpperDigits, out);
}

std::string MacAddress::to_upper_string() const {
    std::array<char, kTextLength + 1> buffer{};
    return std::string(format_upper(buffer));
}

std::string MacAddress::to_string() const {
    std::array<char, kTextLength + 1> buffer{};
    return std::string(format(buffer));
}

}  // namespace kismetcore
