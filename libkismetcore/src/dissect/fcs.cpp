// CRC-32 for the 802.11 FCS: carry-less multiply folding where the CPU has it, else slicing by 8 bytes with tables
// built at compile time.
#include "kismetcore/dissect/fcs.h"

#include <array>
#include <cstddef>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define KISMETCORE_CRC32_CLMUL 1
#endif

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

// Folds `crc` (the register, not yet inverted at the end) over `bytes` a byte at a time and 8 at a time.
std::uint32_t crc32_by_tables(std::uint32_t crc, std::span<const std::uint8_t> bytes) noexcept {
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
    return crc;
}

#ifdef KISMETCORE_CRC32_CLMUL

__attribute__((target("sse2"))) inline __m128i load(const std::uint8_t* from) noexcept {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
}

// Multiplies both halves of `lane` by their folding constants and adds the next 16 bytes.
__attribute__((target("pclmul,sse4.1"))) inline __m128i fold(__m128i lane, __m128i constants, __m128i next) noexcept {
    const __m128i low = _mm_clmulepi64_si128(lane, constants, 0x00);
    const __m128i high = _mm_clmulepi64_si128(lane, constants, 0x11);
    return _mm_xor_si128(_mm_xor_si128(high, low), next);
}

// Carry-less multiplication folding (Gopal et al., "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ
// Instruction", Intel 2009), with the constants of the reflected 0x04C11DB7 polynomial: four 128-bit lanes fold
// 64 bytes per step, then one lane folds 16 bytes per step, then a Barrett reduction gives the 32-bit register.
// `bytes.size()` is a multiple of 16 and at least 64.
__attribute__((target("pclmul,sse4.1"))) std::uint32_t crc32_by_clmul(std::uint32_t crc,
                                                                      std::span<const std::uint8_t> bytes) noexcept {
    const auto* at = bytes.data();
    std::size_t left = bytes.size();

    __m128i lane1 = _mm_xor_si128(load(at), _mm_cvtsi32_si128(static_cast<int>(crc)));
    __m128i lane2 = load(at + 16);
    __m128i lane3 = load(at + 32);
    __m128i lane4 = load(at + 48);
    at += 64;
    left -= 64;

    const __m128i fold_by_64 = _mm_set_epi64x(0x01c6e41596, 0x0154442bd4);
    for (; left >= 64; at += 64, left -= 64) {
        lane1 = fold(lane1, fold_by_64, load(at));
        lane2 = fold(lane2, fold_by_64, load(at + 16));
        lane3 = fold(lane3, fold_by_64, load(at + 32));
        lane4 = fold(lane4, fold_by_64, load(at + 48));
    }

    const __m128i fold_by_16 = _mm_set_epi64x(0x00ccaa009e, 0x01751997d0);
    __m128i folded = fold(lane1, fold_by_16, lane2);
    folded = fold(folded, fold_by_16, lane3);
    folded = fold(folded, fold_by_16, lane4);
    for (; left >= 16; at += 16, left -= 16) folded = fold(folded, fold_by_16, load(at));

    // 128 bits to 64, then to a 32-bit remainder by Barrett reduction.
    const __m128i low_32_mask = _mm_setr_epi32(~0, 0, ~0, 0);
    folded = _mm_xor_si128(_mm_srli_si128(folded, 8), _mm_clmulepi64_si128(folded, fold_by_16, 0x10));
    const __m128i fold_by_4 = _mm_set_epi64x(0, 0x0163cd6124);
    folded = _mm_xor_si128(_mm_srli_si128(folded, 4),
                           _mm_clmulepi64_si128(_mm_and_si128(folded, low_32_mask), fold_by_4, 0x00));
    const __m128i barrett = _mm_set_epi64x(0x01f7011641, 0x01db710641);
    __m128i quotient = _mm_clmulepi64_si128(_mm_and_si128(folded, low_32_mask), barrett, 0x10);
    quotient = _mm_clmulepi64_si128(_mm_and_si128(quotient, low_32_mask), barrett, 0x00);
    return static_cast<std::uint32_t>(_mm_extract_epi32(_mm_xor_si128(folded, quotient), 1));
}

bool cpu_has_clmul() noexcept {
    // Asked once: the answer cannot change while the process runs.
    static const bool has = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
    return has;
}

#endif

}  // namespace

std::uint32_t crc32(std::span<const std::uint8_t> bytes) noexcept {
    std::uint32_t crc = 0xFFFFFFFFu;
#ifdef KISMETCORE_CRC32_CLMUL
    if (bytes.size() >= 64 && cpu_has_clmul()) {
        const std::size_t folded = bytes.size() & ~std::size_t{15};
        crc = crc32_by_clmul(crc, bytes.first(folded));
        bytes = bytes.subspan(folded);
    }
#endif
    return crc32_by_tables(crc, bytes) ^ 0xFFFFFFFFu;
}

bool fcs_valid(std::span<const std::uint8_t> frame_with_fcs) noexcept {
    if (frame_with_fcs.size() < 4) return false;
    const std::size_t body = frame_with_fcs.size() - 4;
    return crc32(frame_with_fcs.first(body)) == load_le32(frame_with_fcs, body);
}

}  // namespace kismetcore::dissect
