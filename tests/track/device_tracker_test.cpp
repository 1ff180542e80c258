// The device index: lookups through growth, and removals that must leave every other device findable.
#include <catch2/catch.hpp>
#include <cstdint>
#include <set>
#include <vector>

#include "kismetcore/track/device_tracker.h"

namespace {

using namespace kismetcore;
using track::Device;
using track::DeviceTracker;

// Consecutive MACs of one vendor, the clustered case a weak hash would pile into one probe run.
MacAddress vendor_mac(std::uint32_t serial) {
    return MacAddress({0x00, 0x1c, 0xb3, static_cast<std::uint8_t>(serial >> 16),
                       static_cast<std::uint8_t>(serial >> 8), static_cast<std::uint8_t>(serial)});
}

DeviceKey key_of(std::uint32_t serial) {
    return DeviceKey(kDot11PhyHash, vendor_mac(serial));
}

// Creates devices `first` to `end - 1`; device `serial` was last seen at packet time 1000 + serial.
void add_devices_from(DeviceTracker& tracker, std::uint32_t first, std::uint32_t end) {
    for (std::uint32_t serial = first; serial < end; ++serial) {
        auto lookup = tracker.find_or_create(key_of(serial), kDot11PhyName);
        REQUIRE(lookup.created);
        lookup.device->last_time = 1000 + serial;
    }
}

void add_devices(DeviceTracker& tracker, std::uint32_t count) {
    add_devices_from(tracker, 0, count);
}

}  // namespace

TEST_CASE("the device index finds every device it created, through many growths", "[track]") {
    DeviceTracker tracker;
    add_devices(tracker, 20'000);
    CHECK(tracker.size() == 20'000);
    for (std::uint32_t serial = 0; serial < 20'000; ++serial) {
        const Device* found = tracker.find_for_update(key_of(serial));
        REQUIRE(found != nullptr);
        CHECK(found->key == key_of(serial));
        CHECK(found->creation_order == serial);
    }
    CHECK(tracker.find_for_update(key_of(20'000)) == nullptr);
    // The same MAC under another phy is another device.
    CHECK(tracker.find_for_update(DeviceKey(kDot11PhyHash + 1, vendor_mac(7))) == nullptr);
    CHECK_FALSE(tracker.find_or_create(key_of(7), kDot11PhyName).created);
    CHECK(tracker.size() == 20'000);

    const auto all = tracker.all();
    REQUIRE(all.size() == 20'000);
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i]->creation_order == i);
}

TEST_CASE("a lookup started before the index grew finishes on the right device", "[track]") {
    DeviceTracker tracker;
    add_devices(tracker, 10);
    const auto early = tracker.start_lookup(key_of(3));
    const auto absent = tracker.start_lookup(key_of(50'000));
    const auto made_later = tracker.start_lookup(key_of(5'000));
    add_devices_from(tracker, 10, 20'000);  // several growths: every home slot moves
    const Device* found = tracker.finish_lookup(early);
    REQUIRE(found != nullptr);
    CHECK(found->key == key_of(3));
    CHECK(tracker.finish_lookup(absent) == nullptr);
    const Device* later = tracker.finish_lookup(made_later);
    REQUIRE(later != nullptr);
    CHECK(later->key == key_of(5'000));
    CHECK(tracker.finish_lookup(DeviceTracker::PendingLookup{}) == nullptr);
}

TEST_CASE("removing devices from the index keeps every remaining device findable", "[track]") {
    track::TrackerConfig config;
    config.max_devices = 3'000;
    DeviceTracker tracker(config);
    add_devices(tracker, 10'000);

    // The least recently seen go first: serials 0 to 6,999.
    CHECK(tracker.expire(20'000) == 7'000);
    CHECK(tracker.size() == 3'000);
    for (std::uint32_t serial = 0; serial < 10'000; ++serial) {
        const Device* found = tracker.find_for_update(key_of(serial));
        if (serial < 7'000) {
            CHECK(found == nullptr);
        } else {
            REQUIRE(found != nullptr);
            CHECK(found->key == key_of(serial));
        }
    }

    // Removed keys can come back as new devices, and the index stays consistent.
    for (std::uint32_t serial = 0; serial < 500; ++serial)
        CHECK(tracker.find_or_create(key_of(serial), kDot11PhyName).created);
    CHECK(tracker.size() == 3'500);
    std::set<DeviceKey> listed;
    for (const auto& device : tracker.all()) listed.insert(device->key);
    CHECK(listed.size() == 3'500);
}

TEST_CASE("a removed device stays readable through a pointer a reader kept", "[track]") {
    track::TrackerConfig config;
    config.device_timeout_seconds = 60;
    DeviceTracker tracker(config);
    add_devices(tracker, 3);
    const auto kept = tracker.find(key_of(0));
    REQUIRE(kept != nullptr);
    // At packet time 1,061 only device 0 (last seen at 1,000) has been idle for more than a minute.
    CHECK(tracker.expire(1'061) == 1);
    CHECK(tracker.find(key_of(0)) == nullptr);
    CHECK(tracker.find(key_of(1)) != nullptr);
    CHECK(kept->key == key_of(0));
    CHECK(kept->last_time == 1'000);
}
