// Country element (IEEE 802.11-2020 9.4.2.8): the regulatory country and its channel/power triplets (802.11d).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "kismetcore/dissect/elements/element_list.h"
#include "kismetcore/dissect/elements/element_status.h"

namespace kismetcore::dissect {

// A Subband triplet (first channel, number of channels, maximum transmit power in dBm) or, when the first
// octet is 201 or more, an Operating triplet (operating extension identifier, operating class, coverage class).
// Trivially default-constructible (no member initializers) so that a CountryElement's 84-slot list is not zeroed:
// build one with braces, CountryTriplet{a, b, c}.
struct CountryTriplet {
    std::uint8_t first;
    std::uint8_t second;
    std::uint8_t third;

    [[nodiscard]] constexpr bool operating() const noexcept { return first >= 201; }
    [[nodiscard]] constexpr std::uint8_t first_channel() const noexcept { return first; }
    [[nodiscard]] constexpr std::uint8_t channel_count() const noexcept { return second; }
    [[nodiscard]] constexpr std::int8_t max_tx_power_dbm() const noexcept { return static_cast<std::int8_t>(third); }
    [[nodiscard]] constexpr std::uint8_t operating_extension_id() const noexcept { return first; }
    [[nodiscard]] constexpr std::uint8_t operating_class() const noexcept { return second; }
    [[nodiscard]] constexpr std::uint8_t coverage_class() const noexcept { return third; }

    friend constexpr bool operator==(const CountryTriplet&, const CountryTriplet&) = default;
};

struct CountryElement : ElementStatus {
    constexpr CountryElement() noexcept {}  // not `= default`: see ElementStatus

    std::array<char, 2> code{};  // ISO 3166-1 alpha-2 as sent, e.g. "US"; not validated
    // The third octet of the country string: ' ' all environments, 'O' outdoor, 'I' indoor, 'X' non-country,
    // or (since 802.11-2012) an operating-class table number such as 0x04 for Annex E table E-4.
    std::uint8_t environment = 0;
    // 255 octets hold at most 84 triplets.
    FixedList<CountryTriplet, 84> triplets;

    [[nodiscard]] constexpr std::string_view country_code() const noexcept { return {code.data(), code.size()}; }
};

// At least the 3-octet country string; then whole triplets, and one pad octet to an even length. Kismet accepts a
// country element cut inside its triplets ("fragments"); so does this parser, which keeps the whole triplets and
// marks the element malformed.
ElementProblem parse_country_element(std::span<const std::uint8_t> body, CountryElement& out) noexcept;

}  // namespace kismetcore::dissect
