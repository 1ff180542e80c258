// Rules on data frames (EAPOL and WPS exploits), on signal strength and on the device watchlists.
#include <catch2/catch.hpp>

#include "alert/alert_test_harness.h"
#include "kismetcore/craft/eapol_key_builder.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/craft/radiotap_builder.h"
#include "support/dot11_frames.h"

using namespace kismetcore;
using kismetcore::testing::AlertHarness;
using kismetcore::testing::kAp;
using kismetcore::testing::kClient;

namespace {

void put_be16(std::vector<std::uint8_t>& bytes, std::size_t at, std::uint16_t value) {
    bytes[at] = static_cast<std::uint8_t>(value >> 8);
    bytes[at + 1] = static_cast<std::uint8_t>(value);
}

// An 802.1X EAPOL-Key frame (RSN descriptor, 16-octet MIC): key information, key data length and the length the
// 802.1X header announces (the real length when 0).
std::vector<std::uint8_t> eapol_key(std::uint16_t key_info, std::uint16_t key_data_length, std::uint16_t announced = 0,
                                    std::uint8_t nonce_octet = 0x11) {
    std::vector<std::uint8_t> eapol(99 + key_data_length, 0);
    eapol[0] = 2;  // 802.1X-2004
    eapol[1] = 3;  // EAPOL-Key
    put_be16(eapol, 2, announced != 0 ? announced : static_cast<std::uint16_t>(eapol.size() - 4));
    eapol[4] = 2;  // RSN descriptor
    put_be16(eapol, 5, key_info);
    put_be16(eapol, 7, 16);
    eapol[16] = 1;  // replay counter
    for (std::size_t i = 17; i < 49; ++i) eapol[i] = nonce_octet;
    put_be16(eapol, 97, key_data_length);
    return eapol;
}

std::vector<std::uint8_t> eapol_frame(AlertHarness& h, const std::vector<std::uint8_t>& eapol, bool from_ap) {
    const auto body = craft::llc_snap(0x888e, eapol);
    if (from_ap)
        return craft::data_frame({.direction = craft::DsDirection::from_ap,
                                  .source = kAp,
                                  .destination = kClient,
                                  .bssid = kAp,
                                  .body = body,
                                  .options = h.options()});
    return craft::data_frame({.direction = craft::DsDirection::to_ap,
                              .source = kClient,
                              .destination = kAp,
                              .bssid = kAp,
                              .body = body,
                              .options = h.options()});
}

// An EAP-WSC message (WPS 2.0.2 7.7) of `message_type` from the client.
std::vector<std::uint8_t> wps_message(AlertHarness& h, std::uint8_t message_type) {
    std::vector<std::uint8_t> eapol{2,    0,    0,    0,           // 802.1X EAP packet, length below
                                    2,    1,    0,    0,           // EAP response, id, length below
                                    254,  0x00, 0x37, 0x2a,        // expanded type, WFA
                                    0,    0,    0,    1,           // SimpleConfig
                                    4,    0,                       // WSC_MSG, flags
                                    0x10, 0x4a, 0,    1,    0x10,  // Version
                                    0x10, 0x22, 0,    1,    message_type};
    put_be16(eapol, 2, static_cast<std::uint16_t>(eapol.size() - 4));
    put_be16(eapol, 6, static_cast<std::uint16_t>(eapol.size() - 4));
    return eapol_frame(h, eapol, false);
}

constexpr std::uint16_t kInstall = 0x0040;
constexpr std::uint16_t kAck = 0x0080;
constexpr std::uint16_t kMic = 0x0100;
constexpr std::uint16_t kPairwise = 0x0008;
constexpr std::uint16_t kAesSha1 = 0x0002;

}  // namespace

TEST_CASE("RTL8195VD1406: an EAPOL-Key frame announcing more than 512 bytes", "[alert]") {
    AlertHarness h;
    h.feed(eapol_frame(h, eapol_key(kPairwise | kAck | kAesSha1, 0, 512), true));
    CHECK(h.count("RTL8195VD1406") == 0);
    h.feed(eapol_frame(h, eapol_key(kPairwise | kAck | kAesSha1, 0, 513), true));
    CHECK(h.count("RTL8195VD1406") == 1);
}

TEST_CASE("VDOO202027301 and 27302: install+ack key frames with long key data from the AP", "[alert]") {
    const std::uint16_t message3 = kPairwise | kInstall | kAck | kMic | kAesSha1;
    AlertHarness h;
    h.feed(eapol_frame(h, eapol_key(message3, 0x80), true));
    CHECK(h.headers().empty());
    h.feed(eapol_frame(h, eapol_key(message3, 0x81), true));
    CHECK(h.count("VDOO202027302") == 1);
    CHECK(h.count("VDOO202027301") == 0);
    h.advance(2'000'000);
    h.feed(eapol_frame(h, eapol_key(message3, 0x102), true));
    CHECK(h.count("VDOO202027301") == 1);
    CHECK(h.count("VDOO202027302") == 2);
    // The same frame from the client is not the exploit's shape.
    AlertHarness client;
    client.feed(eapol_frame(client, eapol_key(message3, 0x102), false));
    CHECK(client.headers().empty());
}

TEST_CASE("NONCEDEGRADE: off as shipped; a group message with an all-zero nonce once enabled", "[alert]") {
    const std::uint16_t group_reply = kMic | kAesSha1;
    AlertHarness off;
    off.feed(eapol_frame(off, eapol_key(group_reply, 0, 0, 0x00), false));
    CHECK(off.headers().empty());
    AlertHarness on("alert=NONCEDEGRADE,5/min,1/sec");
    on.feed(eapol_frame(on, eapol_key(group_reply, 0, 0, 0x11), false));
    CHECK(on.headers().empty());
    on.feed(eapol_frame(on, eapol_key(group_reply, 0, 0, 0x00), false));
    CHECK(on.count("NONCEDEGRADE") == 1);
}

TEST_CASE("WPSBRUTE: more than 5 WPS M3 messages from one device minutes apart", "[alert]") {
    AlertHarness h;
    for (int i = 0; i < 5; ++i) h.feed(wps_message(h, 0x07), capture::dlt::kIeee80211, 60'000'000);
    h.feed(wps_message(h, 0x05), capture::dlt::kIeee80211, 60'000'000);  // M1 is not counted
    CHECK(h.headers().empty());
    h.feed(wps_message(h, 0x07));
    REQUIRE(h.count("WPSBRUTE") == 1);
    CHECK(h.last()->source == kClient);
    CHECK(h.last()->severity == 20);
}

TEST_CASE("WPSBRUTE: M3 messages more than 5 minutes apart are no brute force", "[alert]") {
    AlertHarness h;
    for (int i = 0; i < 10; ++i) h.feed(wps_message(h, 0x07), capture::dlt::kIeee80211, 301'000'000);
    CHECK(h.headers().empty());
}

TEST_CASE("OVERPOWERED: off as shipped; a signal above dot11_max_signal once enabled", "[alert]") {
    const auto radiotap_beacon = [](AlertHarness& h, std::int8_t dbm) {
        const auto elements = craft::ElementBuilder().ssid("x").ds_channel(6).take();
        const auto frame = craft::beacon({.bssid = kAp, .elements = elements, .options = h.options()});
        return craft::RadiotapBuilder().channel(2437, 0x00a0).signal_dbm(dbm).build(frame);
    };
    AlertHarness off;
    off.feed(radiotap_beacon(off, -5), capture::dlt::kRadiotap);
    CHECK(off.headers().empty());
    AlertHarness on("alert=OVERPOWERED,5/min,1/sec\ndot11_max_signal=-20");
    on.feed(radiotap_beacon(on, -20), capture::dlt::kRadiotap);
    CHECK(on.headers().empty());
    on.feed(radiotap_beacon(on, -19), capture::dlt::kRadiotap);
    CHECK(on.count("OVERPOWERED") == 1);
}

TEST_CASE("DEVICEFOUND: a watched device seen, and seen again after the timeout", "[alert]") {
    AlertHarness h("devicefound=02:00:00:00:00:0b,laptop\ndevicefound_timeout=60");
    const auto probe = [&h] {
        const auto elements = craft::ElementBuilder().ssid("").supported_rates({0x82}).take();
        return craft::probe_request({.source = kClient, .elements = elements, .options = h.options()});
    };
    h.feed(craft::beacon({.bssid = kAp, .options = h.options()}));
    CHECK(h.headers().empty());
    h.feed(probe(), capture::dlt::kIeee80211, 30'000'000);
    REQUIRE(h.count("DEVICEFOUND") == 1);
    CHECK(h.last()->text == "Monitored device 02:00:00:00:00:0B (laptop) has been found.");
    CHECK(h.last()->source == kClient);
    h.feed(probe(), capture::dlt::kIeee80211, 61'000'000);  // 30 s later: still around
    CHECK(h.count("DEVICEFOUND") == 1);
    h.feed(probe());  // 61 s after the last sighting: found again
    CHECK(h.count("DEVICEFOUND") == 2);
}

TEST_CASE("DEVICELOST: from the host's tick, every 30 seconds, once per absence", "[alert]") {
    // Kismet's clock, not packet time: a device goes silent while no packet arrives at all.
    std::uint64_t clock = 1'800'000'000;
    EngineConfig config;
    config.clock = [&clock] { return clock; };
    config.tracker.manuf_lookup = false;
    REQUIRE(config.alerts.apply_text("devicelost=02:00:00:00:00:00/ff:ff:ff:ff:ff:f0\ndevicelost_timeout=60").empty());
    Engine engine(std::move(config));
    std::uint16_t sequence = 0;
    const auto feed = [&](const MacAddress& source) {
        const auto elements = craft::ElementBuilder().ssid("").supported_rates({0x82}).take();
        capture::Packet packet;
        packet.data =
            craft::probe_request({.source = source, .elements = elements, .options = {.sequence_number = ++sequence}});
        packet.dlt = capture::dlt::kIeee80211;
        packet.ts_sec = 1'000'000 + static_cast<std::int64_t>(sequence);
        packet.original_length = static_cast<std::uint32_t>(packet.data.size());
        engine.feed(packet);
    };
    const auto lost = [&engine] {
        std::vector<std::string> texts;
        for (const auto& alert : engine.alerts().all())
            if (alert->header == "DEVICELOST") texts.push_back(alert->text);
        return texts;
    };
    const auto tick_at = [&](std::uint64_t offset) {
        clock = 1'800'000'000 + offset;
        engine.tick();
    };
    feed(testing::mac("06:00:00:00:00:01"));  // not watched
    tick_at(100);
    CHECK(lost().empty());  // never seen, so never lost
    feed(kClient);          // seen at +100 (the engine's clock)
    tick_at(130);
    tick_at(160);  // 60 s of silence: not more than the timeout
    tick_at(189);  // the next check is due at +190
    CHECK(lost().empty());
    tick_at(190);
    REQUIRE(lost().size() == 1);
    CHECK(lost()[0] == "Monitored device 02:00:00:00:00:0B (02:00:00:00:00:0B) hasn't been seen for 60 seconds.");
    CHECK(engine.alerts().all().back()->source == kClient);
    CHECK(engine.alerts().all().back()->time.sec == 1'800'000'190);
    tick_at(400);
    CHECK(lost().size() == 1);  // once per absence
    // Back (a new sighting, more than devicefound_timeout after its last packet), then silent again.
    feed(kClient);
    CHECK(lost().size() == 1);
}

TEST_CASE("DEVICELOST without ticks: later packets run the same 30-second check", "[alert]") {
    AlertHarness h("devicelost=02:00:00:00:00:0b\ndevicelost_timeout=60");
    const auto probe = [&h] {
        const auto elements = craft::ElementBuilder().ssid("").supported_rates({0x82}).take();
        return craft::probe_request({.source = kClient, .elements = elements, .options = h.options()});
    };
    const auto other_traffic = [&h] {
        return craft::beacon({.bssid = testing::mac("06:00:00:00:00:01"), .options = h.options()});
    };
    h.feed(probe(), capture::dlt::kIeee80211, 59'000'000);          // the first check is due 30 s after this packet
    h.feed(other_traffic(), capture::dlt::kIeee80211, 29'000'000);  // +59 s: checked, not lost; next at +89 s
    h.feed(other_traffic(), capture::dlt::kIeee80211, 1'000'000);   // +88 s: no check due
    CHECK(h.headers().empty());
    h.feed(other_traffic());  // +89 s
    REQUIRE(h.count("DEVICELOST") == 1);
    h.feed(other_traffic(), capture::dlt::kIeee80211, 100'000'000);
    h.feed(other_traffic());
    CHECK(h.count("DEVICELOST") == 1);
}

TEST_CASE("watchlists: every device of a masked entry on its own, in any role of the frame", "[alert]") {
    AlertHarness h("devicefound=02:00:00:00:00:00/ff:ff:ff:ff:ff:00");
    const auto elements = craft::ElementBuilder().ssid("").supported_rates({0x82}).take();
    h.feed(craft::probe_request({.source = kClient, .elements = elements, .options = h.options()}),
           capture::dlt::kIeee80211, 2'000'000);
    h.feed(craft::probe_request(
               {.source = testing::mac("02:00:00:00:00:0c"), .elements = elements, .options = h.options()}),
           capture::dlt::kIeee80211, 2'000'000);
    // A watched MAC as the destination of a frame is seen too (Kismet updates every device a frame names).
    h.feed(craft::probe_response({.bssid = testing::mac("06:00:00:00:00:01"),
                                  .destination = testing::mac("02:00:00:00:00:0d"),
                                  .elements = craft::ElementBuilder().ssid("x").take(),
                                  .options = h.options()}));
    REQUIRE(h.count("DEVICEFOUND") == 3);
    CHECK(h.last()->text == "Monitored device 02:00:00:00:00:0D (02:00:00:00:00:0D) has been found.");
}

TEST_CASE("NONCEREUSE: off as shipped; a message 3 repeating an ANonce more than a second later", "[alert]") {
    const auto message3 = [](AlertHarness& h, std::uint64_t replay, bool retry = false) {
        craft::HandshakeMessageSpec spec;
        spec.message = 3;
        spec.replay_counter = replay;
        spec.nonce = testing::counting_bytes<32>(0x40);
        auto frame = craft::handshake_frame(kAp, kClient, spec, false, ++h.sequence);
        if (retry) frame[1] |= dissect::dot11::fc_flag::kRetry;
        return frame;
    };
    AlertHarness off;
    off.feed(message3(off, 1), capture::dlt::kIeee80211, 2'000'000);
    off.feed(message3(off, 1));
    CHECK(off.headers().empty());

    AlertHarness h("alert=NONCEREUSE,5/min,1/sec");
    h.feed(message3(h, 1), capture::dlt::kIeee80211, 500'000);
    h.feed(message3(h, 1), capture::dlt::kIeee80211, 2'000'000);        // half a second later: a resend, not a reuse
    h.feed(message3(h, 2), capture::dlt::kIeee80211, 2'000'000);        // a higher replay counter refreshes the entry
    h.feed(message3(h, 2, true), capture::dlt::kIeee80211, 2'000'000);  // retries are never a reuse
    CHECK(h.headers().empty());
    h.feed(message3(h, 2));
    REQUIRE(h.count("NONCEREUSE") == 1);
    CHECK(h.last()->destination == kClient);
    CHECK(h.last()->transmitter == kAp);
}

TEST_CASE("watchlists: entries that leave part of every octet open, or differ in the open octets", "[alert]") {
    // Addresses are first tested on one octet every entry covers whole; without such an octet, all are tested.
    const auto probe_from = [](AlertHarness& h, const MacAddress& source) {
        const auto elements = craft::ElementBuilder().ssid("").supported_rates({0x82}).take();
        return craft::probe_request({.source = source, .elements = elements, .options = h.options()});
    };
    AlertHarness open("devicefound=02:00:00:00:00:0a/fe:fe:fe:fe:fe:fe");
    open.feed(probe_from(open, testing::mac("06:00:00:00:00:0b")));
    CHECK(open.headers().empty());
    open.feed(probe_from(open, kClient));  // 02:00:00:00:00:0b
    CHECK(open.count("DEVICEFOUND") == 1);

    AlertHarness two("devicefound=06:00:00:00:00:01\ndevicefound=02:00:00:00:00:00/ff:ff:ff:ff:ff:f0");
    two.feed(probe_from(two, testing::mac("02:00:00:00:01:0b")));
    CHECK(two.headers().empty());
    two.feed(probe_from(two, kClient), capture::dlt::kIeee80211, 2'000'000);  // past DEVICEFOUND's 1/sec
    two.feed(probe_from(two, testing::mac("06:00:00:00:00:01")));
    CHECK(two.count("DEVICEFOUND") == 2);
}
