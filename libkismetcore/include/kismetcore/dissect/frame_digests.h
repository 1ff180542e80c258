// The digests by which the ingest path notices repeated bytes, computed once a packet for all its readers.
#pragma once

#include <cstdint>

#include "kismetcore/dissect/packet_dissector.h"

namespace kismetcore::dissect {

// Three readers ask whether a frame's bytes repeat: the duplicate filter (the whole frame), the tracker (a beacon's
// or probe's elements, as Kismet's IE checksum sees them) and the WIDS rules (the elements they read, TIM left out).
// Their inputs nest, so one pass over the frame in pieces (header, elements before the TIM, TIM, elements after
// it), joining the pieces' hashes, gives all three for the cost of about one.
//
// XXH3 (libxxhash), a studied hash: frames are chosen by whoever sends them, and a digest with constructible
// collisions would let a sender pass a new frame off as a duplicate, or new elements as ones already checked. For
// comparisons within one process only: never stored, sent or shown. Equal inputs give equal digests; unequal ones
// collide only by chance.
struct FrameDigests {
    // The 802.11 frame, every byte (payload.bytes): the duplicate filter's key. Set for every 802.11 packet.
    std::uint64_t frame = 0;
    // The element list, every byte, and the privacy capability bit; 0 when the frame has no element list.
    std::uint64_t elements = 0;
    // The element list without its first TIM element (an AP changes its DTIM count in nearly every beacon), and the
    // privacy bit: what the WIDS rules read. Never 0 when the frame has an element list, 0 when it has none.
    std::uint64_t elements_without_tim = 0;
};

// The digests of `dissected`'s frame; all 0 when it holds no 802.11 frame.
[[nodiscard]] FrameDigests digest_frame(const DissectedPacket& dissected) noexcept;

}  // namespace kismetcore::dissect
