// Kismet's freq_khz_map (frequency in kHz -> packets seen there) as a small sorted array that rarely allocates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace kismetcore::track {

// `kismet.device.base.freq_khz_map` and `kismet.common.seenby.freq_khz_map`: Kismet keeps a map[double,double];
// its keys are whole kHz (Kismet casts the frequency to int before counting) and its values whole packet counts,
// so 32-bit integers hold them. Most devices are heard on one to three frequencies (a channel and its
// neighbours), which fit inline; a fourth frequency moves every entry to the heap, once.
//
// Entries are kept sorted by frequency, the order Kismet's std::map serializes them in. Counting an existing
// frequency never allocates. Plain data: not synchronized, guard it with the owning record's lock.
class FrequencyMap {
public:
    struct Entry {
        // Map-like names, so the field layer walks it as Kismet's map[double,double].
        using first_type = std::uint32_t;
        using second_type = std::uint32_t;
        std::uint32_t frequency_khz = 0;
        std::uint32_t packets = 0;  // saturates at 2^32-1 (Kismet's double keeps counting; see track-records.md)
    };
    using value_type = Entry;
    static constexpr std::size_t kInlineEntries = 3;

    FrequencyMap() noexcept = default;
    FrequencyMap(const FrequencyMap& other);
    FrequencyMap& operator=(const FrequencyMap& other);
    FrequencyMap(FrequencyMap&& other) noexcept;
    FrequencyMap& operator=(FrequencyMap&& other) noexcept;
    ~FrequencyMap() = default;

    // Counts one packet on `frequency_khz`, as Kismet's inc_frequency_count: the frequency is truncated to whole
    // kHz first, and values that are not positive are ignored.
    void count(double frequency_khz);
    // Adds `packets` to an exact whole-kHz frequency (0 is ignored).
    void add(std::uint32_t frequency_khz, std::uint32_t packets);

    // Packets counted on a frequency, 0 when it was never seen.
    [[nodiscard]] std::uint32_t packets_on(std::uint32_t frequency_khz) const noexcept;

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] const Entry* begin() const noexcept { return data(); }
    [[nodiscard]] const Entry* end() const noexcept { return data() + size_; }
    [[nodiscard]] const Entry& operator[](std::size_t index) const noexcept { return data()[index]; }

    void clear() noexcept;

    friend bool operator==(const FrequencyMap& a, const FrequencyMap& b) noexcept;

private:
    [[nodiscard]] const Entry* data() const noexcept { return heap_ ? heap_.get() : inline_.data(); }
    [[nodiscard]] Entry* data() noexcept { return heap_ ? heap_.get() : inline_.data(); }
    void grow();

    std::array<Entry, kInlineEntries> inline_{};
    std::unique_ptr<Entry[]> heap_;  // holds every entry once there are more than kInlineEntries
    std::uint16_t size_ = 0;
    std::uint16_t capacity_ = kInlineEntries;
};

}  // namespace kismetcore::track
