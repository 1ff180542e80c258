// Kismet's munging of over-the-air text, at the edges of the bytes kept as they are.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kismetcore/track/printable_text.h"

using kismetcore::track::munge_to_printable;

namespace {

std::string munged(const std::vector<std::uint8_t>& bytes) {
    return munge_to_printable(bytes);
}

}  // namespace

TEST_CASE("printable ASCII is kept as it is, from space to tilde", "[track][printable]") {
    std::vector<std::uint8_t> all;
    for (std::uint8_t byte = 0x20; byte <= 0x7e; ++byte)
        if (byte != '"' && byte != '\\') all.push_back(byte);
    CHECK(munged(all) == std::string(all.begin(), all.end()));
    CHECK(munged({}).empty());
}

TEST_CASE("quotes, backslashes and control bytes are escaped next to plain text", "[track][printable]") {
    CHECK(munged({'a', '"', 'b'}) == "a\\\"b");
    CHECK(munged({'a', '\\', 'b'}) == "a\\\\b");
    CHECK(munged({'a', '\t', 'b'}) == "a\\tb");
    CHECK(munged({'a', 0x1f}) == "a\\u001f");
    // DEL is kept in UTF-8 text, and spelled out in text that is not.
    CHECK(munged({'a', 0x7f}) == "a\x7f");
    CHECK(munged({0xff, 0x7f}) == "\\xFF\\x7F");
    CHECK(munged({0xc3, 0xa9}) == "\xc3\xa9");  // é, valid UTF-8
}
