// A fingerprint of what the 802.11 rules read in a management frame's elements, so that a frame whose elements are
// those of the last one they checked in full can skip the element-derived checks (private to Dot11AlertRules).
#pragma once

#include <cstdint>

#include "kismetcore/dissect/dot11_packet.h"

namespace kismetcore::alert {

// Two CRC-32C registers over the element list (with SSE 4.2's crc32 instruction where the CPU has it, 8 octets an
// instruction; else a multiply-xorshift hash), seeded with the privacy capability bit the crypt rules also read. The
// TIM element is left out: no rule reads it, and an AP changes its DTIM count and traffic bitmap in nearly every
// beacon, which would make every beacon look new. A 32-bit CRC is the same test Kismet itself trusts to tell a beacon
// whose elements it has already decoded (its IE tag checksum, a CRC-32).
class ElementsFingerprint {
public:
    ElementsFingerprint() noexcept;

    // Never 0 (0 stands for "nothing checked" in the rules' records). Equal for element lists that are equal apart
    // from their TIM, given the same privacy bit; two lists that differ by accident are equal with a probability of
    // about 2^-64 (a CRC is no defence against a list crafted to collide with an AP's, which Kismet accepts too).
    [[nodiscard]] std::uint64_t operator()(const dissect::Dot11Packet& dot11) const noexcept;

private:
    bool hardware_crc_ = false;
};

}  // namespace kismetcore::alert
