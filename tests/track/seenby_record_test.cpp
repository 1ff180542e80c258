// Kismet's seen-by records: first/last time and count per source, per-source frequency and signal when enabled.
#include <catch2/catch.hpp>

#include "kismetcore/track/seenby_record.h"

using kismetcore::track::Layer1Sample;
using kismetcore::track::PerSourceSample;
using kismetcore::track::SeenbyList;
using kismetcore::track::SeenbyRecord;
using kismetcore::track::SignalRrd;
using kismetcore::track::SignalType;

TEST_CASE("a seen-by record counts packets and keeps the first and latest packet times", "[subrecords]") {
    SeenbyList list;
    list.record_packet(7, 1566049275, nullptr);
    list.record_packet(7, 1566049355, nullptr);
    const SeenbyRecord& record = list.record_packet(7, 1566049300, nullptr);  // out of order: last_time goes back
    CHECK(record.first_time == 1566049275);
    CHECK(record.last_time == 1566049300);
    CHECK(record.num_packets == 3);
    // Without keep_per_datasource_stats there is no per-source frequency map or signal.
    CHECK_FALSE(record.freq_khz_map);
    CHECK_FALSE(record.signal);
    CHECK(sizeof(SeenbyRecord) == 72);  // docs/track-records.md gives this size
}

TEST_CASE("seen-by records are kept in source order", "[subrecords]") {
    SeenbyList list;
    list.record_packet(9, 100, nullptr);
    list.record_packet(2, 101, nullptr);
    list.record_packet(5, 102, nullptr);
    list.record_packet(2, 103, nullptr);
    REQUIRE(list.records.size() == 3);
    CHECK(list.records[0].source == 2);
    CHECK(list.records[0].num_packets == 2);
    CHECK(list.records[1].source == 5);
    CHECK(list.records[2].source == 9);
    REQUIRE(list.find(5));
    CHECK(list.find(5)->first_time == 102);
    CHECK_FALSE(list.find(4));
}

TEST_CASE("per-source stats count frequencies and signal per source", "[subrecords]") {
    SeenbyList list;
    Layer1Sample layer1;
    layer1.type = SignalType::dbm;
    layer1.signal = -63;
    layer1.datarate = 10;
    PerSourceSample sample;
    sample.frequency_khz = 2437000;
    sample.layer1 = &layer1;
    list.record_packet(1, 1537621369, &sample);
    layer1.signal = -70;
    list.record_packet(1, 1537621370, &sample);
    const SeenbyRecord& record = list.records.front();
    REQUIRE(record.freq_khz_map);
    CHECK(record.freq_khz_map->packets_on(2437000) == 2);
    REQUIRE(record.signal);
    CHECK(record.signal->type == SignalType::dbm);
    CHECK(record.signal->last_signal == -70);
    CHECK(record.signal->max_signal == -63);
    SignalRrd scratch;
    const SignalRrd* rrd = record.signal->signal_rrd.view(scratch);
    REQUIRE(rrd != nullptr);
    CHECK(rrd->last_time == 1537621370);

    // A packet without layer-1 info: Kismet passes frequency -1 and still creates the signal record.
    PerSourceSample bare;
    const SeenbyRecord& other = list.record_packet(2, 1537621371, &bare);
    CHECK_FALSE(other.freq_khz_map);
    REQUIRE(other.signal);
    CHECK(other.signal->type == SignalType::none);

    SeenbyList copy = list;
    REQUIRE(copy.records.front().signal);
    CHECK(copy.records.front().signal.get() != list.records.front().signal.get());
    CHECK(copy.records.front().freq_khz_map->packets_on(2437000) == 2);
}
