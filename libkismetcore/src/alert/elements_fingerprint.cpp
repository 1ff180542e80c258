// The element fingerprint of the 802.11 rules' record of what they last checked.
#include "elements_fingerprint.h"

#include <cstring>
#include <span>

#include "dot11_alert_state.h"
#include "kismetcore/dissect/dot11_constants.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define KISMETCORE_ALERT_CRC32C 1
#endif

namespace kismetcore::alert {
namespace {

using Elements = dissect::InformationElements;
using Bytes = std::span<const std::uint8_t>;

#ifdef KISMETCORE_ALERT_CRC32C
// Two CRC-32C registers folded over `bytes`, the words at even positions into one and at odd positions into the
// other (two independent chains: the crc32 instruction's latency is three cycles), 64 bits between them. The last
// step re-reads octets of the word before rather than going one octet at a time, and a piece under eight octets
// is read as overlapping halves: not the standard CRC of the octets, but a function of them and their count, which
// is all a fingerprint needs.
struct Crc32cPair {
    std::uint64_t even;
    std::uint64_t odd;
};

[[gnu::target("sse4.2")]] Crc32cPair crc32c_words(Crc32cPair crc, Bytes bytes) noexcept {
    const std::uint8_t* at = bytes.data();
    const std::size_t size = bytes.size();
    const auto load64 = [](const std::uint8_t* from) {
        std::uint64_t word;
        std::memcpy(&word, from, sizeof word);
        return word;
    };
    const auto load32 = [](const std::uint8_t* from) {
        std::uint32_t word;
        std::memcpy(&word, from, sizeof word);
        return word;
    };
    if (size >= 8) {
        const std::uint8_t* last = at + size - 8;
        // Every word that starts before the last one, four at a time, then the up to three left.
        for (; at + 24 < last; at += 32) {
            crc.even = _mm_crc32_u64(crc.even, load64(at));
            crc.odd = _mm_crc32_u64(crc.odd, load64(at + 8));
            crc.even = _mm_crc32_u64(crc.even, load64(at + 16));
            crc.odd = _mm_crc32_u64(crc.odd, load64(at + 24));
        }
        if (at < last) crc.even = _mm_crc32_u64(crc.even, load64(at));
        if (at + 8 < last) crc.odd = _mm_crc32_u64(crc.odd, load64(at + 8));
        if (at + 16 < last) crc.even = _mm_crc32_u64(crc.even, load64(at + 16));
        crc.odd = _mm_crc32_u64(crc.odd, load64(last));
    } else if (size >= 4) {
        crc.even = _mm_crc32_u32(static_cast<std::uint32_t>(crc.even), load32(at));
        crc.odd = _mm_crc32_u32(static_cast<std::uint32_t>(crc.odd), load32(at + size - 4));
    } else if (size > 0) {
        crc.odd = _mm_crc32_u32(static_cast<std::uint32_t>(crc.odd),
                                at[0] | (std::uint32_t{at[size / 2]} << 8) | (std::uint32_t{at[size - 1]} << 16));
    }
    return crc;
}
#endif

// The list before the first TIM element and after it (the whole list and nothing when it has none).
struct Pieces {
    Bytes before;
    Bytes after;
};

Pieces without_tim(const Elements& elements) noexcept {
    const Bytes raw = elements.raw();
    const auto tim = elements.first_body(Elements::kTim);
    if (!tim) return {raw, {}};
    const auto start = static_cast<std::size_t>(tim->data() - raw.data()) - 2;
    const std::size_t end = start + 2 + tim->size();
    return {raw.first(start), raw.subspan(end)};
}

}  // namespace

ElementsFingerprint::ElementsFingerprint() noexcept {
#ifdef KISMETCORE_ALERT_CRC32C
    hardware_crc_ = __builtin_cpu_supports("sse4.2");
#endif
}

std::uint64_t ElementsFingerprint::operator()(const dissect::Dot11Packet& dot11) const noexcept {
    const Pieces pieces = without_tim(dot11.elements);
    const bool privacy = (dot11.frame.capability_info.value_or(0) & dissect::dot11::capability::kPrivacy) != 0;
    // The pieces' lengths and the privacy bit start the registers, so the same octets split differently, or with
    // the other privacy bit, compare equal only by chance.
    const std::uint64_t seed = (std::uint64_t{privacy} << 32) | (pieces.before.size() << 16) | pieces.after.size();
    std::uint64_t fingerprint = 0;
#ifdef KISMETCORE_ALERT_CRC32C
    if (hardware_crc_) [[likely]] {
        Crc32cPair crc{static_cast<std::uint32_t>(seed), seed >> 16};
        crc = crc32c_words(crc32c_words(crc, pieces.before), pieces.after);
        fingerprint = (crc.even << 32) | static_cast<std::uint32_t>(crc.odd);
    } else
#endif
    {
        fingerprint = hash_words(hash_words(seed, pieces.before), pieces.after);
    }
    return fingerprint != 0 ? fingerprint : 1;
}

}  // namespace kismetcore::alert
