// The freq_khz_map: Kismet's counting rule (whole kHz, positive only), sorted order, growth past the inline room.
#include <catch2/catch.hpp>

#include <utility>

#include "kismetcore/track/frequency_map.h"

using kismetcore::track::FrequencyMap;

TEST_CASE("a frequency map counts whole positive kHz and keeps them sorted", "[subrecords]") {
    FrequencyMap map;
    CHECK(map.empty());
    map.count(2437000);
    map.count(2437000.9);  // Kismet's (int) cast truncates
    map.count(2412000);
    map.count(0);
    map.count(-1);  // Kismet's "no layer-1 info"
    REQUIRE(map.size() == 2);
    CHECK(map[0].frequency_khz == 2412000);
    CHECK(map[0].packets == 1);
    CHECK(map[1].frequency_khz == 2437000);
    CHECK(map[1].packets == 2);
    CHECK(map.packets_on(2437000) == 2);
    CHECK(map.packets_on(5180000) == 0);
}

TEST_CASE("a frequency map holds three frequencies inline and moves to the heap for a fourth", "[subrecords]") {
    CHECK(sizeof(FrequencyMap) == 40);
    FrequencyMap map;
    for (double khz : {2462000.0, 2412000.0, 2437000.0, 5180000.0, 2417000.0}) map.count(khz);
    REQUIRE(map.size() == 5);
    const std::uint32_t expected[] = {2412000, 2417000, 2437000, 2462000, 5180000};
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(map[i].frequency_khz == expected[i]);
        CHECK(map[i].packets == 1);
    }
    map.count(2462000);
    CHECK(map.packets_on(2462000) == 2);

    FrequencyMap copy(map);
    CHECK(copy == map);
    FrequencyMap moved(std::move(copy));
    CHECK(moved == map);
    CHECK(copy.empty());  // NOLINT(bugprone-use-after-move): a moved-from map is empty by contract
    FrequencyMap assigned;
    assigned.count(5745000);
    assigned = map;
    CHECK(assigned == map);
    map.clear();
    CHECK(map.empty());
    CHECK_FALSE(assigned == map);
}

TEST_CASE("a frequency count saturates instead of wrapping", "[subrecords]") {
    FrequencyMap map;
    map.add(2412000, 4294967290u);
    map.add(2412000, 100);
    CHECK(map.packets_on(2412000) == 4294967295u);
    map.add(0, 5);
    CHECK(map.size() == 1);
}
