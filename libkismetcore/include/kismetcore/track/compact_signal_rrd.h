// kismet.common.signal.signal_rrd held as the readings of its last two seconds until it needs Kismet's buckets.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "kismetcore/track/rrd.h"

namespace kismetcore::track {

// A signal record's minute RRD (SignalRrd, 152 bytes on the heap) is fed the non-zero readings of the packets at
// their packet times. Most devices are heard in one or two seconds, so the readings are first logged per second
// (first, the peak of the middle ones, last) and replayed into a SignalRrd when read; the replay runs
// SignalRrd::add_sample itself, so the result is Kismet's. A third second, a time going back, or a reading that is
// not a whole 16-bit number moves it to a dense SignalRrd for good.
//
// Within one second only the first sample can take a gap path; the rest combine into the same bucket, and the
// peak aggregator's combination is associative, so the run's middle readings collapse into their peak and
// last_value_n1 still comes out as Kismet's. Plain data, not synchronized: guard it with the owning record's lock.
class CompactSignalRrd {
public:
    static constexpr std::size_t kLoggedSeconds = 2;

    CompactSignalRrd() noexcept : log_() {}
    ~CompactSignalRrd();
    CompactSignalRrd(const CompactSignalRrd& other);
    CompactSignalRrd& operator=(const CompactSignalRrd& other);
    CompactSignalRrd(CompactSignalRrd&& other) noexcept;
    CompactSignalRrd& operator=(CompactSignalRrd&& other) noexcept;

    // SignalRrd::add_sample.
    void add_sample(double value, std::uint64_t time);

    // Whether it never got a sample (Kismet's signal_rrd is a dynamic field, absent until then).
    [[nodiscard]] bool empty() const noexcept { return !dense_ && log_.count == 0; }
    // The RRD as Kismet holds it: the dense record, or `scratch` filled by replaying the log; null when empty.
    [[nodiscard]] const SignalRrd* view(SignalRrd& scratch) const noexcept;
    // Whether it is still a log (no heap memory).
    [[nodiscard]] bool logged() const noexcept { return !dense_; }
    // The dense RRD, or null while it is a log (for prefetching: it is a separate allocation).
    [[nodiscard]] const SignalRrd* dense() const noexcept { return dense_ ? dense_rrd_.get() : nullptr; }

private:
    // One second's readings: the first, the peak of those between, and the last; `samples` counts up to 3.
    struct Second {
        std::int16_t first = 0;
        std::int16_t middle = 0;
        std::int16_t last = 0;
        std::uint8_t samples = 0;
    };
    struct Log {
        std::uint64_t first_time = 0;     // the first logged second
        std::uint32_t second_offset = 0;  // the second logged second, after first_time
        std::array<Second, kLoggedSeconds> seconds{};
        std::uint8_t count = 0;
    };

    bool log_sample(double value, std::uint64_t time) noexcept;
    void replay(SignalRrd& rrd) const noexcept;
    void make_dense();
    void destroy() noexcept;

    // The log until make_dense, then the dense RRD.
    union {
        Log log_;
        std::unique_ptr<SignalRrd> dense_rrd_;
    };
    bool dense_ = false;
};

}  // namespace kismetcore::track
