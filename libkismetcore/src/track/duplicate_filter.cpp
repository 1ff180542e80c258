// The window of recent frame digests: a ring for expiry, a counting hash table for lookup.
#include "kismetcore/track/duplicate_filter.h"

#include <xxhash.h>

namespace kismetcore::track {
namespace {

constexpr std::size_t home_of(std::uint64_t digest, std::size_t mask) noexcept {
    return static_cast<std::size_t>(digest) & mask;
}

}  // namespace

// The slot holding `digest`, or the empty slot where it would go.
std::size_t DuplicateFilter::find(std::uint64_t digest) const noexcept {
    std::size_t index = home_of(digest, kSlots - 1);
    while (slots_[index].count != 0 && slots_[index].digest != digest) index = (index + 1) & (kSlots - 1);
    return index;
}

void DuplicateFilter::remove_one(std::uint64_t digest) noexcept {
    std::size_t hole = find(digest);
    if (slots_[hole].count == 0 || --slots_[hole].count != 0) return;
    // Backward-shift deletion: pull later members of the probe chain into the hole.
    for (std::size_t next = (hole + 1) & (kSlots - 1); slots_[next].count != 0; next = (next + 1) & (kSlots - 1)) {
        const std::size_t home = home_of(slots_[next].digest, kSlots - 1);
        const bool home_between = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
        if (home_between) continue;
        slots_[hole] = slots_[next];
        slots_[next].count = 0;
        hole = next;
    }
}

bool DuplicateFilter::seen_recently(std::span<const std::uint8_t> frame) noexcept {
    const std::uint64_t digest = XXH3_64bits(frame.data(), frame.size());
    std::uint64_t& oldest = ring_[frames_ % kWindow];
    if (frames_ >= kWindow) remove_one(oldest);
    oldest = digest;
    ++frames_;
    Slot& slot = slots_[find(digest)];
    const bool seen = slot.count != 0;
    slot.digest = digest;
    ++slot.count;
    return seen;
}

}  // namespace kismetcore::track
