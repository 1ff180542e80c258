// Kismet's packet de-duplication: a frame byte-identical to one of the last 1024 is not counted again.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace kismetcore::track {

// Kismet drops byte-identical frames seen within its last 1024 packets before its classifier (retransmissions a
// radio captured twice, or the same frame from two sources). The filter keeps the digests of the last 1024 frames
// in a ring and counts them in a fixed linear-probing table whose deletions shift entries back (no tombstones,
// so probe chains stay short): checking a frame costs one hash and a few probes and never allocates.
// Not thread-safe: the ingest thread owns it.
class DuplicateFilter {
public:
    static constexpr std::uint64_t kWindow = 1024;

    // True when `frame` equals one of the last kWindow frames passed in (the frame counts as seen either way).
    bool seen_recently(std::span<const std::uint8_t> frame) noexcept;

private:
    struct Slot {
        std::uint64_t digest = 0;
        std::uint32_t count = 0;  // frames in the window with this digest; 0 = empty slot
    };
    static constexpr std::size_t kSlots = 4096;  // four times the window keeps probe chains short

    [[nodiscard]] std::size_t find(std::uint64_t digest) const noexcept;
    void remove_one(std::uint64_t digest) noexcept;

    std::array<Slot, kSlots> slots_{};
    std::array<std::uint64_t, kWindow> ring_{};
    std::uint64_t frames_ = 0;
};

}  // namespace kismetcore::track
