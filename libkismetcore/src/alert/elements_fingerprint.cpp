// The element fingerprint of the 802.11 rules' record of what they last checked.
#include "elements_fingerprint.h"

#include <span>

#include "kismetcore/dissect/dot11_constants.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace kismetcore::alert {
namespace {

using Elements = dissect::InformationElements;
using Bytes = std::span<const std::uint8_t>;

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

std::uint64_t ElementsFingerprint::operator()(const dissect::Dot11Packet& dot11) const noexcept {
    const Pieces pieces = without_tim(dot11.elements);
    const bool privacy = (dot11.frame.capability_info.value_or(0) & dissect::dot11::capability::kPrivacy) != 0;
    // The pieces' lengths and the privacy bit seed the hash, so the same octets split differently, or with the
    // other privacy bit, compare equal only by chance.
    const std::uint64_t seed = (std::uint64_t{privacy} << 32) | (pieces.before.size() << 16) | pieces.after.size();
    const std::uint64_t before = XXH3_64bits_withSeed(pieces.before.data(), pieces.before.size(), seed);
    const std::uint64_t fingerprint = XXH3_64bits_withSeed(pieces.after.data(), pieces.after.size(), before);
    return fingerprint != 0 ? fingerprint : 1;
}

}  // namespace kismetcore::alert
