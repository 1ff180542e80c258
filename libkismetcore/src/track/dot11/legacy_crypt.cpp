// The mapping from Kismet's crypt bitfield to its legacy crypt set.
#include "kismetcore/track/dot11/legacy_crypt.h"

#include "kismetcore/dissect/crypt_set.h"

namespace kismetcore::track::dot11 {

std::uint64_t legacy_crypt_set(std::uint64_t bits) noexcept {
    namespace c = dissect::crypt;
    using namespace legacy_crypt;
    const auto any = [bits](std::uint64_t mask) { return (bits & mask) != 0; };
    const auto cipher = [](unsigned cipher_bit) { return c::group(cipher_bit) | c::pairwise(cipher_bit); };

    std::uint64_t legacy = 0;
    if (any(c::kWep)) legacy |= kWep;
    if (any(cipher(c::cipher_bit::kWep40))) legacy |= kWep40;
    if (any(cipher(c::cipher_bit::kWep104))) legacy |= kWep104;
    if (any(cipher(c::cipher_bit::kTkip))) legacy |= kTkip;
    if (any(c::kWpa)) legacy |= kWpa;
    if (any(c::kAkmPsk | c::kAkmPskFt | c::kAkmPskSha256 | c::kAkmPskSha384 | c::kAkmPskSha384Ft)) legacy |= kPsk;
    if (any(cipher(c::cipher_bit::kOcb))) legacy |= kAesOcb;
    if (any(cipher(c::cipher_bit::kCcmp128) | cipher(c::cipher_bit::kCcmp256) | cipher(c::cipher_bit::kGcmp128) |
            cipher(c::cipher_bit::kGcmp256)))
        legacy |= kAesCcm;
    if (any(c::kAkm8021x | c::kAkm8021xFt | c::kAkm8021xSha256 | c::kAkm8021xSuiteBSha256 | c::kAkm8021xSuiteBSha384 |
            c::kAkm8021xFtSha384))
        legacy |= kEap;
    if (any(c::kEapLeap)) legacy |= kLeap;
    if (any(c::kEapTtls)) legacy |= kTtls;
    if (any(c::kEapTls)) legacy |= kTls;
    if (any(c::kEapPeap)) legacy |= kPeap;
    if (any(c::kAkmOwe)) legacy |= kOwe;
    if (any(c::kAkmWps)) legacy |= kWps;
    if (any(c::kWpa1)) legacy |= kVersionWpa;
    if (any(c::kWpa2)) legacy |= kVersionWpa2;
    if (any(c::kWpa3)) legacy |= kVersionWpa3;
    return legacy;
}

}  // namespace kismetcore::track::dot11
