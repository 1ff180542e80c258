// Tracking a packet of known devices with unchanged beacons allocates nothing: allocations belong to new records.
#include <catch2/catch.hpp>

#include <vector>

#include "capture/allocation_counter.h"
#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/engine/engine.h"
#include "support/dot11_frames.h"

namespace {

using namespace kismetcore;
namespace craft = kismetcore::craft;
using testing::kAp;
using testing::kClient;
using testing::kServer;

capture::Packet raw_packet(const std::vector<std::uint8_t>& frame, std::int64_t second) {
    capture::Packet packet;
    packet.data = frame;
    packet.dlt = capture::dlt::kIeee80211;
    packet.ts_sec = second;
    packet.original_length = static_cast<std::uint32_t>(frame.size());
    return packet;
}

}  // namespace

TEST_CASE("tracking repeated beacons, probes and data of known devices allocates nothing", "[track][alloc]") {
    EngineConfig config;
    config.clock = [] { return std::uint64_t{1'800'000'000}; };
    Engine engine(std::move(config));

    craft::ElementBuilder ap_builder;
    ap_builder.ssid("office").supported_rates({0x82, 0x84, 0x8b, 0x96, 0x24}).ds_channel(6).rsn({});
    const auto ap_elements = ap_builder.take();
    craft::ElementBuilder probe_builder;
    probe_builder.ssid("office").supported_rates({0x82, 0x84, 0x8b, 0x96});
    const auto probe_elements = probe_builder.take();
    const std::vector<std::uint8_t> payload(64, 0x5a);
    const auto body = craft::llc_snap(0x0800, payload);

    // Every round differs in its sequence numbers, so the duplicate filter passes each frame on.
    std::vector<capture::Packet> packets;
    std::uint16_t sequence = 0;
    for (std::int64_t round = 0; round < 40; ++round) {
        const std::int64_t second = 1'000'000 + round;
        packets.push_back(raw_packet(
            craft::beacon({.bssid = kAp, .elements = ap_elements, .options = {.sequence_number = ++sequence}}),
            second));
        packets.push_back(
            raw_packet(craft::probe_request(
                           {.source = kClient, .elements = probe_elements, .options = {.sequence_number = ++sequence}}),
                       second));
        packets.push_back(raw_packet(craft::data_frame({.direction = craft::DsDirection::to_ap,
                                                        .source = kClient,
                                                        .destination = kServer,
                                                        .bssid = kAp,
                                                        .body = body,
                                                        .options = {.sequence_number = ++sequence}}),
                                     second));
    }

    // The first round creates the devices, their SSID records and the client record.
    const std::size_t warm_up = 3;
    for (std::size_t i = 0; i < warm_up; ++i) engine.feed(packets[i]);
    std::size_t during = 0;
    {
        const testing::AllocationCounter counter;
        for (std::size_t i = warm_up; i < packets.size(); ++i) engine.feed(packets[i]);
        during = counter.allocations();
    }

    if (testing::AllocationCounter::available()) CHECK(during == 0);
    CHECK(engine.stats().packets == packets.size());
    CHECK(engine.stats().duplicates == 0);
    const auto client = engine.device(DeviceKey(kDot11PhyHash, kClient));
    REQUIRE(client);
    CHECK(client->packets.total == 80);  // its probes and its data frames: every round was tracked
}
