// CRC-32 for the 802.11 FCS, slicing by 8 bytes with tables built at compile time.
#include "kismetcore/dissect/fcs.h"

#include <array>
#include <cstddef>

namespace kismetcore::dissect {
namespace {

constexpr std::uint32_t kReflectedPolynomial = 0xEDB88320u;  // 0x04C11DB7 bit-reversed

using CrcTables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr CrcTables make_tables() noexcept {
    CrcTables tables{};
    for (std::uint32_t byte = 0; byte < 256; ++byte) {
        std::uint32_t crc = byte;
        for (int bit = 0; bit < 8; ++bit) crc = (crc & 1u) != 0 ? (crc >> 1) ^ kReflectedPolynomial : crc >> 1;
        tables[0][byte] = crc;
    }
    // tables[k][b] is the CRC of byte b followed by k zero bytes, so eight bytes fold in one step.
    for (std::size_t k = 1; k < tables.size(); ++k)
        for (std::size_t byte = 0; byte < 256; ++byte)
            tables[k][byte] = (tables[k - 1][byte] >> 8) ^ tables[0][tables[k - 1][byte] & 0xFFu];
    return tables;
}

constexpr CrcTables kTables = make_tables();

// Callers guarantee `offset + 4 <= bytes.size()`.
constexpr std::uint32_t load_le32(std::span<const std::uint8_t> bytes, std::size_t offset) noexcept {
    return static_cast<std::uint32_t>(bytes[offset]) | (static_cast<std::uint32_t>(bytes[offset + 1]) << 8) |
           (static_cast<std::uint32_t>(bytes[offset + 2]) << 16) |
           (static_cast<std::uint32_t>(bytes[offset + 3]) << 24);
}

}  // namespace

std::uint32_t crc32(std::span<const std::uint8_t> bytes) noexcept {
    std::uint32_t crc = 0xFFFFFFFFu;
    std::size_t offset = 0;
    const std::size_t size = bytes.size();
    for (; offset + 8 <= size; offset += 8) {
        const std::uint32_t low = load_le32(bytes, offset) ^ crc;
        const std::uint32_t high = load_le32(bytes, offset + 4);
        crc = kTables[7][low & 0xFFu] ^ kTables[6][(low >> 8) & 0xFFu] ^ kTables[5][(low >> 16) & 0xFFu] ^
              kTables[4][low >> 24] ^ kTables[3][high & 0xFFu] ^ kTables[2][(high >> 8) & 0xFFu] ^
              kTables[1][(high >> 16) & 0xFFu] ^ kTables[0][high >> 24];
    }
    for (; offset < size; ++offset) crc = (crc >> 8) ^ kTables[0][(crc ^ bytes[offset]) & 0xFFu];
    return crc ^ 0xFFFFFFFFu;
}

bool fcs_valid(std::span<const std::uint8_t> frame_with_fcs) noexcept {
    if (frame_with_fcs.size() < 4) return false;
    const std::size_t body = frame_with_fcs.size() - 4;
    return crc32(frame_with_fcs.first(body)) == load_le32(frame_with_fcs, body);
}

}  // namespace kismetcore::dissect
