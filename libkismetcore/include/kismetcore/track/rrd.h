// Kismet's round-robin histories (kismet.common.rrd.*): the day RRD and the minute-only RRD, with its update rules.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace kismetcore::track {

// Kismet's default aggregator (kis_tracked_rrd_default_aggregator). Samples landing in the same second are added
// after Kismet truncates both operands to whole numbers; a coarser bucket is the plain mean of the finer vector
// (sum / size, zeros included). Per-second buckets hold whole non-negative counts (packets, bytes), so 32 bits
// are enough and halve the vector; a bucket saturates at 2^32-1 instead of growing as Kismet's double would.
struct SumAggregator {
    using Bucket = std::uint32_t;
    static double combine_element(double a, double b) noexcept;
    static double combine_vector(const double* values, std::size_t count) noexcept;
    static Bucket to_bucket(double value) noexcept;
};

// Kismet's kis_tracked_rrd_peak_signal_aggregator, used by the signal RRD. 0 means "no reading": combining keeps
// the stronger (larger) of two non-zero readings, and a coarser bucket is the mean of the non-zero entries
// truncated toward zero (Kismet returns it as int64). Buckets hold dBm or RSSI readings, which fit 16 bits.
struct PeakSignalAggregator {
    using Bucket = std::int16_t;
    static double combine_element(double a, double b) noexcept;
    static double combine_vector(const double* values, std::size_t count) noexcept;
    static Bucket to_bucket(double value) noexcept;
};

// kis_tracked_rrd: 60 per-second, 60 per-minute and 24 per-hour buckets, indexed by absolute time (t % 60,
// (t / 60) % 60, (t / 3600) % 24), never rotated. add_sample follows Kismet exactly, quirks included (see
// docs/track-records.md): gaps of more than a minute, an hour or a day each take their own path, samples up to a
// minute late are added to their second and move last_time backwards, older ones only touch last_value.
//
// Kismet feeds the device RRDs with its own clock (the wall-clock second of its main loop), not packet times, and
// fast-forwards each RRD to that clock before serializing it (fast_forward). Plain data, not synchronized:
// guard it with the owning device's lock. The arrays are inline, so allocate the RRD itself only when a device
// first gets a sample (get_or_create).
template <class Aggregator>
class BasicRrd {
public:
    using Bucket = typename Aggregator::Bucket;
    static constexpr std::size_t kMinuteBuckets = 60;
    static constexpr std::size_t kHourBuckets = 60;
    static constexpr std::size_t kDayBuckets = 24;
    static constexpr double blank_val = 0.0;  // Kismet's default_val() for both aggregators

    std::uint64_t last_time = 0;    // kismet.common.rrd.last_time
    std::uint64_t serial_time = 0;  // kismet.common.rrd.serial_time: the clock of the last fast_forward
    double last_value = 0;          // kismet.common.rrd.last_value
    double last_value_n1 = 0;       // kismet.common.rrd.last_value_n1: last_value before the latest sample
    std::array<Bucket, kMinuteBuckets> minute_vec{};  // per second of the current minute
    std::array<double, kHourBuckets> hour_vec{};      // per minute of the current hour
    std::array<double, kDayBuckets> day_vec{};        // per hour of the current day
    // Whether hour_vec's entry for last_time's minute and day_vec's for its hour wait for settle_means().
    bool means_pending = false;

    // Kismet's add_sample(value, time).
    void add_sample(double value, std::uint64_t time) noexcept;
    // The same, except that a sample in the minute of the one before leaves the minute's and the hour's means
    // (hour_vec and day_vec, which Kismet recomputes over 60 entries each at every sample) to settle_means(). A
    // busy device's packets come many to a second, and those two means were most of what a packet cost it.
    // Call settle_means() before reading hour_vec or day_vec; add_sample and fast_forward settle first.
    void add_sample_deferring_means(double value, std::uint64_t time) noexcept;
    // Brings hour_vec and day_vec to what add_sample would have left.
    void settle_means() noexcept;
    // Kismet's pre_serialize: records the serialization clock and adds a blank sample at it, which zeroes the
    // seconds since the last sample and refreshes the minute and hour means. Call it before reading the record.
    void fast_forward(std::uint64_t now) noexcept;

    [[nodiscard]] double minute_value(std::size_t second) const noexcept {
        return static_cast<double>(minute_vec[second]);
    }

private:
    void add_sample(double value, std::uint64_t time, bool may_defer_means) noexcept;
    void reset_all(double value, std::size_t second, std::size_t minute, std::size_t hour) noexcept;
};

// kis_tracked_minute_rrd: only the 60 per-second buckets. Its rules differ from BasicRrd's: a gap of more than a
// minute wipes the vector and drops the new sample from it (only last_value keeps it).
template <class Aggregator>
class BasicMinuteRrd {
public:
    using Bucket = typename Aggregator::Bucket;
    static constexpr std::size_t kMinuteBuckets = 60;
    static constexpr double blank_val = 0.0;

    std::uint64_t last_time = 0;
    std::uint64_t serial_time = 0;
    double last_value = 0;
    double last_value_n1 = 0;
    std::array<Bucket, kMinuteBuckets> minute_vec{};

    void add_sample(double value, std::uint64_t time) noexcept;
    void fast_forward(std::uint64_t now) noexcept;

    [[nodiscard]] double minute_value(std::size_t second) const noexcept {
        return static_cast<double>(minute_vec[second]);
    }
};

extern template class BasicRrd<SumAggregator>;
extern template class BasicRrd<PeakSignalAggregator>;
extern template class BasicMinuteRrd<SumAggregator>;
extern template class BasicMinuteRrd<PeakSignalAggregator>;

// kismet.device.base.{packets,datasize,rx_packets,tx_packets}.rrd
using Rrd = BasicRrd<SumAggregator>;
// kismet.common.signal.signal_rrd
using SignalRrd = BasicMinuteRrd<PeakSignalAggregator>;

// Kismet's RRDs are dynamic fields: absent until their first sample. A record holds them as unique_ptr and
// creates each on first use (one allocation per device and RRD, never per packet).
template <class RrdType>
RrdType& get_or_create(std::unique_ptr<RrdType>& slot) {
    if (!slot) slot = std::make_unique<RrdType>();
    return *slot;
}

}  // namespace kismetcore::track
