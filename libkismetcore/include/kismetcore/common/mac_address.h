// A 48-bit IEEE MAC address as a value type, printed in Kismet's lower-case colon form.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

namespace kismetcore {

class MacAddress {
public:
    static constexpr std::size_t kLength = 6;
    // Room for "aa:bb:cc:dd:ee:ff" and a terminating NUL.
    static constexpr std::size_t kTextLength = 17;

    constexpr MacAddress() noexcept = default;
    constexpr explicit MacAddress(const std::array<std::uint8_t, kLength>& octets) noexcept : octets_(octets) {}

    // Copies the first six bytes of `bytes`; the caller guarantees there are six.
    static MacAddress from_bytes(std::span<const std::uint8_t, kLength> bytes) noexcept;
    // Accepts "aa:bb:cc:dd:ee:ff" and "aa-bb-cc-dd-ee-ff" in either case.
    static std::optional<MacAddress> parse(std::string_view text) noexcept;

    [[nodiscard]] constexpr const std::array<std::uint8_t, kLength>& octets() const noexcept { return octets_; }
    [[nodiscard]] constexpr std::uint8_t operator[](std::size_t i) const noexcept { return octets_[i]; }

    [[nodiscard]] constexpr bool is_broadcast() const noexcept {
        for (auto octet : octets_)
            if (octet != 0xff) return false;
        return true;
    }
    [[nodiscard]] constexpr bool is_zero() const noexcept {
        for (auto octet : octets_)
            if (octet != 0) return false;
        return true;
    }
    // The I/G bit: group (multicast or broadcast) addresses.
    [[nodiscard]] constexpr bool is_multicast() const noexcept { return (octets_[0] & 0x01) != 0; }
    // The U/L bit: locally administered, as randomised client MACs and virtual APs are.
    [[nodiscard]] constexpr bool is_locally_administered() const noexcept { return (octets_[0] & 0x02) != 0; }

    [[nodiscard]] constexpr std::uint64_t to_u64() const noexcept {
        std::uint64_t value = 0;
        for (auto octet : octets_) value = (value << 8) | octet;
        return value;
    }

    // Writes the lower-case colon form into `out` (no allocation); returns the 17 characters written.
    std::string_view format(std::array<char, kTextLength + 1>& out) const noexcept;
    [[nodiscard]] std::string to_string() const;
    // Kismet's JSON form: upper-case, colon-separated ("AA:BB:CC:DD:EE:FF").
    std::string_view format_upper(std::array<char, kTextLength + 1>& out) const noexcept;
    [[nodiscard]] std::string to_upper_string() const;

    friend constexpr auto operator<=>(const MacAddress&, const MacAddress&) noexcept = default;
    // The tracker compares addresses several times a packet; std::array's == ends in a memcmp call, while two
    // loads of 4 and 2 bytes compile to a handful of instructions.
    friend constexpr bool operator==(const MacAddress& a, const MacAddress& b) noexcept {
        if (std::is_constant_evaluated()) return a.octets_ == b.octets_;
        std::uint32_t a_high = 0;
        std::uint32_t b_high = 0;
        std::uint16_t a_low = 0;
        std::uint16_t b_low = 0;
        std::memcpy(&a_high, a.octets_.data(), sizeof a_high);
        std::memcpy(&b_high, b.octets_.data(), sizeof b_high);
        std::memcpy(&a_low, a.octets_.data() + sizeof a_high, sizeof a_low);
        std::memcpy(&b_low, b.octets_.data() + sizeof b_high, sizeof b_low);
        return ((a_high ^ b_high) | static_cast<std::uint32_t>(a_low ^ b_low)) == 0;
    }

private:
    std::array<std::uint8_t, kLength> octets_{};
};

}  // namespace kismetcore

template <>
struct std::hash<kismetcore::MacAddress> {
    // The low octets vary most between devices of one vendor, so a multiplicative mix of all six is enough.
    std::size_t operator()(const kismetcore::MacAddress& mac) const noexcept {
        return static_cast<std::size_t>(mac.to_u64() * 0x9E3779B97F4A7C15ull >> 16);
    }
};
