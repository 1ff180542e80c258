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

    std::span<const std::uint8_t> triplets;
    cursor.read_bytes(cursor.remaining() / 3 * 3, triplets);  // whole triplets: fits by construction
    for (std::size_t i = 0; i < triplets.size(); i += 3)
        out.triplets.push(CountryTriplet{triplets[i], triplets[i + 1], triplets[i + 2]});
    // One pad octet makes the length even (9.4.2.8); two leftover octets are a cut triplet.
    if (cursor.remaining() == 2) return out.mark("country element ends inside a triplet");
    return nullptr;
}

}  // namespace kismetcore::dissect
