// Country element (IEEE 802.11-2020 9.4.2.8).
#include "kismetcore/dissect/elements/country_element.h"

#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::dissect {

ElementProblem parse_country_element(std::span<const std::uint8_t> body, CountryElement& out) noexcept {
    ByteCursor cursor(body);
    std::uint8_t first = 0, second = 0;
    if (!cursor.read_u8(first) || !cursor.read_u8(second) || !cursor.read_u8(out.environment))
        return out.mark("country element shorter than its country string");
    out.code = {static_cast<char>(first), static_cast<char>(second)};

    CountryTriplet triplet;
    while (cursor.remaining() >= 3) {
        cursor.read_u8(triplet.first);
        cursor.read_u8(triplet.second);
        cursor.read_u8(triplet.third);
        out.triplets.push(triplet);
    }
    // One pad octet makes the length even (9.4.2.8); two leftover octets are a cut triplet.
    if (cursor.remaining() == 2) return out.mark("country element ends inside a triplet");
    return nullptr;
}

}  // namespace kismetcore::dissect
