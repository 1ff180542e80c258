// Kismet's packet de-duplication: a frame byte-identical to one of the recent ones is not counted again.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/dissect/frame_digests.h"

namespace kismetcore::track {

// Kismet drops byte-identical frames seen recently before its classifier (retransmissions a radio captured twice,
// or the same frame from two sources). Its packet chain keeps the hashes of the last 1024 frames that were not
// duplicates: a frame is a duplicate when its 64-bit digest equals one of those, and only a frame that is not
// one enters the list. So a duplicate neither moves the window nor keeps its original in it.
//
// The kept frames are numbered and cut into blocks of kWindow; each block's digests go into one of two fixed
// linear-probing tables, stamped with their number. The two tables hold the current block and the one before,
// which together cover the window, and a slot stamped before the previous block reads as empty, so nothing is
// ever deleted or shifted: checking a frame costs one hash and a short probe of each table, and never allocates.
// Not thread-safe: the ingest thread owns it.
class DuplicateFilter {
public:
    static constexpr std::uint64_t kWindow = 1024;

    // True when `frame` equals one of the last kWindow frames passed in that were not duplicates; otherwise the
    // frame becomes the newest of those.
    bool seen_recently(std::span<const std::uint8_t> frame) noexcept;
    // The same for a frame known by its digest (dissect::FrameDigests::frame), which the Engine computes once a
    // packet for all its parts. A filter takes frames one way or the other: the two digests of a frame differ.
    bool seen_recently(const dissect::FrameDigests& digests) noexcept { return seen_digest(digests.frame, 0) != 0; }
    // The same, naming frames: a duplicate gets the id its original was kept with (Kismet's packetid, which a
    // duplicate shares with its original), a new frame nullopt, and it is kept with `id`.
    std::optional<std::uint64_t> original_of(const dissect::FrameDigests& digests, std::uint64_t id) noexcept;

private:
    // The stamp of the kept frame `digest` equals, or 0 when it is new; a new frame is kept with `id`.
    std::uint64_t seen_digest(std::uint64_t digest, std::uint64_t id) noexcept;

    struct Slot {
        std::uint64_t digest = 0;
        std::uint64_t stamp = 0;  // 1 + the number of the latest frame with this digest; 0 = never used
    };
    // A block fills at most half its table, which keeps probe chains short.
    static constexpr std::size_t kSlots = 2 * kWindow;
    using Table = std::array<Slot, kSlots>;

    std::array<Table, 2> tables_{};  // the block numbered b lives in tables_[b % 2]
    // The ids of the kept frames by number: a match is never more than kWindow frames old.
    std::array<std::uint64_t, kSlots> ids_{};
    std::uint64_t kept_ = 0;  // frames that were not duplicates, which number the window
};

}  // namespace kismetcore::track
