// A fingerprint of what the 802.11 rules read in a management frame's elements, so that a frame whose elements are
// those of the last one they checked in full can skip the element-derived checks (private to Dot11AlertRules).
#pragma once

#include <cstdint>

#include "kismetcore/dissect/dot11_packet.h"

namespace kismetcore::alert {

// XXH3 (libxxhash) over the element list, seeded with the privacy capability bit the crypt rules also read. The TIM
// element is left out: no rule reads it, and an AP changes its DTIM count and traffic bitmap in nearly every beacon,
// which would make every beacon look new. A studied hash rather than a CRC: a frame's elements are chosen by its
// sender, and a fingerprint whose collisions can be constructed (a CRC is linear) would let a sender pass crafted
// elements off as the ones already checked and skip the element rules.
class ElementsFingerprint {
public:
    // Never 0 (0 stands for "nothing checked" in the rules' records). Equal for element lists that are equal apart
    // from their TIM, given the same privacy bit.
    [[nodiscard]] std::uint64_t operator()(const dissect::Dot11Packet& dot11) const noexcept;
};

}  // namespace kismetcore::alert
