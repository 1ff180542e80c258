// Kismet's tracker messages on the message bus: crafted frames for each wording, and Kismet's own message logs.
#include <simdjson.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "alert/alert_test_harness.h"
#include "kismetcore/bus/message.h"
#include "kismetcore/craft/element_builder.h"
#include "support/dot11_frames.h"
#include "support/kismet_samples.h"

using namespace kismetcore;
using kismetcore::testing::AlertHarness;
using kismetcore::testing::kAp;
using kismetcore::testing::kClient;

namespace {

std::vector<std::string> info_texts(const Engine& engine_ref) {
    auto& engine = const_cast<Engine&>(engine_ref);
    std::vector<std::string> texts;
    for (const auto& message : engine.messages().all())
        if (message.flags == bus::message_flag::kInfo) texts.push_back(message.text);
    return texts;
}

std::vector<std::uint8_t> named_elements(std::string_view ssid) {
    return craft::ElementBuilder().ssid(ssid).supported_rates({0x82}).ds_channel(6).take();
}

}  // namespace

TEST_CASE("a beacon's new access point and SSID are posted as Kismet words them", "[bus][engine]") {
    AlertHarness h;
    const auto elements = named_elements("office");
    h.feed(craft::beacon({.bssid = kAp, .elements = elements, .options = h.options()}));
    h.feed(craft::beacon({.bssid = kAp, .elements = elements, .options = h.options()}));  // nothing new
    CHECK(info_texts(h.engine) == std::vector<std::string>{
                                      "Detected new 802.11 Wi-Fi access point 02:00:00:00:00:0A",
                                      "802.11 Wi-Fi device 02:00:00:00:00:0A advertising SSID 'office'",
                                  });
    const auto all = h.engine.messages().all();
    REQUIRE(!all.empty());
    CHECK(all.front().flags == bus::message_flag::kInfo);
}

TEST_CASE("a probe response posts its SSID between the access point and the client it answers", "[bus][engine]") {
    AlertHarness h;
    const auto elements = named_elements("office");
    h.feed(craft::probe_response({.bssid = kAp, .destination = kClient, .elements = elements, .options = h.options()}));
    CHECK(info_texts(h.engine) == std::vector<std::string>{
                                      "Detected new 802.11 Wi-Fi access point 02:00:00:00:00:0A",
                                      "802.11 Wi-Fi device 02:00:00:00:00:0A advertising SSID 'office'",
                                      "Detected new 802.11 Wi-Fi device 02:00:00:00:00:0B",
                                  });
    // A beacon of the same SSID is a second record (advertised, not responded): Kismet posts it again. (Its elements
    // differ from the response's: Kismet skips a frame whose elements match the last one it decoded, and so does
    // the tracker.)
    const auto beacon_elements =
        craft::ElementBuilder().ssid("office").supported_rates({0x82, 0x84}).ds_channel(6).take();
    h.feed(craft::beacon({.bssid = kAp, .elements = beacon_elements, .options = h.options()}));
    // A second SSID from the same access point is posted too.
    h.feed(craft::beacon({.bssid = kAp, .elements = named_elements("office-guest"), .options = h.options()}));
    CHECK(info_texts(h.engine) == std::vector<std::string>{
                                      "Detected new 802.11 Wi-Fi access point 02:00:00:00:00:0A",
                                      "802.11 Wi-Fi device 02:00:00:00:00:0A advertising SSID 'office'",
                                      "Detected new 802.11 Wi-Fi device 02:00:00:00:00:0B",
                                      "802.11 Wi-Fi device 02:00:00:00:00:0A advertising SSID 'office'",
                                      "802.11 Wi-Fi device 02:00:00:00:00:0A advertising SSID 'office-guest'",
                                  });
}

TEST_CASE("cloaked and OWE SSIDs, data frames and probing clients", "[bus][engine]") {
    AlertHarness h;
    const auto cloaked = craft::ElementBuilder().ssid("").supported_rates({0x82}).take();
    h.feed(craft::beacon({.bssid = kAp, .elements = cloaked, .options = h.options()}));
    const auto owe_ap = testing::mac("02:00:00:00:00:0c");
    const auto owe = craft::ElementBuilder()
                         .ssid("")
                         .supported_rates({0x82})
                         .owe_transition(testing::mac("02:00:00:00:00:0d"), "open-twin")
                         .take();
    h.feed(craft::beacon({.bssid = owe_ap, .elements = owe, .options = h.options()}));
    // A device first seen in a data frame is a "device", even as the BSSID; so are both ends.
    const auto data_ap = testing::mac("02:00:00:00:00:20");
    const auto body = craft::llc_snap(0x0800, std::vector<std::uint8_t>(8, 0));
    h.feed(craft::data_frame({.direction = craft::DsDirection::from_ap,
                              .source = testing::mac("02:00:00:00:00:21"),
                              .destination = testing::mac("02:00:00:00:00:22"),
                              .bssid = data_ap,
                              .body = body,
                              .options = h.options()}));
    // Probing for SSIDs posts only the new device, never the SSIDs.
    const auto probing = testing::mac("02:00:00:00:00:30");
    for (std::string_view ssid : {"home", "work"}) {
        const auto elements = craft::ElementBuilder().ssid(ssid).supported_rates({0x82}).take();
        h.feed(craft::probe_request({.source = probing, .elements = elements, .options = h.options()}));
    }
    CHECK(info_texts(h.engine) ==
          std::vector<std::string>{
              "Detected new 802.11 Wi-Fi access point 02:00:00:00:00:0A",
              "802.11 Wi-Fi device 02:00:00:00:00:0A advertising a cloaked SSID",
              "Detected new 802.11 Wi-Fi access point 02:00:00:00:00:0C",
              "802.11 Wi-Fi device 02:00:00:00:00:0C advertising an OWE SSID 'open-twin' for BSSID 02:00:00:00:00:0D",
              "Detected new 802.11 Wi-Fi device 02:00:00:00:00:20",
              "Detected new 802.11 Wi-Fi device 02:00:00:00:00:21",
              "Detected new 802.11 Wi-Fi device 02:00:00:00:00:22",
              "Detected new 802.11 Wi-Fi device 02:00:00:00:00:30",
          });
}

TEST_CASE("a packet's tracker messages come before its alerts", "[bus][engine][alert]") {
    AlertHarness h("alert=AIRJACKSSID,10/min,5/sec");
    h.feed(craft::beacon({.bssid = kAp, .elements = named_elements("AirJack"), .options = h.options()}));
    std::vector<std::string> texts;
    for (const auto& message : h.engine.messages().all()) texts.push_back(message.text.substr(0, 40));
    REQUIRE(texts.size() == 3);
    CHECK(texts[0] == "Detected new 802.11 Wi-Fi access point 0");
    CHECK(texts[1] == "802.11 Wi-Fi device 02:00:00:00:00:0A ad");
    CHECK(texts[2].starts_with("AIRJACKSSID "));
}

namespace {

// Kismet's messages once its capture source was up, without its source's notices ("launched successfully",
// "Pcapfile ... closed", whose paths are Kismet's machine's; datasource_test checks ours) and kismetd's ROOTUSER.
std::vector<std::string> kismet_packet_messages(const std::filesystem::path& file) {
    simdjson::dom::parser parser;
    simdjson::dom::element messages = parser.load(file.string());
    std::vector<std::string> texts;
    bool source_up = false;
    for (simdjson::dom::element message : messages.get_array()) {
        const std::string_view text_view = message["kismet.messagebus.message_string"];
        const std::string text{text_view};
        const std::int64_t flag_value = message["kismet.messagebus.message_flags"];
        const auto flags = static_cast<std::uint32_t>(flag_value);
        if (text.find("launched successfully") != std::string::npos) {
            source_up = true;
            continue;
        }
        if (!source_up || text.starts_with("Pcapfile ") || text.starts_with("ROOTUSER ")) continue;
        if (flags == bus::message_flag::kInfo || flags == bus::message_flag::kAlert) texts.push_back(text);
    }
    return texts;
}

std::vector<std::string> our_packet_messages(const std::filesystem::path& capture) {
    EngineConfig config;
    config.clock = [] { return std::uint64_t{1'795'369'703}; };  // as Kismet's replay: all within its throttles
    config.tracker.manuf_lookup = false;
    config.message_backlog = 100'000;
    Engine engine(std::move(config));
    engine.feed_file(capture);
    std::vector<std::string> texts;
    for (const auto& message : engine.messages().all())
        if (!message.text.starts_with("Data source '") && !message.text.starts_with("Pcapfile '"))
            texts.push_back(message.text);
    return texts;
}

// The MESSAGE frames of Kismet's eventbus run over wpa2-psk-linksys.
const std::vector<std::string>& kismet_eventbus_messages() {
    static const std::vector<std::string> texts = [] {
        std::vector<std::string> out;
        std::ifstream in(testing::kismet_samples_dir() / "eventbus_wpa2-psk-linksys.jsonl");
        simdjson::dom::parser parser;
        for (std::string line; std::getline(in, line);) {
            simdjson::dom::element frame;
            if (line.empty() || parser.parse(line).get(frame) != simdjson::SUCCESS) continue;
            std::string_view text;
            if (frame["MESSAGE"]["kismet.messagebus.message_string"].get(text) == simdjson::SUCCESS)
                out.emplace_back(text);
        }
        return out;
    }();
    return texts;
}

}  // namespace

// Kismet's log is not in packet order: its packet threads post concurrently (pmkid-not-recognized logs the SSID of
// its first frame, a beacon, after devices of frames a hundred packets later, though the SSID record's first_time is
// that beacon's), and alert messages often trail. So the logs are compared as multisets: the same messages, each
// as many times; kismetcore posts them in packet order, each packet's tracker messages before its alerts.
TEST_CASE("the tracker and alert messages of Kismet's sample captures", "[bus][engine]") {
    const auto samples = testing::kismet_samples_dir();
    if (samples.empty()) {
        WARN("kismet-samples not present");
        return;
    }
    std::size_t compared = 0;
    for (const auto& folder : std::filesystem::directory_iterator(samples)) {
        const auto sample = folder.path().filename().string();
        const auto capture = testing::capture_of_sample(sample);
        const auto answer = folder.path() / "messagebus_all_messages.json";
        // Kismet does not decode wpa's Prism headers (no device at all); kismetcore does.
        if (capture.empty() || !std::filesystem::exists(answer) || sample == "wpa") continue;
        CAPTURE(sample);
        auto ours = our_packet_messages(capture);
        auto kismet = kismet_packet_messages(answer);
        std::sort(ours.begin(), ours.end());
        std::sort(kismet.begin(), kismet.end());
        if (sample == "wpa2-psk-linksys") {
            // The access point's first tracked frame is a data frame, so it is a "device"; this REST run logged
            // "access point" (a beacon's thread got there first), the eventbus run of the same capture "device".
            const std::string as_device = "Detected new 802.11 Wi-Fi device 00:0B:86:C2:A4:85";
            REQUIRE(std::count(ours.begin(), ours.end(), as_device) == 1);
            REQUIRE(std::count(kismet_eventbus_messages().begin(), kismet_eventbus_messages().end(), as_device) == 1);
            std::replace(ours.begin(), ours.end(), as_device,
                         std::string("Detected new 802.11 Wi-Fi access point 00:0B:86:C2:A4:85"));
            std::sort(ours.begin(), ours.end());
        }
        CHECK(ours == kismet);
        ++compared;
    }
    CHECK(compared >= 7);
}
