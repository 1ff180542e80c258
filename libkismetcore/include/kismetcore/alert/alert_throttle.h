// Kismet's alert rate limit: a rate per unit and a burst per unit, checked against the last alert sent.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kismetcore::alert {

// Kismet's alert_time_unit; the numbers are what kismet.alert.definition.limit_unit / burst_unit show.
enum class TimeUnit : std::uint8_t { second = 0, minute = 1, hour = 2, day = 3 };

[[nodiscard]] constexpr double seconds_in(TimeUnit unit) noexcept {
    switch (unit) {
        case TimeUnit::second:
            return 1;
        case TimeUnit::minute:
            return 60;
        case TimeUnit::hour:
            return 3600;
        case TimeUnit::day:
            return 86400;
    }
    return 1;
}

// "N", "N/sec", "N/second", "N/min", "N/minute", "N/hr", "N/hour" or "N/day" (a bare number is per minute).
struct Rate {
    std::uint32_t count = 0;
    TimeUnit unit = TimeUnit::minute;

    friend constexpr bool operator==(const Rate&, const Rate&) = default;
};

// Kismet's parse_rate_unit; nullopt for an unknown unit or a count that is not a number.
[[nodiscard]] std::optional<Rate> parse_rate(std::string_view text) noexcept;

// Kismet's check_times and the counting raise_alert does after it (alertracker.cc):
// 1. a rate of 0 disables the alert;
// 2. when the last alert sent is older than one rate unit, both counters restart and the alert goes out;
// 3. when it is older than one burst unit, the burst counter restarts;
// 4. the alert goes out while fewer than `burst` were sent in the burst and fewer than `rate` in total.
// Ages compare with `<` against now minus the unit, as Kismet does. Suppressed alerts change nothing.
struct AlertThrottle {
    Rate limit{10, TimeUnit::minute};
    Rate burst{1, TimeUnit::second};
    std::uint64_t burst_sent = 0;
    std::uint64_t total_sent = 0;
    double time_last = 0;  // when the last alert was sent; 0 before the first

    // Would an alert at `now` (seconds) go out? Kismet's potential_alert; restarts counters as check_times does.
    [[nodiscard]] bool admits(double now) noexcept;
    // Counts an alert sent at `now`.
    void record_sent(double now) noexcept {
        ++burst_sent;
        ++total_sent;
        time_last = now;
    }
    // admits() then record_sent() when it did.
    bool try_send(double now) noexcept {
        if (!admits(now)) return false;
        record_sent(now);
        return true;
    }
};

}  // namespace kismetcore::alert
