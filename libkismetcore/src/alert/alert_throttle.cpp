// Kismet's alert rate limits: parsing "N/unit" and the throttle check.
#include "kismetcore/alert/alert_throttle.h"

#include <charconv>

namespace kismetcore::alert {

std::optional<Rate> parse_rate(std::string_view text) noexcept {
    Rate rate;
    const auto slash = text.find('/');
    const std::string_view number = text.substr(0, slash);
    if (slash != std::string_view::npos) {
        const std::string_view unit = text.substr(slash + 1);
        if (unit == "sec" || unit == "second")
            rate.unit = TimeUnit::second;
        else if (unit == "min" || unit == "minute")
            rate.unit = TimeUnit::minute;
        else if (unit == "hr" || unit == "hour")
            rate.unit = TimeUnit::hour;
        else if (unit == "day")
            rate.unit = TimeUnit::day;
        else
            return std::nullopt;
    }
    // Kismet reads the number with sscanf("%d"): leading blanks are skipped, trailing text ignored.
    std::size_t start = 0;
    while (start < number.size() && (number[start] == ' ' || number[start] == '\t')) ++start;
    std::int64_t value = 0;
    const auto* first = number.data() + start;
    const auto* last = number.data() + number.size();
    if (first != last && *first == '+') ++first;
    const auto parsed = std::from_chars(first, last, value);
    if (parsed.ec != std::errc{} || value < 0 || value > 0xffffffffLL) return std::nullopt;
    rate.count = static_cast<std::uint32_t>(value);
    return rate;
}

bool AlertThrottle::admits(double now) noexcept {
    if (limit.count == 0) return false;
    if (time_last < now - seconds_in(limit.unit)) {
        total_sent = 0;
        burst_sent = 0;
        return true;
    }
    if (time_last < now - seconds_in(burst.unit)) burst_sent = 0;
    return burst_sent < burst.count && total_sent < limit.count;
}

}  // namespace kismetcore::alert
