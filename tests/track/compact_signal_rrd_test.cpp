// The compact signal RRD against a dense SignalRrd fed the same readings.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <random>

#include "kismetcore/track/compact_signal_rrd.h"

using kismetcore::track::CompactSignalRrd;
using kismetcore::track::SignalRrd;

namespace {

constexpr std::uint64_t kPacketTime = 1537621369;

bool same_rrd(const SignalRrd& a, const SignalRrd& b) {
    return a.last_time == b.last_time && a.serial_time == b.serial_time &&
           std::memcmp(&a.last_value, &b.last_value, sizeof(double)) == 0 &&
           std::memcmp(&a.last_value_n1, &b.last_value_n1, sizeof(double)) == 0 && a.minute_vec == b.minute_vec;
}

bool matches(const CompactSignalRrd& compact, const SignalRrd* reference) {
    SignalRrd scratch;
    const SignalRrd* seen = compact.view(scratch);
    if ((seen == nullptr) != (reference == nullptr) || compact.empty() != (reference == nullptr)) return false;
    return seen == nullptr || same_rrd(*seen, *reference);
}

}  // namespace

TEST_CASE("a signal RRD heard in two seconds stays a log and reads as Kismet's", "[subrecords]") {
    CHECK(sizeof(CompactSignalRrd) == 40);  // inline in every signal record, against 152 bytes dense
    CompactSignalRrd compact;
    SignalRrd dense;
    CHECK(matches(compact, nullptr));
    for (const auto& [value, time] : {std::pair{-70.0, kPacketTime},
                                      {-75.0, kPacketTime},
                                      {-60.0, kPacketTime},
                                      {-80.0, kPacketTime},
                                      {-72.0, kPacketTime},
                                      {-64.0, kPacketTime + 1},
                                      {-66.0, kPacketTime + 1}}) {
        compact.add_sample(value, time);
        dense.add_sample(value, time);
        CHECK(compact.logged());
        CHECK(matches(compact, &dense));
    }
    SignalRrd scratch;
    CHECK(compact.view(scratch)->last_value_n1 == -64);

    CompactSignalRrd copy(compact);
    CHECK(matches(copy, &dense));
    compact.add_sample(-50, kPacketTime + 9);  // a third second
    dense.add_sample(-50, kPacketTime + 9);
    CHECK_FALSE(compact.logged());
    CHECK(matches(compact, &dense));
    CompactSignalRrd moved(std::move(compact));
    CHECK(matches(moved, &dense));
    copy = moved;
    CHECK(matches(copy, &dense));
}

TEST_CASE("a signal RRD goes dense for a late reading or one that is not a whole 16-bit number", "[subrecords]") {
    for (const auto& [value, late] : {std::pair{-70.0, true}, {40000.0, false}, {-70.5, false}}) {
        CompactSignalRrd compact;
        SignalRrd dense;
        compact.add_sample(-60, kPacketTime + 30);
        dense.add_sample(-60, kPacketTime + 30);
        const std::uint64_t time = late ? kPacketTime : kPacketTime + 30;
        compact.add_sample(value, time);
        dense.add_sample(value, time);
        CHECK_FALSE(compact.logged());
        CHECK(matches(compact, &dense));
    }
}

TEST_CASE("a compact signal RRD matches a dense one over random readings", "[subrecords]") {
    std::mt19937_64 random(1123);
    for (int stream = 0; stream < 400; ++stream) {
        CompactSignalRrd compact;
        SignalRrd dense;
        std::uint64_t time = kPacketTime + random() % 3600;
        const int length = 1 + static_cast<int>(random() % 24);
        for (int i = 0; i < length; ++i) {
            const auto step = random() % 8;
            if (step == 0) time += 61 + random() % 300;
            if (step == 1) time += 1 + random() % 59;
            if (step == 2 && random() % 4 == 0) time -= random() % 90;
            const double value = random() % 10 == 0 ? 0.0 : -30.0 - static_cast<double>(random() % 70);
            compact.add_sample(value, time);
            dense.add_sample(value, time);
            INFO("stream " << stream << ", reading " << i);
            REQUIRE(matches(compact, &dense));
        }
    }
}
