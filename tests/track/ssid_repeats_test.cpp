// The SSID updates' shortcuts for frames that repeat elements: each test fails when its shortcut takes a frame it
// should not, or keeps a value it should refresh.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/dissect/fcs.h"
#include "kismetcore/engine/engine.h"
#include "kismetcore/track/dot11/dot11_device.h"
#include "kismetcore/track/dot11/element_hashes.h"
#include "support/dot11_frames.h"

namespace {

using namespace kismetcore;
namespace craft = kismetcore::craft;
using testing::kAp;
using testing::kClient;

// An engine fed raw 802.11 frames (DLT 105), each at the packet time it is given.
struct Feeder {
    Feeder() : engine(config()) {}

    static EngineConfig config() {
        EngineConfig config;
        config.clock = [] { return std::uint64_t{1'800'000'000}; };
        return config;
    }

    Engine engine;
    std::uint16_t sequence = 0;

    void feed(const std::vector<std::uint8_t>& frame, std::int64_t at) {
        capture::Packet packet;
        packet.data = frame;
        packet.dlt = capture::dlt::kIeee80211;
        packet.ts_sec = at;
        packet.original_length = static_cast<std::uint32_t>(frame.size());
        engine.feed(packet);
    }
    craft::FrameOptions options() { return {.sequence_number = ++sequence}; }
    const track::dot11::Dot11Device& dot11(const MacAddress& mac) const {
        auto device = engine.device(DeviceKey(kDot11PhyHash, mac));
        REQUIRE(device);
        return *device->dot11;
    }
    std::string channel(const MacAddress& mac) const { return engine.device(DeviceKey(kDot11PhyHash, mac))->channel; }
};

std::vector<std::uint8_t> network(std::string_view ssid, std::uint8_t channel, bool rsn) {
    craft::ElementBuilder elements;
    elements.ssid(ssid).supported_rates({0x82, 0x84, 0x8b, 0x96});
    if (rsn) elements.rsn({});
    elements.ds_channel(channel);  // last, so that a change in the final byte is what tells two element lists apart
    return elements.take();
}

std::vector<std::uint8_t> probe(std::string_view ssid, std::initializer_list<std::uint8_t> rates) {
    craft::ElementBuilder elements;
    elements.ssid(ssid).supported_rates(rates);
    return elements.take();
}

std::uint32_t fingerprint(std::string_view list, std::span<const std::uint8_t> elements) {
    return track::dot11::element_fingerprint(track::dot11::parse_fingerprint_list(list), elements);
}

}  // namespace

TEST_CASE("a beacon whose elements differ from the last one's only in their final byte is decoded", "[track][ssid]") {
    Feeder f;
    f.feed(craft::beacon({.bssid = kAp, .elements = network("net", 1, false), .options = f.options()}), 100);
    CHECK(f.channel(kAp) == "1");
    f.feed(craft::beacon({.bssid = kAp, .elements = network("net", 11, false), .options = f.options()}), 101);
    CHECK(f.channel(kAp) == "11");
    const auto& record = f.dot11(kAp).advertised_ssid_map.at(0).second;
    CHECK(record.last_time == 101);
    // Kismet's IE checksum of the second list, not the first's.
    const auto second = network("net", 11, false);
    CHECK(record.ietag_checksum == dissect::crc32(second));
}

TEST_CASE("a beacon that repeats its record's elements after a probe response keeps the record's checksum",
          "[track][ssid]") {
    Feeder f;
    const auto beaconed = network("net", 6, true);
    f.feed(craft::beacon({.bssid = kAp, .elements = beaconed, .options = f.options()}), 100);
    f.feed(craft::probe_response(
               {.bssid = kAp, .destination = kClient, .elements = network("net", 6, false), .options = f.options()}),
           101);
    // The response's record is now the last one, so this beacon goes through the whole update, by its digest.
    f.feed(craft::beacon({.bssid = kAp, .elements = beaconed, .options = f.options()}), 102);
    const auto& dot11 = f.dot11(kAp);
    REQUIRE(dot11.advertised_ssid_map.size() == 1);
    REQUIRE(dot11.responded_ssid_map.size() == 1);
    const auto& record = dot11.advertised_ssid_map[0].second;
    CHECK(record.ietag_checksum == dissect::crc32(beaconed));
    CHECK(record.last_time == 102);
    CHECK(record.crypt_string == "WPA2 WPA2-PSK AES-CCMP");
    CHECK(dot11.last_beaconed_ssid_record() == &record);
    CHECK(dot11.responded_ssid_map[0].second.crypt_string == "Open");
}

TEST_CASE("the same elements with the privacy bit set are read again for their encryption", "[track][ssid]") {
    Feeder f;
    const auto elements = network("net", 6, false);
    f.feed(craft::beacon({.bssid = kAp, .elements = elements, .options = f.options()}), 100);
    f.feed(craft::probe_response(
               {.bssid = kAp, .destination = kClient, .elements = network("other", 6, false), .options = f.options()}),
           101);
    const std::uint16_t privacy = dissect::dot11::capability::kEss | dissect::dot11::capability::kPrivacy;
    f.feed(craft::beacon({.bssid = kAp, .capability = privacy, .elements = elements, .options = f.options()}), 102);
    const auto& record = f.dot11(kAp).advertised_ssid_map.at(0).second;
    CHECK(record.crypt_string == "WEP");
}

TEST_CASE("an access point beaconing two SSIDs in turn has the fingerprint of the last beacon", "[track][ssid]") {
    Feeder f;
    const auto open = network("guest", 6, false);
    const auto protected_network = network("corp", 6, true);
    const auto expected_open = fingerprint(track::dot11::kDefaultBeaconFingerprint, open);
    const auto expected_protected = fingerprint(track::dot11::kDefaultBeaconFingerprint, protected_network);
    REQUIRE(expected_open != expected_protected);
    std::int64_t time = 100;
    for (int round = 0; round < 2; ++round) {
        f.feed(craft::beacon({.bssid = kAp, .elements = open, .options = f.options()}), time++);
        CHECK(f.dot11(kAp).beacon_fingerprint == expected_open);
        f.feed(craft::beacon({.bssid = kAp, .elements = protected_network, .options = f.options()}), time++);
        CHECK(f.dot11(kAp).beacon_fingerprint == expected_protected);
    }
    const auto& dot11 = f.dot11(kAp);
    REQUIRE(dot11.advertised_ssid_map.size() == 2);
    CHECK(dot11.advertised_ssid_map[0].second.last_time == 102);
    CHECK(dot11.advertised_ssid_map[1].second.last_time == 103);
}

TEST_CASE("a client probing again with the same elements moves its record's time and fingerprint back",
          "[track][ssid]") {
    Feeder f;
    const auto directed = probe("corp", {0x02, 0x04});
    const auto wildcard = probe("", {0x02, 0x04, 0x0b, 0x16});
    f.feed(craft::probe_request({.source = kClient, .elements = directed, .options = f.options()}), 100);
    f.feed(craft::probe_request({.source = kClient, .elements = wildcard, .options = f.options()}), 101);
    f.feed(craft::probe_request({.source = kClient, .elements = directed, .options = f.options()}), 102);
    const auto& dot11 = f.dot11(kClient);
    REQUIRE(dot11.probed_ssid_map.size() == 2);
    const auto& corp = dot11.probed_ssid_map[0].second;
    CHECK(corp.ssid == "corp");
    CHECK(corp.first_time == 100);
    CHECK(corp.last_time == 102);
    CHECK(dot11.last_probed_ssid == 0u);
    CHECK(dot11.probe_fingerprint == fingerprint(track::dot11::kDefaultProbeFingerprint, directed));
    CHECK(dot11.probed_ssid_map[1].second.last_time == 101);
}

TEST_CASE("a probe for a known SSID with other elements refreshes what the elements say", "[track][ssid]") {
    Feeder f;
    const auto plain = probe("corp", {0x02, 0x04});
    craft::ElementBuilder with_rsn;
    with_rsn.ssid("corp").supported_rates({0x02, 0x04, 0x0b}).rsn({});
    const auto protected_request = with_rsn.take();
    f.feed(craft::probe_request({.source = kClient, .elements = plain, .options = f.options()}), 100);
    f.feed(craft::probe_request({.source = kClient, .elements = protected_request, .options = f.options()}), 101);
    const auto& dot11 = f.dot11(kClient);
    REQUIRE(dot11.probed_ssid_map.size() == 1);
    const auto& corp = dot11.probed_ssid_map[0].second;
    CHECK(corp.crypt_string == "WPA2 WPA2-PSK AES-CCMP");
    CHECK(corp.last_time == 101);
    CHECK(dot11.probe_fingerprint == fingerprint(track::dot11::kDefaultProbeFingerprint, protected_request));
    // The first request's elements again: the record keeps the encryption a request named (Kismet's rule), and
    // the fingerprint is the first request's.
    f.feed(craft::probe_request({.source = kClient, .elements = plain, .options = f.options()}), 102);
    const auto& again = f.dot11(kClient);
    REQUIRE(again.probed_ssid_map.size() == 1);
    CHECK(again.probed_ssid_map[0].second.crypt_string == "WPA2 WPA2-PSK AES-CCMP");
    CHECK(again.probed_ssid_map[0].second.last_time == 102);
    CHECK(again.probe_fingerprint == fingerprint(track::dot11::kDefaultProbeFingerprint, plain));
}
