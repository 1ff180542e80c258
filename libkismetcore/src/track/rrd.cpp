// Kismet's RRD update rules (trackedrrd.h), reproduced step by step, including its integer truncations.
#include "kismetcore/track/rrd.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

namespace kismetcore::track {

namespace {

constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 60 * 60;
constexpr std::int64_t kDay = 60 * 60 * 24;

// C++'s double -> int64 conversion truncates toward zero, as Kismet's implicit conversions do; it is undefined
// outside int64's range, which no count or signal reaches, so such values are clamped first.
std::int64_t truncate_to_int64(double value) noexcept {
    constexpr double kLimit = 9.2e18;
    if (std::isnan(value)) return 0;
    if (value >= kLimit) return static_cast<std::int64_t>(kLimit);
    if (value <= -kLimit) return -static_cast<std::int64_t>(kLimit);
    return static_cast<std::int64_t>(value);
}

// Kismet's minutes_different / hours_different: how many buckets lie from `from` up to (not including) `to`,
// walking forward around a ring of `ring` buckets.
std::size_t buckets_between(std::size_t from, std::size_t to, std::size_t ring) noexcept {
    from %= ring;
    to %= ring;
    if (from == to) return 0;
    if (from < to) return to - from;
    return ring - from + to;
}

// The per-second buckets hold whole numbers, so their sum is exact in 64-bit integers and equals the sum Kismet
// accumulates in doubles (below 2^53); summing integers lets the compiler vectorize the loop on the per-packet path.
template <class Aggregator, std::size_t N>
double combine_buckets(const std::array<typename Aggregator::Bucket, N>& buckets) noexcept {
    if constexpr (std::is_same_v<Aggregator, SumAggregator>) {
        std::uint64_t sum = 0;
        for (const auto bucket : buckets) sum += bucket;
        return static_cast<double>(sum) / static_cast<double>(N);
    } else {
        static_assert(std::is_same_v<Aggregator, PeakSignalAggregator>);
        std::int64_t sum = 0;
        std::int64_t readings = 0;
        for (const auto bucket : buckets) {
            sum += bucket;
            readings += bucket != 0 ? 1 : 0;
        }
        if (readings == 0) return 0;
        return static_cast<double>(truncate_to_int64(static_cast<double>(sum) / static_cast<double>(readings)));
    }
}

// Both aggregators keep blank_val (0) as bucket 0, so blanking buckets is zeroing them; memset, because std::fill
// over 16-bit buckets stays a loop of single stores.
template <class Bucket, std::size_t N>
void blank_range(std::array<Bucket, N>& ring, std::size_t first, std::size_t end) noexcept {
    static_assert(std::is_integral_v<Bucket>);
    std::memset(ring.data() + first, 0, (end - first) * sizeof(Bucket));
}

template <class Bucket, std::size_t N>
void blank_all(std::array<Bucket, N>& ring) noexcept {
    blank_range(ring, 0, N);
}

// Blanks the ring's buckets after `last` up to, not including, `next`: Kismet's loop over the
// buckets_between(last + 1, next) skipped ones, as at most two contiguous ranges instead of a modulo and a store per
// bucket.
template <class Bucket, std::size_t N>
void blank_after(std::array<Bucket, N>& ring, std::size_t last, std::size_t next) noexcept {
    const std::size_t from = (last + 1) % N;
    if (from <= next) {
        blank_range(ring, from, next);
    } else {
        blank_range(ring, from, N);
        blank_range(ring, 0, next);
    }
}

template <class Aggregator, std::size_t N>
double combine_doubles(const std::array<double, N>& values) noexcept {
    return Aggregator::combine_vector(values.data(), N);
}

// Both RRD kinds move last_value the same way before touching any bucket, even for samples they then drop.
template <class Aggregator>
void shift_last_value(double& last_value, double& last_value_n1, double value, bool same_second) noexcept {
    last_value_n1 = last_value;
    last_value = same_second ? Aggregator::combine_element(last_value, value) : value;
}

}  // namespace

double SumAggregator::combine_element(double a, double b) noexcept {
    // Kismet's parameters are int64_t, so fractions are dropped before the addition.
    return static_cast<double>(truncate_to_int64(a) + truncate_to_int64(b));
}

double SumAggregator::combine_vector(const double* values, std::size_t count) noexcept {
    double sum = 0;
    for (std::size_t i = 0; i < count; ++i) sum += values[i];
    return sum / static_cast<double>(count);
}

SumAggregator::Bucket SumAggregator::to_bucket(double value) noexcept {
    if (!(value > 0)) return 0;
    if (value >= static_cast<double>(std::numeric_limits<Bucket>::max())) return std::numeric_limits<Bucket>::max();
    return static_cast<Bucket>(value);
}

double PeakSignalAggregator::combine_element(double a, double b) noexcept {
    if (a == 0) return b;
    if (b == 0) return a;
    return a < b ? b : a;
}

double PeakSignalAggregator::combine_vector(const double* values, std::size_t count) noexcept {
    double sum = 0;
    double readings = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (values[i] == 0) continue;
        sum += values[i];
        readings += 1;
    }
    if (readings == 0) return 0;
    // Kismet declares this aggregator's combine_vector as returning int64_t.
    return static_cast<double>(truncate_to_int64(sum / readings));
}

PeakSignalAggregator::Bucket PeakSignalAggregator::to_bucket(double value) noexcept {
    constexpr double kMin = std::numeric_limits<Bucket>::min();
    constexpr double kMax = std::numeric_limits<Bucket>::max();
    if (std::isnan(value)) return 0;
    if (value <= kMin) return std::numeric_limits<Bucket>::min();
    if (value >= kMax) return std::numeric_limits<Bucket>::max();
    return static_cast<Bucket>(value);
}

template <class Aggregator>
void BasicRrd<Aggregator>::reset_all(double value, std::size_t second, std::size_t minute, std::size_t hour) noexcept {
    blank_all(minute_vec);
    minute_vec[second] = Aggregator::to_bucket(value);
    const double minute_mean = combine_buckets<Aggregator>(minute_vec);
    hour_vec.fill(blank_val);
    hour_vec[minute] = minute_mean;
    const double hour_mean = combine_doubles<Aggregator>(hour_vec);
    day_vec.fill(blank_val);
    day_vec[hour] = hour_mean;
}

template <class Aggregator>
void BasicRrd<Aggregator>::settle_means() noexcept {
    if (!means_pending) return;
    means_pending = false;
    hour_vec[static_cast<std::size_t>((last_time / 60) % 60)] = combine_buckets<Aggregator>(minute_vec);
    day_vec[static_cast<std::size_t>((last_time / 3600) % 24)] = combine_doubles<Aggregator>(hour_vec);
}

template <class Aggregator>
void BasicRrd<Aggregator>::add_sample(double value, std::uint64_t time) noexcept {
    add_sample(value, time, false);
}

template <class Aggregator>
void BasicRrd<Aggregator>::add_sample_deferring_means(double value, std::uint64_t time) noexcept {
    add_sample(value, time, true);
}

template <class Aggregator>
void BasicRrd<Aggregator>::add_sample(double value, std::uint64_t time, bool may_defer_means) noexcept {
    // Only a sample in the last one's minute (and so its hour) may leave the means pending: it takes the last
    // branch below, whose means depend on nothing but the buckets they are taken from, so taking them once after the
    // minute's last sample gives what taking them after each did. Every other path reads or rewrites them.
    const bool defer_means = may_defer_means && last_time != 0 && time >= last_time && time / 60 == last_time / 60;
    if (!defer_means) settle_means();
    const auto now = static_cast<std::int64_t>(time);
    const auto last = static_cast<std::int64_t>(last_time);
    const auto second = static_cast<std::size_t>(time % 60);
    const auto minute = static_cast<std::size_t>((time / 60) % 60);
    const auto hour = static_cast<std::size_t>((time / 3600) % 24);
    const auto last_second = static_cast<std::size_t>(last_time % 60);
    const auto last_minute = static_cast<std::size_t>((last_time / 60) % 60);
    const auto last_hour = static_cast<std::size_t>((last_time / 3600) % 24);

    shift_last_value<Aggregator>(last_value, last_value_n1, value, now == last);

    if (now < last) {
        // Late by up to a minute: added to its second only. Kismet then still sets last_time to this older time.
        if (last - now > kMinute) return;
        minute_vec[second] =
            Aggregator::to_bucket(Aggregator::combine_element(static_cast<double>(minute_vec[second]), value));
    } else if (now - last > kDay) {
        // Nothing in a day (or the first sample ever, last_time being 0): start over from this one sample.
        reset_all(value, second, minute, hour);
    } else if (now - last > kHour) {
        blank_all(minute_vec);
        minute_vec[second] = Aggregator::to_bucket(value);
        const double minute_mean = combine_buckets<Aggregator>(minute_vec);
        hour_vec.fill(blank_val);
        hour_vec[minute] = minute_mean;
        const double hour_mean = combine_doubles<Aggregator>(hour_vec);
        // Kismet means to blank the skipped hours of the day, but indexes hour_vec (per minute) with hour
        // numbers: day_vec keeps its stale hours, and a minute bucket in that range is blanked, possibly the one
        // just written (after its mean was taken).
        const std::size_t skipped = buckets_between(last_hour + 1, hour, kDayBuckets);
        for (std::size_t h = 0; h < skipped; ++h) hour_vec[(last_hour + 1 + h) % kDayBuckets] = blank_val;
        day_vec[hour] = hour_mean;
    } else if (now - last > kMinute) {
        blank_all(minute_vec);
        minute_vec[second] = Aggregator::to_bucket(value);
        // Kismet holds both means of this branch in int64_t variables, truncating them.
        const auto minute_mean = static_cast<double>(truncate_to_int64(combine_buckets<Aggregator>(minute_vec)));
        const std::size_t skipped = buckets_between(last_minute + 1, minute, kHourBuckets);
        for (std::size_t m = 0; m < skipped; ++m) hour_vec[(last_minute + 1 + m) % kHourBuckets] = blank_val;
        hour_vec[minute] = minute_mean;
        const auto hour_mean = static_cast<double>(truncate_to_int64(combine_doubles<Aggregator>(hour_vec)));
        day_vec[hour] = hour_mean;
    } else {
        if (now == last) {
            minute_vec[second] =
                Aggregator::to_bucket(Aggregator::combine_element(static_cast<double>(minute_vec[second]), value));
        } else {
            blank_after(minute_vec, last_second, second);
            minute_vec[second] = Aggregator::to_bucket(value);
        }
        if (defer_means) {
            means_pending = true;
        } else {
            hour_vec[minute] = combine_buckets<Aggregator>(minute_vec);
            day_vec[hour] = combine_doubles<Aggregator>(hour_vec);
        }
    }
    last_time = time;
}

template <class Aggregator>
void BasicRrd<Aggregator>::fast_forward(std::uint64_t now) noexcept {
    serial_time = now;
    add_sample(blank_val, now);
}

template <class Aggregator>
void BasicMinuteRrd<Aggregator>::add_sample(double value, std::uint64_t time) noexcept {
    const auto second = static_cast<std::size_t>(time % 60);
    // Frames come in bursts: a sample in the second of the one before only combines into that bucket.
    if (time == last_time) {
        shift_last_value<Aggregator>(last_value, last_value_n1, value, true);
        minute_vec[second] =
            Aggregator::to_bucket(Aggregator::combine_element(static_cast<double>(minute_vec[second]), value));
        return;
    }
    const auto now = static_cast<std::int64_t>(time);
    const auto last = static_cast<std::int64_t>(last_time);

    shift_last_value<Aggregator>(last_value, last_value_n1, value, false);

    if (now < last) {
        if (last - now > kMinute) return;
        minute_vec[second] =
            Aggregator::to_bucket(Aggregator::combine_element(static_cast<double>(minute_vec[second]), value));
    } else if (now - last > kMinute) {
        // Unlike the day RRD, the new sample itself is not stored.
        blank_all(minute_vec);
    } else {
        blank_after(minute_vec, static_cast<std::size_t>(last_time % 60), second);
        minute_vec[second] = Aggregator::to_bucket(value);
    }
    last_time = time;
}

template <class Aggregator>
void BasicMinuteRrd<Aggregator>::fast_forward(std::uint64_t now) noexcept {
    serial_time = now;
    add_sample(blank_val, now);
}

template class BasicRrd<SumAggregator>;
template class BasicRrd<PeakSignalAggregator>;
template class BasicMinuteRrd<SumAggregator>;
template class BasicMinuteRrd<PeakSignalAggregator>;

}  // namespace kismetcore::track
