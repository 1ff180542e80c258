// Kismet's alert rate limits: "N/unit" parsing and the throttle at its boundaries.
#include <catch2/catch.hpp>

#include "kismetcore/alert/alert_throttle.h"

using namespace kismetcore::alert;

TEST_CASE("rates parse as Kismet's parse_rate_unit reads them", "[alert]") {
    CHECK(parse_rate("5/min") == Rate{5, TimeUnit::minute});
    CHECK(parse_rate("5/minute") == Rate{5, TimeUnit::minute});
    CHECK(parse_rate("2/sec") == Rate{2, TimeUnit::second});
    CHECK(parse_rate("2/second") == Rate{2, TimeUnit::second});
    CHECK(parse_rate("3/hr") == Rate{3, TimeUnit::hour});
    CHECK(parse_rate("3/hour") == Rate{3, TimeUnit::hour});
    CHECK(parse_rate("1/day") == Rate{1, TimeUnit::day});
    CHECK(parse_rate("7") == Rate{7, TimeUnit::minute});  // a bare number is per minute
    CHECK(parse_rate("0/min") == Rate{0, TimeUnit::minute});
    CHECK_FALSE(parse_rate("5/fortnight"));
    CHECK_FALSE(parse_rate("many/min"));
    CHECK_FALSE(parse_rate("-1/min"));
}

TEST_CASE("a rate of 0 disables the alert", "[alert]") {
    AlertThrottle throttle{.limit = {0, TimeUnit::minute}, .burst = {1, TimeUnit::second}};
    CHECK_FALSE(throttle.try_send(100));
    CHECK_FALSE(throttle.try_send(100000));
    CHECK(throttle.total_sent == 0);
}

TEST_CASE("the burst limits alerts within one burst unit and restarts after it", "[alert]") {
    AlertThrottle throttle{.limit = {5, TimeUnit::minute}, .burst = {2, TimeUnit::second}};
    CHECK(throttle.try_send(1000.0));
    CHECK(throttle.try_send(1000.5));
    CHECK_FALSE(throttle.try_send(1000.9));  // third in the same second
    // Exactly one unit after the last alert sent is not yet older than the unit (Kismet compares with <).
    CHECK_FALSE(throttle.try_send(1001.5));
    CHECK(throttle.try_send(1001.6));  // the burst restarted
    CHECK(throttle.burst_sent == 1);
    CHECK(throttle.total_sent == 3);
}

TEST_CASE("the rate caps the total until the last alert is older than one rate unit", "[alert]") {
    AlertThrottle throttle{.limit = {5, TimeUnit::minute}, .burst = {1, TimeUnit::second}};
    double now = 0;
    for (int i = 0; i < 5; ++i) {
        now += 2;
        CHECK(throttle.try_send(now));
    }
    // Five sent within the minute: the sixth waits however far apart the bursts are.
    CHECK_FALSE(throttle.try_send(now + 2));
    CHECK_FALSE(throttle.try_send(now + 60));  // exactly one minute after the last sent: not older yet
    CHECK(throttle.try_send(now + 60.001));
    CHECK(throttle.total_sent == 1);
    CHECK(throttle.time_last == now + 60.001);
}

TEST_CASE("suppressed alerts do not move the time of the last alert", "[alert]") {
    AlertThrottle throttle{.limit = {1, TimeUnit::minute}, .burst = {1, TimeUnit::second}};
    CHECK(throttle.try_send(10));
    for (int i = 11; i < 70; ++i) CHECK_FALSE(throttle.try_send(i));
    CHECK(throttle.time_last == 10);
    CHECK(throttle.try_send(70.5));
}
