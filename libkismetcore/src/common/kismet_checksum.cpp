// Kismet's content checksum.
#include "kismetcore/common/kismet_checksum.h"

#include <cstddef>

namespace kismetcore {

std::uint32_t kismet_adler32(std::string_view text) noexcept {
    // Kismet sums `char`, which is signed on the platforms it ships for.
    const auto at = [&text](std::size_t i) { return static_cast<std::int32_t>(static_cast<signed char>(text[i])); };
    std::uint32_t s1 = 0;
    std::uint32_t s2 = 0;
    std::size_t i = 0;
    if (text.size() > 4) {
        for (; i < text.size() - 4; i += 4) {
            s2 += static_cast<std::uint32_t>(4 * (static_cast<std::int64_t>(s1) + at(i)) + 3 * at(i + 1) +
                                             2 * at(i + 2) + at(i + 3));
            s1 += static_cast<std::uint32_t>(at(i) + at(i + 1) + at(i + 2) + at(i + 3));
        }
    }
    for (; i < text.size(); ++i) {
        s1 += static_cast<std::uint32_t>(at(i));
        s2 += s1;
    }
    return (s1 & 0xffff) + (s2 << 16);
}

}  // namespace kismetcore
