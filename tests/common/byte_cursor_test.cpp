// Pins the bounds-checking contract every dissector relies on.
#include <catch2/catch.hpp>

#include <array>
#include <utility>

#include "kismetcore/common/byte_cursor.h"

using kismetcore::ByteCursor;

TEST_CASE("byte cursor reads little- and big-endian integers in order") {
    const std::array<std::uint8_t, 7> bytes{0x34, 0x12, 0x12, 0x34, 0x78, 0x56, 0x34};
    ByteCursor cursor(bytes);
    std::uint16_t little = 0, big = 0;
    std::uint8_t single = 0;
    REQUIRE(cursor.read_le16(little));
    REQUIRE(cursor.read_be16(big));
    REQUIRE(cursor.read_u8(single));
    CHECK(little == 0x1234);
    CHECK(big == 0x1234);
    CHECK(single == 0x78);
    CHECK(cursor.remaining() == 2);
    CHECK(cursor.ok());
}

TEST_CASE("byte cursor refuses a read past the end and remembers the overrun") {
    const std::array<std::uint8_t, 3> bytes{1, 2, 3};
    ByteCursor cursor(bytes);
    std::uint32_t value = 0xdeadbeef;
    CHECK_FALSE(cursor.read_le32(value));
    CHECK(value == 0xdeadbeef);
    CHECK(cursor.offset() == 0);
    CHECK_FALSE(cursor.ok());
}

TEST_CASE("byte cursor aligns relative to the start of its span") {
    const std::array<std::uint8_t, 8> bytes{};
    ByteCursor cursor(bytes);
    REQUIRE(cursor.skip(1));
    REQUIRE(cursor.align(4));
    CHECK(cursor.offset() == 4);
    REQUIRE(cursor.align(4));
    CHECK(cursor.offset() == 4);
    REQUIRE(cursor.skip(3));
    CHECK(cursor.align(8));
    CHECK(cursor.offset() == 8);
    CHECK_FALSE(cursor.skip(1));
}

TEST_CASE("byte cursor hands out sub-spans without copying") {
    const std::array<std::uint8_t, 5> bytes{9, 8, 7, 6, 5};
    ByteCursor cursor(bytes);
    std::span<const std::uint8_t> view;
    REQUIRE(cursor.skip(1));
    REQUIRE(cursor.read_bytes(3, view));
    CHECK(view.data() == bytes.data() + 1);
    CHECK(view.size() == 3);
    CHECK_FALSE(cursor.read_bytes(2, view));
    CHECK(view.size() == 3);
}

TEST_CASE("byte cursor reads the same values in constant evaluation as at run time") {
    static constexpr std::array<std::uint8_t, 8> bytes{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
    constexpr auto read_both = [] {
        ByteCursor cursor(bytes);
        std::uint32_t little = 0, big = 0;
        cursor.read_le32(little);
        cursor.read_be32(big);
        return std::pair{little, big};
    };
    constexpr auto compile_time = read_both();
    static_assert(compile_time.first == 0x04030201u);
    static_assert(compile_time.second == 0x05060708u);
    CHECK(read_both() == compile_time);

    ByteCursor cursor(bytes);
    std::uint64_t wide = 0;
    REQUIRE(cursor.read_be64(wide));
    CHECK(wide == 0x0102030405060708ull);
}
