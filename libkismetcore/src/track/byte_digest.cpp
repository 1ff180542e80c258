// The repeat digest: XXH3, inlined so its length dispatch folds into the one call site per caller.
#include "track/byte_digest.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace kismetcore::track {

std::uint64_t byte_digest(std::span<const std::uint8_t> bytes) noexcept {
    return XXH3_64bits(bytes.data(), bytes.size());
}

}  // namespace kismetcore::track
