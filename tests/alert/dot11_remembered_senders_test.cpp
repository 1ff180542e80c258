// The rules' per-sender and per-network memory: fixed two-way tables, so senders whose keys share a place in the
// table keep their records side by side instead of taking them from each other.
#include <catch2/catch.hpp>

#include <cstring>
#include <optional>

#include "kismetcore/alert/alert_engine.h"
#include "kismetcore/alert/dot11_alert_rules.h"
#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "support/dot11_frames.h"

using namespace kismetcore;

namespace {

// The table's index of a MAC as a one-way table of two slots would take it: splitmix64's finalizer over the
// octets in memory order (what the rules hash). Used only to pick access points that such a table would put in
// one slot, so that the test shows what the second way changes.
std::uint64_t one_way_slot(const MacAddress& mac) {
    std::uint64_t key = 0;
    std::memcpy(&key, mac.octets().data(), MacAddress::kLength);
    key ^= key >> 30;
    key *= 0xbf58476d1ce4e5b9ULL;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebULL;
    return (key ^ (key >> 31)) & 1;
}

struct RulesWithRoomForTwo {
    RulesWithRoomForTwo() {
        alert::AlertConfig config;
        config.apply_line("alert=FORMATSTRING,100/sec,100/sec");
        engine.emplace(config, [] { return alert::AlertTime{1'000'000, 0}; });
        alert::Dot11AlertRulesOptions options;
        options.packet_time = true;
        options.max_remembered = 2;
        rules.emplace(*engine, options);
    }
    void beacon(const MacAddress& bssid, std::string_view ssid) {
        craft::ElementBuilder elements;
        elements.ssid(ssid).supported_rates({0x82, 0x84}).ds_channel(6);
        const auto body = elements.take();
        capture::Packet packet;
        packet.data = craft::beacon({.bssid = bssid,
                                     .beacon_interval = 100,
                                     .elements = body,
                                     .options = {.sequence_number = static_cast<std::uint16_t>(++sequence)}});
        packet.dlt = capture::dlt::kIeee80211;
        packet.ts_sec = 1'000'000;
        packet.ts_usec = sequence;
        packet.original_length = static_cast<std::uint32_t>(packet.data.size());
        dissect::DissectedPacket dissected;
        dissect::dissect_packet(packet, dissected);
        rules->prefetch(dissected);
        rules->inspect(packet, dissected);
    }
    [[nodiscard]] std::uint64_t alerts() const { return engine->raised_count() + engine->throttled_count(); }

    std::optional<alert::AlertEngine> engine;
    std::optional<alert::Dot11AlertRules> rules;
    std::uint32_t sequence = 0;
};

}  // namespace

TEST_CASE("two access points that one slot would hold in turn keep their networks", "[alert]") {
    // Two BSSIDs a one-way table of two slots would put in the same slot: each would evict the other at every
    // beacon, and each beacon would find its network new (FORMATSTRING again).
    const MacAddress first = testing::mac("02:00:00:00:00:01");
    MacAddress second;
    for (std::uint8_t last = 2; one_way_slot(second = MacAddress({0x02, 0, 0, 0, 0, last})) != one_way_slot(first);
         ++last) {
    }
    RulesWithRoomForTwo rules;
    for (int round = 0; round < 5; ++round) {
        rules.beacon(first, "50%n");
        rules.beacon(second, "70%n");
    }
    CHECK(rules.alerts() == 2);  // each network is new once
    // A third one does not fit: it takes one of the two slots, and the access point it displaced is new again
    // when it comes back.
    rules.beacon(MacAddress({0x02, 0, 0, 0, 0, 0xf0}), "90%n");
    CHECK(rules.alerts() == 3);
    rules.beacon(first, "50%n");
    rules.beacon(second, "70%n");
    CHECK(rules.alerts() >= 4);
}
