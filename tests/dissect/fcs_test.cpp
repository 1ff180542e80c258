// The FCS CRC-32 agrees with the bit-at-a-time definition on every length and alignment its fast paths split on.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <span>
#include <string_view>
#include <vector>

#include "kismetcore/dissect/fcs.h"

namespace {

// IEEE 802.3 CRC-32 one bit at a time, straight from the definition (reflected 0x04C11DB7).
std::uint32_t crc32_bitwise(std::span<const std::uint8_t> bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const std::uint8_t byte : bytes) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit) crc = (crc & 1u) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return crc ^ 0xFFFFFFFFu;
}

}  // namespace

TEST_CASE("crc32 of the check string is the standard check value", "[dissect][fcs]") {
    const std::string_view check = "123456789";
    CHECK(kismetcore::dissect::crc32(std::span(reinterpret_cast<const std::uint8_t*>(check.data()), check.size())) ==
          0xCBF43926u);
}

TEST_CASE("crc32 matches the bitwise definition for every length up to 300 and every alignment", "[dissect][fcs]") {
    std::mt19937 random(2026);
    std::vector<std::uint8_t> bytes(400);
    for (auto& byte : bytes) byte = static_cast<std::uint8_t>(random());
    for (std::size_t offset = 0; offset < 16; ++offset) {
        for (std::size_t length = 0; length <= 300; ++length) {
            const auto span = std::span<const std::uint8_t>(bytes).subspan(offset, length);
            INFO("offset " << offset << " length " << length);
            REQUIRE(kismetcore::dissect::crc32(span) == crc32_bitwise(span));
        }
    }
}

TEST_CASE("crc32 of a jumbo frame matches the bitwise definition", "[dissect][fcs]") {
    std::vector<std::uint8_t> bytes(7951);
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 31 + 7);
    CHECK(kismetcore::dissect::crc32(bytes) == crc32_bitwise(bytes));
}
