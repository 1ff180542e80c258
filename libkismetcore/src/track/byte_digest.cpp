// The repeat digest: AES rounds over the bytes where the CPU has AES-NI and AVX, XXH3 elsewhere.
#include "track/byte_digest.h"

#include <cstring>

#define XXH_INLINE_ALL
#include <xxhash.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define KISMETCORE_DIGEST_AES 1
#endif

namespace kismetcore::track {
namespace {

#if KISMETCORE_DIGEST_AES
#define KISMETCORE_DIGEST_TARGET __attribute__((target("avx,aes")))

KISMETCORE_DIGEST_TARGET inline __m128i load_block(const std::uint8_t* from) noexcept {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
}

// One AES round folds sixteen bytes in one instruction (VEX encoding takes them straight from memory), so a
// typical frame costs a few dozen instructions where XXH3 took about two hundred. A round without its key is a
// bijection of the state, so a lane whose inputs differ in one block ends in a different state whatever follows;
// only differences in several blocks that cancel exactly can collide, which data off the air does not do.
// The even and odd blocks go to two lanes whose rounds run side by side. The length seeds one lane, so a frame
// and the same frame followed by zero bytes differ although the last block is padded or overlaps.
KISMETCORE_DIGEST_TARGET std::uint64_t digest_by_aes(const std::uint8_t* bytes, std::size_t size) noexcept {
    __m128i even = _mm_set_epi64x(0x243F6A8885A308D3, static_cast<long long>(size));
    __m128i odd = _mm_set_epi64x(0x13198A2E03707344, static_cast<long long>(0xA4093822299F31D0));
    const std::uint8_t* at = bytes;
    std::size_t left = size;
    for (; left >= 64; at += 64, left -= 64) {
        even = _mm_aesenc_si128(even, load_block(at));
        odd = _mm_aesenc_si128(odd, load_block(at + 16));
        even = _mm_aesenc_si128(even, load_block(at + 32));
        odd = _mm_aesenc_si128(odd, load_block(at + 48));
    }
    if (left >= 32) {
        even = _mm_aesenc_si128(even, load_block(at));
        odd = _mm_aesenc_si128(odd, load_block(at + 16));
        at += 32;
        left -= 32;
    }
    if (left >= 16) {
        even = _mm_aesenc_si128(even, load_block(at));
        at += 16;
        left -= 16;
    }
    if (left != 0) {
        // The last block: the final sixteen bytes, overlapping blocks already folded, or the whole input padded.
        if (size >= 16) {
            odd = _mm_aesenc_si128(odd, load_block(bytes + size - 16));
        } else {
            alignas(16) std::uint8_t padded[16] = {};
            std::memcpy(padded, bytes, size);
            odd = _mm_aesenc_si128(odd, load_block(padded));
        }
    }
    // The even lane takes one round more before the odd lane joins: a difference in its last block then covers the
    // whole state and cannot cancel one from the odd lane's last block, which covers a single column. Two more
    // rounds spread every input bit over the low bits the duplicate filter indexes its table with.
    const __m128i even_mixed = _mm_aesenc_si128(even, _mm_set_epi64x(0x3707344A40938222, 0x299F31D0082EFA98));
    __m128i mixed = _mm_aesenc_si128(even_mixed, odd);
    mixed = _mm_aesenc_si128(mixed, _mm_set_epi64x(0x082EFA98EC4E6C89, 0x452821E638D01377));
    mixed = _mm_aesenc_si128(mixed, _mm_set_epi64x(static_cast<long long>(0xBE5466CF34E90C6C), static_cast<long long>(0xC0AC29B7C97C50DD)));
    return static_cast<std::uint64_t>(_mm_cvtsi128_si64(mixed)) ^
           static_cast<std::uint64_t>(_mm_extract_epi64(mixed, 1));
}
#endif

}  // namespace

std::uint64_t byte_digest(std::span<const std::uint8_t> bytes) noexcept {
#if KISMETCORE_DIGEST_AES
    static const bool has_aes = __builtin_cpu_supports("aes") && __builtin_cpu_supports("avx");
    if (has_aes) return digest_by_aes(bytes.data(), bytes.size());
#endif
    return XXH3_64bits(bytes.data(), bytes.size());
}

}  // namespace kismetcore::track
