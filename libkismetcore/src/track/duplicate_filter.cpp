// The window of recent frame digests: two tables of one block of frames each, expired by their stamps.
#include "kismetcore/track/duplicate_filter.h"

#include "track/byte_digest.h"

namespace kismetcore::track {

bool DuplicateFilter::seen_recently(std::span<const std::uint8_t> frame) noexcept {
    return seen_digest(byte_digest(frame), 0) != 0;
}

std::optional<std::uint64_t> DuplicateFilter::original_of(const dissect::FrameDigests& digests,
                                                          std::uint64_t id) noexcept {
    const std::uint64_t stamp = seen_digest(digests.frame, id);
    if (stamp == 0) return std::nullopt;
    return ids_[(stamp - 1) % kSlots];
}

std::uint64_t DuplicateFilter::seen_digest(std::uint64_t digest, std::uint64_t id) noexcept {
    // The number this frame gets if it is new; the window is the kWindow frames numbered before it.
    const std::uint64_t number = kept_;
    const std::uint64_t block = number / kWindow;
    // Stamps (number + 1) of the current block are above block_start; the previous table holds none above it.
    const std::uint64_t block_start = block * kWindow;
    Table& current = tables_[block % 2];
    const Table& previous = tables_[(block + 1) % 2];
    const auto home = static_cast<std::size_t>(digest) & (kSlots - 1);

    // Every frame of the current block is within the window.
    std::size_t index = home;
    for (; current[index].stamp > block_start; index = (index + 1) & (kSlots - 1))
        if (current[index].digest == digest) return current[index].stamp;
    if (block != 0) {
        // Older blocks' stamps, and stamp 0, are at most previous_start.
        const std::uint64_t previous_start = block_start - kWindow;
        for (std::size_t at = home; previous[at].stamp > previous_start; at = (at + 1) & (kSlots - 1))
            if (previous[at].digest == digest && previous[at].stamp + kWindow > number) return previous[at].stamp;
    }
    // A new frame: it takes the first free slot of its chain (the lookup stopped there) and the next number.
    current[index] = Slot{digest, number + 1};
    ids_[number % kSlots] = id;
    ++kept_;
    return 0;
}

}  // namespace kismetcore::track
