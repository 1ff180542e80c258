// A fixed-capacity list for the per-packet path: element dissectors never allocate.
#pragma once

#include <array>
#include <cstddef>
#include <span>

namespace kismetcore::dissect {

// Holds up to `Capacity` items in place. A list that was longer on the air than the capacity keeps its first
// `Capacity` items and sets `overflow`, so a consumer can tell "none" from "too many to keep".
//
// Only the first `count` items are ever read. The storage is left uninitialized (default-initialized) so that
// constructing an element that holds a list (country: 84 triplets, RSN: 24 suites) costs two stores, not a
// zero-fill of the array; the item types of the big per-element lists (CountryTriplet, ChannelSubband, suite
// selectors) are trivially default-constructible for that reason.
template <typename T, std::size_t Capacity>
struct FixedList {
    static constexpr std::size_t kCapacity = Capacity;

    std::array<T, Capacity> items;  // [0, count) are set; the rest is indeterminate, never read
    std::size_t count = 0;
    bool overflow = false;

    // Empties the list without touching the items: the per-packet reset costs two stores, not the array.
    constexpr void clear() noexcept {
        count = 0;
        overflow = false;
    }

    constexpr bool push(const T& item) noexcept {
        if (count >= Capacity) {
            overflow = true;
            return false;
        }
        items[count++] = item;
        return true;
    }

    [[nodiscard]] constexpr std::size_t size() const noexcept { return count; }
    [[nodiscard]] constexpr bool empty() const noexcept { return count == 0; }
    [[nodiscard]] constexpr const T& operator[](std::size_t i) const noexcept { return items[i]; }
    [[nodiscard]] constexpr std::span<const T> view() const noexcept { return {items.data(), count}; }
    [[nodiscard]] constexpr const T* begin() const noexcept { return items.data(); }
    [[nodiscard]] constexpr const T* end() const noexcept { return items.data() + count; }

    [[nodiscard]] constexpr bool contains(const T& item) const noexcept {
        for (const auto& held : view())
            if (held == item) return true;
        return false;
    }
};

}  // namespace kismetcore::dissect
