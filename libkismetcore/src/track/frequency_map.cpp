// Kismet's freq_khz_map as a small sorted array: counting, growth past the inline entries, copies.
#include "kismetcore/track/frequency_map.h"

#include <algorithm>
#include <limits>

namespace kismetcore::track {

FrequencyMap::FrequencyMap(const FrequencyMap& other) : inline_(other.inline_), size_(other.size_) {
    if (other.heap_) {
        capacity_ = other.capacity_;
        heap_ = std::make_unique<Entry[]>(capacity_);
        std::copy(other.begin(), other.end(), heap_.get());
    }
}

FrequencyMap& FrequencyMap::operator=(const FrequencyMap& other) {
    if (this != &other) {
        FrequencyMap copy(other);
        *this = std::move(copy);
    }
    return *this;
}

FrequencyMap::FrequencyMap(FrequencyMap&& other) noexcept
    : inline_(other.inline_), heap_(std::move(other.heap_)), size_(other.size_), capacity_(other.capacity_) {
    other.clear();
}

FrequencyMap& FrequencyMap::operator=(FrequencyMap&& other) noexcept {
    if (this != &other) {
        inline_ = other.inline_;
        heap_ = std::move(other.heap_);
        size_ = other.size_;
        capacity_ = other.capacity_;
        other.clear();
    }
    return *this;
}

void FrequencyMap::count(double frequency_khz) {
    // Kismet converts with an (int) cast; anything outside int's range would be undefined there, and no radio
    // reports such a frequency, so it is ignored here.
    if (!(frequency_khz >= 1.0) || frequency_khz >= static_cast<double>(std::numeric_limits<std::int32_t>::max()))
        return;
    add(static_cast<std::uint32_t>(frequency_khz), 1);
}

void FrequencyMap::add(std::uint32_t frequency_khz, std::uint32_t packets) {
    if (frequency_khz == 0) return;
    Entry* first = data();
    Entry* last = first + size_;
    Entry* at = std::lower_bound(first, last, frequency_khz,
                                 [](const Entry& entry, std::uint32_t khz) { return entry.frequency_khz < khz; });
    if (at != last && at->frequency_khz == frequency_khz) {
        const std::uint32_t room = std::numeric_limits<std::uint32_t>::max() - at->packets;
        at->packets += std::min(room, packets);
        return;
    }
    if (size_ == std::numeric_limits<std::uint16_t>::max()) return;  // no radio has 65,535 frequencies
    const auto index = static_cast<std::size_t>(at - first);
    if (size_ == capacity_) grow();
    first = data();
    std::move_backward(first + index, first + size_, first + size_ + 1);
    first[index] = Entry{frequency_khz, packets};
    ++size_;
}

std::uint32_t FrequencyMap::packets_on(std::uint32_t frequency_khz) const noexcept {
    for (const Entry& entry : *this) {
        if (entry.frequency_khz == frequency_khz) return entry.packets;
    }
    return 0;
}

void FrequencyMap::clear() noexcept {
    heap_.reset();
    inline_ = {};
    size_ = 0;
    capacity_ = kInlineEntries;
}

void FrequencyMap::grow() {
    // 2.4 GHz has 14 channels and 5/6 GHz a few dozen; a 16-bit capacity is far more than a device can use.
    const auto bigger = static_cast<std::uint16_t>(std::min<std::size_t>(std::size_t{capacity_} * 2, 0xffff));
    auto entries = std::make_unique<Entry[]>(bigger);
    std::copy(begin(), end(), entries.get());
    heap_ = std::move(entries);
    capacity_ = bigger;
}

bool operator==(const FrequencyMap& a, const FrequencyMap& b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.frequency_khz == y.frequency_khz && x.packets == y.packets;
    });
}

}  // namespace kismetcore::track
