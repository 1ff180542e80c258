// Private to the dissectors: resetting a large result struct in place, cheaply, before each packet.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <type_traits>
#include <utility>

namespace kismetcore::dissect::detail {

template <typename T>
inline constexpr T kDefaultValue{};

// Gives `value` the value of a default-constructed T. `value = T{}` builds a temporary, zeroes it with
// `rep stos` and copies it over with `rep movs` (GCC does both for anything over 64 bytes), which costs tens of
// nanoseconds for the ~280-byte RadioInfo and Dot11Frame. Copying the bytes of a constant default instance
// instead is what trivially copyable types allow, and in pieces of at most 64 bytes GCC folds the constant
// into a few vector stores.
template <typename T>
inline void reset_to_default(T& value) noexcept {
    static_assert(std::is_trivially_copyable_v<T>, "only a trivially copyable type may be reset bytewise");
    constexpr std::size_t kPiece = 64;
    auto* to = reinterpret_cast<unsigned char*>(&value);
    const auto* from = reinterpret_cast<const unsigned char*>(&kDefaultValue<T>);
    [&]<std::size_t... Piece>(std::index_sequence<Piece...>) {
        (std::memcpy(to + Piece * kPiece, from + Piece * kPiece, std::min(kPiece, sizeof(T) - Piece * kPiece)), ...);
    }
    (std::make_index_sequence<(sizeof(T) + kPiece - 1) / kPiece>{});
}

}  // namespace kismetcore::dissect::detail
