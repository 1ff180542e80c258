// Kismet's RRD update rules: values worked out by hand from trackedrrd.h, and RRDs of Kismet's own samples.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>

#include "kismetcore/track/rrd.h"
#include "support/rrd_clock.h"

using kismetcore::track::PeakSignalAggregator;
using kismetcore::track::Rrd;
using kismetcore::track::SignalRrd;
using kismetcore::track::SumAggregator;

namespace {

// 1795369464 = Kismet's clock while it read capture_wds-01: second 24, minute 44, hour 17 of the day.
constexpr std::uint64_t kWdsClock = 1795369464;

std::size_t nonzero_minutes(const Rrd& rrd) {
    std::size_t count = 0;
    for (auto value : rrd.minute_vec) count += value != 0 ? 1 : 0;
    return count;
}

std::size_t nonzero_hours(const Rrd& rrd) {
    std::size_t count = 0;
    for (double value : rrd.hour_vec) count += value != 0 ? 1 : 0;
    return count;
}

}  // namespace

TEST_CASE("an RRD is sized for memory: 32-bit seconds, double minutes and hours", "[subrecords]") {
    CHECK(sizeof(Rrd) == 952);
    CHECK(sizeof(SignalRrd) == 152);
}

TEST_CASE("the first sample of an RRD resets it around that one sample", "[subrecords]") {
    Rrd rrd;
    rrd.add_sample(1, kWdsClock);
    CHECK(rrd.last_time == kWdsClock);
    CHECK(rrd.last_value == 1);
    CHECK(rrd.last_value_n1 == 0);
    CHECK(rrd.minute_vec[24] == 1);
    CHECK(nonzero_minutes(rrd) == 1);
    CHECK(rrd.hour_vec[44] == 1.0 / 60);
    CHECK(rrd.day_vec[17] == (1.0 / 60) / 60);
}

TEST_CASE("capture_wds-01: 54 packets in one second, serialized two seconds later, as Kismet shows", "[subrecords]") {
    // Kismet's sample for 00:11:22:00:00:00: packets.rrd minute_vec[24] = 54, hour_vec[44] = 0.9,
    // day_vec[17] = 0.015, last_value 0, last_value_n1 54, last_time = serial_time = 1795369466.
    Rrd packets;
    for (int i = 0; i < 54; ++i) packets.add_sample(1, kWdsClock);
    CHECK(packets.last_value == 54);
    packets.fast_forward(kWdsClock + 2);
    CHECK(packets.last_time == 1795369466);
    CHECK(packets.serial_time == 1795369466);
    CHECK(packets.last_value == 0);
    CHECK(packets.last_value_n1 == 54);
    CHECK(packets.minute_vec[24] == 54);
    CHECK(nonzero_minutes(packets) == 1);
    CHECK(packets.hour_vec[44] == 54.0 / 60);
    CHECK(packets.hour_vec[44] == Approx(0.9).margin(5e-7));
    CHECK(nonzero_hours(packets) == 1);
    CHECK(packets.day_vec[17] == Approx(0.015).margin(5e-7));

    // datasize.rrd of the same device: 15486 bytes -> hour 258.1, day 4.301667 (printed with 6 decimals).
    Rrd datasize;
    datasize.add_sample(15000, kWdsClock);
    datasize.add_sample(486, kWdsClock);
    datasize.fast_forward(kWdsClock + 2);
    CHECK(datasize.minute_vec[24] == 15486);
    CHECK(datasize.last_value_n1 == 15486);
    CHECK(datasize.hour_vec[44] == Approx(258.1).margin(5e-7));
    CHECK(datasize.day_vec[17] == Approx(4.301667).margin(5e-7));
}

TEST_CASE("pmkid-not-recognized: packets over two seconds, as Kismet shows them", "[subrecords]") {
    // 8C:DE:F9:D0:B4:61: 1532 packets at 1795369703, 751 at 1795369704, serialized at 1795369706.
    Rrd packets;
    for (int i = 0; i < 1532; ++i) packets.add_sample(1, 1795369703);
    for (int i = 0; i < 751; ++i) packets.add_sample(1, 1795369704);
    packets.fast_forward(1795369706);
    CHECK(packets.minute_vec[23] == 1532);
    CHECK(packets.minute_vec[24] == 751);
    CHECK(nonzero_minutes(packets) == 2);
    CHECK(packets.last_value_n1 == 751);
    CHECK(packets.hour_vec[48] == Approx(38.05).margin(5e-7));
    CHECK(packets.day_vec[17] == Approx(0.634167).margin(5e-7));

    // 60:7E:A4:4C:EE:73 datasize.rrd: the last second's data frames were empty, so last_value_n1 is 0.
    Rrd datasize;
    datasize.add_sample(1521, 1795369703);
    datasize.add_sample(0, 1795369704);
    datasize.fast_forward(1795369706);
    CHECK(datasize.minute_vec[23] == 1521);
    CHECK(datasize.minute_vec[24] == 0);
    CHECK(datasize.last_value_n1 == 0);
    CHECK(datasize.hour_vec[48] == Approx(25.35).margin(5e-7));
    CHECK(datasize.day_vec[17] == Approx(0.4225).margin(5e-7));
}

TEST_CASE("within a minute, skipped seconds are blanked and older seconds of the ring stay", "[subrecords]") {
    Rrd rrd;
    const std::uint64_t t = 1800000050;  // second 50, minute 0, hour 8
    rrd.add_sample(4, t);
    rrd.add_sample(7, t + 1);   // consecutive second: nothing to blank
    rrd.minute_vec[5] = 9;      // a stale value from the previous pass of the ring
    rrd.add_sample(2, t + 20);  // second 10 of minute 1: blanks 52..59 and 0..9
    CHECK(rrd.minute_vec[50] == 4);
    CHECK(rrd.minute_vec[51] == 7);
    CHECK(rrd.minute_vec[5] == 0);
    CHECK(rrd.minute_vec[10] == 2);
    CHECK(nonzero_minutes(rrd) == 3);
    CHECK(rrd.hour_vec[1] == 13.0 / 60);
    CHECK(rrd.hour_vec[0] == 11.0 / 60);  // the minute before keeps the mean it had
    CHECK(rrd.day_vec[8] == (11.0 / 60 + 13.0 / 60) / 60);
}

TEST_CASE("a sample exactly 60 s later replaces its second and blanks the other 59", "[subrecords]") {
    Rrd rrd;
    rrd.add_sample(4, 1800000050);
    rrd.add_sample(3, 1800000055);
    rrd.add_sample(2, 1800000115);  // 60 s after the last: same second 55, next minute
    CHECK(rrd.minute_vec[55] == 2);
    CHECK(nonzero_minutes(rrd) == 1);
    CHECK(rrd.hour_vec[1] == 2.0 / 60);
    CHECK(rrd.hour_vec[0] == 7.0 / 60);
}

TEST_CASE("a gap of more than a minute truncates the minute and hour means to whole numbers", "[subrecords]") {
    Rrd rrd;
    rrd.add_sample(100, 1800000050);  // minute 0: hour_vec[0] = 100/60
    rrd.hour_vec[1] = 5;              // stale minutes of an earlier hour
    rrd.hour_vec[2] = 5;
    rrd.add_sample(90, 1800000231);  // 181 s later: second 51 of minute 3; minutes 1 and 2 are blanked
    CHECK(rrd.minute_vec[51] == 90);
    CHECK(nonzero_minutes(rrd) == 1);
    CHECK(rrd.hour_vec[3] == 1);  // trunc(90 / 60)
    CHECK(rrd.hour_vec[1] == 0);
    CHECK(rrd.hour_vec[2] == 0);
    CHECK(rrd.hour_vec[0] == 100.0 / 60);
    CHECK(rrd.day_vec[8] == 0);  // trunc((100/60 + 1) / 60)

    Rrd busy;
    busy.add_sample(7200, 1800000050);
    busy.add_sample(7200, 1800000200);
    CHECK(busy.hour_vec[3] == 120);
    CHECK(busy.day_vec[8] == 4);  // trunc((120 + 120) / 60)
}

TEST_CASE("a gap of more than an hour blanks minute buckets named like the skipped hours", "[subrecords]") {
    // Kismet means to blank the skipped hours of day_vec but writes hour_vec with hour numbers instead.
    Rrd rrd;
    const std::uint64_t t0 = kWdsClock;    // hour 17
    rrd.add_sample(3600, t0 - 22 * 3600);  // hour 19 of the previous day
    CHECK(rrd.day_vec[19] == 1);
    rrd.add_sample(60, t0);              // 22 h later: the hour path; hours 20..16 are "skipped"
    CHECK(rrd.day_vec[19] == 1);         // stale: not blanked
    CHECK(rrd.day_vec[17] == 1.0 / 60);  // hour_vec[44] = 60/60, then its mean

    const std::uint64_t t1 = 1795378745;  // hour 20, minute 19, second 5; 9281 s after t0
    rrd.add_sample(120, t1);
    CHECK(rrd.minute_vec[5] == 120);
    CHECK(nonzero_minutes(rrd) == 1);
    // hour_vec[19] got 120/60 and was then blanked as "skipped hour 19"; day_vec[20] had taken its mean first.
    CHECK(rrd.hour_vec[19] == 0);
    CHECK(nonzero_hours(rrd) == 0);
    CHECK(rrd.day_vec[20] == (120.0 / 60) / 60);
    CHECK(rrd.day_vec[17] == 1.0 / 60);
    CHECK(rrd.day_vec[19] == 1);
}

TEST_CASE("a gap of more than a day starts the RRD over", "[subrecords]") {
    Rrd rrd;
    rrd.add_sample(5, kWdsClock);
    rrd.add_sample(5, kWdsClock + 3);
    rrd.add_sample(6, kWdsClock + 86401);
    CHECK(nonzero_minutes(rrd) == 1);
    CHECK(rrd.minute_vec[25] == 6);
    CHECK(nonzero_hours(rrd) == 1);
    CHECK(rrd.hour_vec[44] == 6.0 / 60);
    CHECK(rrd.day_vec[17] == (6.0 / 60) / 60);
    for (std::size_t h = 0; h < 24; ++h) {
        if (h != 17) CHECK(rrd.day_vec[h] == 0);
    }
}

TEST_CASE("a sample up to a minute late joins its second and moves last_time back", "[subrecords]") {
    Rrd rrd;
    rrd.add_sample(5, 1800000050);
    rrd.add_sample(2, 1800000040);
    CHECK(rrd.minute_vec[40] == 2);
    CHECK(rrd.last_time == 1800000040);
    CHECK(rrd.hour_vec[0] == 5.0 / 60);  // the means are not refreshed
    CHECK(rrd.last_value == 2);
    CHECK(rrd.last_value_n1 == 5);
    // The next sample at the original time now looks 10 s newer: seconds 41..49 are blanked and second 50 is
    // overwritten, losing the 5.
    rrd.add_sample(1, 1800000050);
    CHECK(rrd.minute_vec[50] == 1);
    CHECK(rrd.minute_vec[40] == 2);
    CHECK(rrd.hour_vec[0] == 3.0 / 60);
}

TEST_CASE("a sample more than a minute late changes only last_value", "[subrecords]") {
    Rrd rrd;
    rrd.add_sample(5, 1800000050);
    rrd.add_sample(2, 1800000050 - 61);
    CHECK(rrd.last_time == 1800000050);
    CHECK(rrd.last_value == 2);
    CHECK(rrd.last_value_n1 == 5);
    CHECK(nonzero_minutes(rrd) == 1);
    CHECK(rrd.minute_vec[50] == 5);
}

TEST_CASE("fast-forwarding twice in one second keeps the buckets and zeroes last_value", "[subrecords]") {
    Rrd rrd;
    rrd.add_sample(3, kWdsClock);
    rrd.fast_forward(kWdsClock + 1);
    rrd.fast_forward(kWdsClock + 1);
    CHECK(rrd.serial_time == kWdsClock + 1);
    CHECK(rrd.last_value == 0);
    CHECK(rrd.last_value_n1 == 0);
    CHECK(rrd.minute_vec[24] == 3);
    CHECK(rrd.hour_vec[44] == 3.0 / 60);
}

TEST_CASE("the sum aggregator truncates before adding and saturates its 32-bit seconds", "[subrecords]") {
    CHECK(SumAggregator::combine_element(1.9, 2.9) == 3);
    CHECK(SumAggregator::combine_element(-1.5, 4) == 3);
    CHECK(SumAggregator::to_bucket(-3) == 0);
    CHECK(SumAggregator::to_bucket(5e12) == 4294967295u);
    Rrd rrd;
    rrd.add_sample(4294967000.0, kWdsClock);
    rrd.add_sample(1000, kWdsClock);
    CHECK(rrd.minute_vec[24] == 4294967295u);
}

TEST_CASE("the peak aggregator keeps the stronger reading and averages non-zero ones toward zero", "[subrecords]") {
    CHECK(PeakSignalAggregator::combine_element(0, -70) == -70);
    CHECK(PeakSignalAggregator::combine_element(-70, 0) == -70);
    CHECK(PeakSignalAggregator::combine_element(-70, -60) == -60);
    CHECK(PeakSignalAggregator::combine_element(-60, -80) == -60);
    const double readings[] = {-70, 0, -75, 0};
    CHECK(PeakSignalAggregator::combine_vector(readings, 4) == -72);  // -72.5 truncated
    const double none[] = {0, 0};
    CHECK(PeakSignalAggregator::combine_vector(none, 2) == 0);

    kismetcore::track::BasicRrd<PeakSignalAggregator> rrd;
    rrd.add_sample(-71, kWdsClock);
    CHECK(rrd.minute_vec[24] == -71);
    CHECK(rrd.hour_vec[44] == -71);
    CHECK(rrd.day_vec[17] == -71);
}

TEST_CASE("a minute RRD drops the sample that follows a gap of more than a minute", "[subrecords]") {
    SignalRrd rrd;
    rrd.add_sample(-70, kWdsClock);  // last_time 0: the vector is wiped and this reading is not stored
    CHECK(rrd.last_time == kWdsClock);
    CHECK(rrd.last_value == -70);
    for (auto value : rrd.minute_vec) CHECK(value == 0);

    rrd.add_sample(-60, kWdsClock + 1);
    rrd.add_sample(-80, kWdsClock + 1);
    CHECK(rrd.minute_vec[25] == -60);
    CHECK(rrd.last_value == -60);
    CHECK(rrd.last_value_n1 == -60);

    rrd.add_sample(-65, kWdsClock + 4);
    CHECK(rrd.minute_vec[25] == -60);
    CHECK(rrd.minute_vec[28] == -65);
    rrd.add_sample(-50, kWdsClock - 30);  // late within a minute: combined into its second
    CHECK(rrd.minute_vec[54] == -50);
    CHECK(rrd.last_time == kWdsClock - 30);

    rrd.fast_forward(kWdsClock + 200);
    CHECK(rrd.serial_time == kWdsClock + 200);
    CHECK(rrd.last_value == 0);
    CHECK(rrd.last_value_n1 == -50);
    for (auto value : rrd.minute_vec) CHECK(value == 0);
}

TEST_CASE("get_or_create allocates an RRD once", "[subrecords]") {
    std::unique_ptr<Rrd> slot;
    Rrd& first = kismetcore::track::get_or_create(slot);
    first.add_sample(1, kWdsClock);
    Rrd& again = kismetcore::track::get_or_create(slot);
    CHECK(&first == &again);
    CHECK(again.minute_vec[24] == 1);
}

TEST_CASE("an RRD that leaves its means to settle_means() ends as one that takes them at every sample",
          "[subrecords]") {
    // Busy devices feed their dense packet RRDs with add_sample_deferring_means; read after settle_means(), they
    // must hold exactly what Kismet's add_sample leaves, whatever runs of seconds, gaps and late samples came.
    std::mt19937_64 random(20261123);
    for (int stream = 0; stream < 2000; ++stream) {
        Rrd eager;
        Rrd deferring;
        std::uint64_t now = kWdsClock + random() % 86400;
        const int length = 1 + static_cast<int>(random() % 200);
        for (int i = 0; i < length; ++i) {
            now = kismetcore::testing::next_rrd_time(random, now);
            const double value = random() % 8 == 0 ? 0 : static_cast<double>(random() % 3000);
            if (random() % 50 == 0) {
                eager.fast_forward(now);
                deferring.fast_forward(now);
            } else {
                eager.add_sample(value, now);
                deferring.add_sample_deferring_means(value, now);
            }
            if (random() % 20 != 0 && i + 1 != length) continue;
            deferring.settle_means();
            INFO("stream " << stream << ", sample " << i);
            REQUIRE(deferring.last_time == eager.last_time);
            REQUIRE(deferring.serial_time == eager.serial_time);
            REQUIRE(deferring.last_value == eager.last_value);
            REQUIRE(deferring.last_value_n1 == eager.last_value_n1);
            REQUIRE(deferring.minute_vec == eager.minute_vec);
            REQUIRE(deferring.hour_vec == eager.hour_vec);
            REQUIRE(deferring.day_vec == eager.day_vec);
        }
    }
}
