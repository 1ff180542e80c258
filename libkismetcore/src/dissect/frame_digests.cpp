// The frame, element and rules digests of one packet, chained over the frame's pieces.
#include "kismetcore/dissect/frame_digests.h"

#include <span>

#include "kismetcore/dissect/dot11_constants.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace kismetcore::dissect {
namespace {

using Bytes = std::span<const std::uint8_t>;

// Each piece is hashed without a seed: XXH3 derives a whole secret from a seed for inputs over 240 bytes, which
// would cost more than hashing them. The pieces' hashes are then joined by hashing them, with what tells the
// pieces' layout apart as the seed (a 16-byte input, where a seed costs nothing).
std::uint64_t hash(Bytes bytes) noexcept {
    return XXH3_64bits(bytes.data(), bytes.size());
}

std::uint64_t join(std::uint64_t first, std::uint64_t second, std::uint64_t seed) noexcept {
    const std::uint64_t both[2] = {first, second};
    return XXH3_64bits_withSeed(both, sizeof both, seed);
}

// Seeds of the later joins, so that no two joins of the chain are the same function.
constexpr std::uint64_t kElementsJoin = 0x656c656d656e7473ULL;
constexpr std::uint64_t kFrameJoin = 0x6672616d65000000ULL;

}  // namespace

FrameDigests digest_frame(const DissectedPacket& dissected) noexcept {
    FrameDigests digests;
    if (!dissected.has_dot11) return digests;
    const Bytes frame = dissected.payload.bytes;
    const Dot11Packet& dot11 = dissected.dot11;
    const Bytes elements = dot11.has_elements ? dot11.elements.raw() : Bytes{};
    // The element list is the frame's tail (the dissector walks it to the frame's end); anything else is hashed
    // whole, as is a frame without one.
    const bool elements_end_frame = elements.data() != nullptr && elements.data() >= frame.data() &&
                                    elements.data() + elements.size() == frame.data() + frame.size();
    if (!elements_end_frame) {
        digests.frame = hash(frame);
        return digests;
    }

    const auto offset = static_cast<std::size_t>(elements.data() - frame.data());

    // The list before its first TIM element, the TIM element, and the list after it.
    Bytes before = elements;
    Bytes tim;
    Bytes after;
    if (const auto body = dot11.elements.first_body(InformationElements::kTim)) {
        const auto start = static_cast<std::size_t>(body->data() - elements.data()) - 2;
        before = elements.first(start);
        tim = elements.subspan(start, 2 + body->size());
        after = elements.subspan(start + tim.size());
    }
    // The pieces' lengths and the privacy bit seed the first join, so the same octets split differently, or with
    // the other privacy bit, compare equal only by chance.
    const bool privacy = (dot11.frame.capability_info.value_or(0) & dot11::capability::kPrivacy) != 0;
    const std::uint64_t layout = (std::uint64_t{privacy} << 32) | (before.size() << 16) | after.size();
    const std::uint64_t without_tim = join(hash(before), hash(after), layout);
    digests.elements_without_tim = without_tim != 0 ? without_tim : 1;
    digests.elements = join(without_tim, hash(tim), kElementsJoin);
    digests.frame = join(digests.elements, hash(frame.first(offset)), kFrameJoin);
    return digests;
}

}  // namespace kismetcore::dissect
