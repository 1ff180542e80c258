// Kismet's device key hash, formatting and parsing (kismet-reference.md 2.1).
#include "kismetcore/common/device_key.h"

#include "kismetcore/common/hex_digits.h"

namespace kismetcore {
namespace {

// std::byteswap is C++23.
constexpr std::uint64_t byteswap(std::uint64_t value) noexcept {
    return __builtin_bswap64(value);
}

// Kismet stores each half in a u64 and prints it byte-swapped in hex without leading zeros; the phy half is
// padded to at least two digits, the MAC half is not (a MAC of 02:00:00:00:00:00 prints as "2").
std::size_t put_swapped_hex(std::uint64_t value, char* out, std::size_t min_digits) noexcept {
    const std::uint64_t swapped = byteswap(value);
    char digits[16];
    std::size_t count = 0;
    std::uint64_t rest = swapped;
    do {
        digits[count++] = hex::kUpperDigits[rest & 0x0f];
        rest >>= 4;
    } while (rest != 0);
    while (count < min_digits) digits[count++] = '0';
    for (std::size_t i = 0; i < count; ++i) out[i] = digits[count - 1 - i];
    return count;
}

std::optional<std::uint64_t> parse_hex(std::string_view text) noexcept {
    if (text.empty() || text.size() > 16) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : text) {
        const int digit = hex::digit_value(c);
        if (digit < 0) return std::nullopt;
        value = (value << 4) | static_cast<std::uint64_t>(digit);
    }
    return value;
}

std::uint64_t mac_in_top_bytes(const MacAddress& mac) noexcept {
    return mac.to_u64() << 16;
}

}  // namespace

std::uint32_t kismet_phy_hash(std::string_view phy_name) noexcept {
    if (phy_name.size() < 4) return 0;
    std::uint32_t s1 = 0;
    std::uint32_t s2 = 0;
    for (char c : phy_name) {
        s1 += static_cast<unsigned char>(c);
        s2 += s1;
    }
    return (s1 & 0xffff) + (s2 << 16);
}

std::optional<DeviceKey> DeviceKey::parse(std::string_view text) noexcept {
    const auto underscore = text.find('_');
    if (underscore == std::string_view::npos) return std::nullopt;
    const auto phy = parse_hex(text.substr(0, underscore));
    const auto mac = parse_hex(text.substr(underscore + 1));
    if (!phy || !mac) return std::nullopt;
    const std::uint64_t phy_value = byteswap(*phy);
    if (phy_value > 0xffffffffull) return std::nullopt;
    const std::uint64_t mac_value = byteswap(*mac);
    if ((mac_value & 0xffff) != 0) return std::nullopt;
    std::array<std::uint8_t, MacAddress::kLength> octets{};
    for (std::size_t i = 0; i < MacAddress::kLength; ++i)
        octets[i] = static_cast<std::uint8_t>(mac_value >> (56 - 8 * i));
    return DeviceKey(static_cast<std::uint32_t>(phy_value), MacAddress(octets));
}

std::string_view DeviceKey::format(std::array<char, kMaxTextLength>& out) const noexcept {
    std::size_t length = put_swapped_hex(phy_hash_, out.data(), 2);
    out[length++] = '_';
    length += put_swapped_hex(mac_in_top_bytes(mac_), out.data() + length, 1);
    out[length] = '\0';
    return {out.data(), length};
}

std::string DeviceKey::to_string() const {
    std::array<char, kMaxTextLength> buffer{};
    return std::string(format(buffer));
}

}  // namespace kismetcore
