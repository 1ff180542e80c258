// The packet RRDs' log of seconds against four dense RRDs fed the way Kismet feeds them.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <random>

#include "kismetcore/track/packet_rrds.h"
#include "support/rrd_clock.h"

using kismetcore::track::PacketRrds;
using kismetcore::track::Rrd;

namespace {

constexpr std::uint64_t kClock = 1795369464;  // second 24, minute 44, hour 17 of the day

using Kind = PacketRrds::Kind;
using Direction = PacketRrds::Direction;

// The reference: Kismet's update_common_device, one dense RRD per kind created by its first sample.
struct DenseReference {
    std::array<std::unique_ptr<Rrd>, PacketRrds::kKinds> rrds;

    void add_packet(std::uint64_t now, Direction direction, bool data, std::uint64_t data_size) {
        get(Kind::packets).add_sample(1, now);
        if (direction == Direction::tx) get(Kind::tx_packets).add_sample(1, now);
        if (direction == Direction::rx) get(Kind::rx_packets).add_sample(1, now);
        if (data) get(Kind::datasize).add_sample(static_cast<double>(data_size), now);
    }
    Rrd& get(Kind kind) { return kismetcore::track::get_or_create(rrds[static_cast<std::size_t>(kind)]); }
    [[nodiscard]] const Rrd* find(Kind kind) const { return rrds[static_cast<std::size_t>(kind)].get(); }
};

// Same bits, not just equal values: the serializer prints these doubles.
bool same_rrd(const Rrd& a, const Rrd& b) {
    return a.last_time == b.last_time && a.serial_time == b.serial_time &&
           std::memcmp(&a.last_value, &b.last_value, sizeof(double)) == 0 &&
           std::memcmp(&a.last_value_n1, &b.last_value_n1, sizeof(double)) == 0 && a.minute_vec == b.minute_vec &&
           std::memcmp(a.hour_vec.data(), b.hour_vec.data(), sizeof a.hour_vec) == 0 &&
           std::memcmp(a.day_vec.data(), b.day_vec.data(), sizeof a.day_vec) == 0;
}

bool matches(const PacketRrds& rrds, const DenseReference& reference) {
    for (std::size_t k = 0; k < PacketRrds::kKinds; ++k) {
        const auto kind = static_cast<Kind>(k);
        Rrd scratch;
        const Rrd* seen = rrds.view(kind, scratch);
        const Rrd* expected = reference.find(kind);
        if ((seen == nullptr) != (expected == nullptr) || rrds.has(kind) != (expected != nullptr)) return false;
        if (seen != nullptr && !same_rrd(*seen, *expected)) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("packet RRDs of a device heard in a few seconds stay a log and read as Kismet's RRDs", "[subrecords]") {
    CHECK(sizeof(PacketRrds) == 80);  // inline in every device, against 952 bytes per dense RRD
    PacketRrds rrds;
    DenseReference reference;
    CHECK(matches(rrds, reference));  // no RRD before the first packet
    const struct {
        std::uint64_t time;
        Direction direction;
        bool data;
        std::uint64_t size;
    } packets[] = {
        {kClock, Direction::tx, false, 0},
        {kClock, Direction::tx, true, 120},
        {kClock, Direction::rx, true, 0},
        {kClock, Direction::tx, true, 90},
        {kClock, Direction::tx, true, 60},
        {kClock + 1, Direction::rx, true, 7},
        {kClock + 70, Direction::neither, false, 0},
        {kClock + 4000, Direction::tx, true, 1500},
    };
    for (const auto& packet : packets) {
        rrds.add_packet(packet.time, packet.direction, packet.data, packet.size);
        reference.add_packet(packet.time, packet.direction, packet.data, packet.size);
        CHECK(rrds.logged());
        CHECK(matches(rrds, reference));
    }
    Rrd scratch;
    REQUIRE(rrds.view(Kind::datasize, scratch) != nullptr);
    CHECK(scratch.last_value == 1500);
    CHECK(scratch.last_value_n1 == 7);
}

TEST_CASE("packet RRDs go dense on a fifth second, a clock going back or a crowded second", "[subrecords]") {
    SECTION("a fifth second") {
        PacketRrds rrds;
        DenseReference reference;
        for (std::uint64_t s = 0; s < 5; ++s) {
            rrds.add_packet(kClock + 10 * s, Direction::tx, true, 100 + s);
            reference.add_packet(kClock + 10 * s, Direction::tx, true, 100 + s);
            CHECK(rrds.logged() == (s < PacketRrds::kLoggedSeconds));
        }
        CHECK(matches(rrds, reference));
    }
    SECTION("a clock going back takes Kismet's late-sample rule") {
        PacketRrds rrds;
        DenseReference reference;
        for (std::uint64_t time : {kClock, kClock + 30, kClock + 10}) {
            rrds.add_packet(time, Direction::rx, false, 0);
            reference.add_packet(time, Direction::rx, false, 0);
        }
        CHECK_FALSE(rrds.logged());
        CHECK(matches(rrds, reference));
    }
    SECTION("256 packets in one second, or a data size past 16 bits") {
        PacketRrds busy;
        DenseReference busy_reference;
        for (int i = 0; i < 256; ++i) {
            busy.add_packet(kClock, Direction::tx, false, 0);
            busy_reference.add_packet(kClock, Direction::tx, false, 0);
        }
        CHECK_FALSE(busy.logged());
        CHECK(matches(busy, busy_reference));

        PacketRrds jumbo;
        DenseReference jumbo_reference;
        jumbo.add_packet(kClock, Direction::tx, true, 70000);
        jumbo_reference.add_packet(kClock, Direction::tx, true, 70000);
        CHECK_FALSE(jumbo.logged());
        CHECK(matches(jumbo, jumbo_reference));
    }
}

TEST_CASE("packet RRDs match dense RRDs over random packet streams", "[subrecords]") {
    std::mt19937_64 random(20261123);
    for (int stream = 0; stream < 400; ++stream) {
        PacketRrds rrds;
        DenseReference reference;
        std::uint64_t now = kClock + random() % 86400;
        const int length = 1 + static_cast<int>(random() % 40);
        for (int i = 0; i < length; ++i) {
            now = kismetcore::testing::next_rrd_time(random, now);
            const auto direction = static_cast<Direction>(random() % 3);
            const bool data = random() % 2 == 0;
            const std::uint64_t size = random() % 20 == 0 ? 70000 : random() % 1600;
            rrds.add_packet(now, direction, data, size);
            reference.add_packet(now, direction, data, size);
            INFO("stream " << stream << ", packet " << i);
            REQUIRE(matches(rrds, reference));
        }
    }
}

TEST_CASE("dense packet RRDs count a busy second's samples and read as if each had been added", "[subrecords]") {
    // Long streams, mostly many packets a second, read at random moments: a read applies the counted run, and
    // counting goes on after it in the same second.
    std::mt19937_64 random(20261124);
    int dense_streams = 0;
    for (int stream = 0; stream < 200; ++stream) {
        PacketRrds rrds;
        DenseReference reference;
        std::uint64_t now = kClock + random() % 86400;
        const int length = 50 + static_cast<int>(random() % 400);
        for (int i = 0; i < length; ++i) {
            if (random() % 8 == 0) now = kismetcore::testing::next_rrd_time(random, now);
            const auto direction = static_cast<Direction>(random() % 3);
            const bool data = random() % 2 == 0;
            const std::uint64_t size = random() % 50 == 0 ? 5'000'000'000ULL : random() % 1600;
            rrds.add_packet(now, direction, data, size);
            reference.add_packet(now, direction, data, size);
            if (random() % 16 == 0) {
                INFO("stream " << stream << ", packet " << i);
                REQUIRE(matches(rrds, reference));
            }
        }
        INFO("stream " << stream << ", end");
        REQUIRE(matches(rrds, reference));
        if (!rrds.logged()) ++dense_streams;
    }
    CHECK(dense_streams > 180);
}

TEST_CASE("a dense packet RRD's run keeps last_value_n1 and a late sample's rule", "[subrecords]") {
    PacketRrds rrds;
    DenseReference reference;
    const auto add = [&](std::uint64_t time, Direction direction, bool data, std::uint64_t size) {
        rrds.add_packet(time, direction, data, size);
        reference.add_packet(time, direction, data, size);
    };
    for (std::uint64_t s = 0; s < 5; ++s) add(kClock + s, Direction::tx, true, 10);  // dense from the fifth second
    REQUIRE_FALSE(rrds.logged());
    add(kClock + 5, Direction::tx, true, 100);
    add(kClock + 5, Direction::tx, true, 200);
    add(kClock + 5, Direction::rx, true, 300);
    Rrd scratch;
    const Rrd* datasize = rrds.view(Kind::datasize, scratch);
    REQUIRE(datasize != nullptr);
    CHECK(datasize->last_value == 600);
    CHECK(datasize->last_value_n1 == 300);
    CHECK(datasize->minute_vec[(kClock + 5) % 60] == 600);
    CHECK(matches(rrds, reference));
    // More than a minute late: Kismet only moves last_value, sample after sample, never combining them.
    add(kClock - 100, Direction::tx, true, 7);
    add(kClock - 100, Direction::tx, true, 8);
    add(kClock - 100, Direction::tx, true, 9);
    CHECK(matches(rrds, reference));
    datasize = rrds.view(Kind::datasize, scratch);
    CHECK(datasize->last_value == 9);
    CHECK(datasize->last_value_n1 == 8);
}
