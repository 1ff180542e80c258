// The engine's events on a shared capture against the frames Kismet sent for the same capture.
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "kismetcore/bus/device_events.h"
#include "kismetcore/engine/engine.h"
#include "support/kismet_samples.h"

namespace {

using kismetcore::bus::Event;
using kismetcore::bus::Subscription;
using kismetcore::bus::Topic;
using kismetcore::track::WallTime;

constexpr const char* kSample = "wpa2-psk-linksys";

// Dynamic fields whose presence depends on when a record is written: RRDs appear with the first sample of the
// host clock's second, and Kismet's beacon snapshot is not kept by kismetcore (see the device comparison).
const char* const kTimingDependent[] = {
    "kismet.device.base.packets.rrd",    "kismet.device.base.datasize.rrd", "kismet.device.base.rx_packets.rrd",
    "kismet.device.base.tx_packets.rrd", "dot11.device.ssid_beacon_packet",
};

struct Frame {
    std::string topic;
    std::string text;
};

// Kismet's frames, one JSON object per line.
std::vector<std::string> kismet_frames() {
    std::vector<std::string> lines;
    std::ifstream in(kismetcore::testing::kismet_samples_dir() / "eventbus_wpa2-psk-linksys.jsonl");
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

// The content keys of a frame, in order, each with the keys of its value when that is an object.
using Shape = std::vector<std::pair<std::string, std::vector<std::string>>>;

Shape shape_of(const std::string& frame) {
    simdjson::dom::parser parser;
    simdjson::dom::object object = parser.parse(frame).get_object();
    Shape shape;
    for (auto [key, value] : object) {
        std::vector<std::string> fields;
        simdjson::dom::object record;
        if (value.get_object().get(record) == simdjson::SUCCESS)
            for (auto field : record) fields.emplace_back(field.key);
        shape.emplace_back(std::string(key), std::move(fields));
    }
    return shape;
}

std::string first_key(const std::string& frame) {
    return shape_of(frame).at(0).first;
}

// The value of `field` inside content `key` of a frame, as JSON text.
std::string value_at(const std::string& frame, std::string_view key, std::string_view field) {
    simdjson::dom::parser parser;
    simdjson::dom::element element = parser.parse(frame)[key][field];
    return simdjson::to_string(element);
}

// Serializes each event as it is delivered, as a websocket client does, so records show their state at the end
// of the packet that produced the event (Kismet's dispatch thread also writes them right after the packet).
// Names the fields only one side has, so a failure says what differs.
void check_same_fields(const std::set<std::string>& mine, const std::set<std::string>& theirs) {
    std::vector<std::string> only_mine;
    std::vector<std::string> only_theirs;
    std::set_difference(mine.begin(), mine.end(), theirs.begin(), theirs.end(), std::back_inserter(only_mine));
    std::set_difference(theirs.begin(), theirs.end(), mine.begin(), mine.end(), std::back_inserter(only_theirs));
    CHECK(only_mine == std::vector<std::string>{});
    CHECK(only_theirs == std::vector<std::string>{});
}

struct EngineRun {
    kismetcore::Engine engine;
    std::vector<Frame> delivered;

    EngineRun() : engine(config()) {
        const auto id = engine.events().add_subscriber([this](const Event& event, const Subscription& subscription) {
            delivered.push_back({std::string(event.topic_name()), subscription.serialize(event)});
        });
        engine.events().subscribe(id, "*");
    }
    static kismetcore::EngineConfig config() {
        kismetcore::EngineConfig config;
        config.clock = [] { return std::uint64_t{1795369950}; };
        return config;
    }
    [[nodiscard]] const std::vector<Frame>& frames() const { return delivered; }
};

}  // namespace

TEST_CASE("device events on wpa2-psk-linksys match Kismet's eventbus frames", "[bus][engine]") {
    const auto capture = kismetcore::testing::capture_of_sample(kSample);
    const auto kismet = kismet_frames();
    REQUIRE_FALSE(capture.empty());
    REQUIRE_FALSE(kismet.empty());

    EngineRun run;
    REQUIRE(run.engine.feed_file(capture).error.empty());
    const auto ours = run.frames();

    // The same device events per topic, with the same content keys and record fields. Kismet classifies packets
    // on several threads, so its order across topics varies from run to run; within a topic, events are matched
    // by device key and SSID.
    const std::set<std::string> device_topics = {"NEW_DEVICE", "DOT11_ADVERTISED_SSID", "DOT11_RESPONSE_SSID",
                                                 "DOT11_PROBED_SSID", "DOT11_WPA_HANDSHAKE"};
    std::map<std::string, std::vector<std::string>> theirs;
    for (const auto& frame : kismet) {
        std::string topic = shape_of(frame).back().first;  // the SSID and handshake topics put the device first
        if (topic == "DOT11_WPA_HANDSHAKE_DOT11") topic = "DOT11_WPA_HANDSHAKE";
        if (device_topics.count(topic) != 0) theirs[topic].push_back(frame);
    }
    std::map<std::string, std::vector<std::string>> mine;
    for (const auto& frame : ours)
        if (device_topics.count(frame.topic) != 0) mine[frame.topic].push_back(frame.text);

    CHECK(mine["NEW_DEVICE"].size() == 3);
    CHECK(mine["DOT11_PROBED_SSID"].size() == 2);
    CHECK(mine["DOT11_RESPONSE_SSID"].size() == 1);
    CHECK(mine["DOT11_ADVERTISED_SSID"].size() == 1);
    CHECK(mine["DOT11_WPA_HANDSHAKE"].size() == 12);

    for (const auto& topic : device_topics) {
        auto& my_frames = mine[topic];
        auto& their_frames = theirs[topic];
        REQUIRE(my_frames.size() == their_frames.size());
        const auto order_key = [&topic](const std::string& frame) {
            const auto shape = shape_of(frame);
            std::string key = value_at(frame, shape[0].first, "kismet.device.base.key");
            if (topic == "DOT11_PROBED_SSID") key += value_at(frame, topic, "dot11.probedssid.ssid");
            return key;
        };
        const auto by_key = [&](const std::string& a, const std::string& b) { return order_key(a) < order_key(b); };
        std::stable_sort(my_frames.begin(), my_frames.end(), by_key);
        std::stable_sort(their_frames.begin(), their_frames.end(), by_key);

        for (std::size_t i = 0; i < my_frames.size(); ++i) {
            INFO(topic << " event " << i);
            CHECK(order_key(my_frames[i]) == order_key(their_frames[i]));
            const auto my_shape = shape_of(my_frames[i]);
            const auto their_shape = shape_of(their_frames[i]);
            REQUIRE(my_shape.size() == their_shape.size());
            for (std::size_t k = 0; k < my_shape.size(); ++k) {
                INFO(my_shape[k].first);
                CHECK(my_shape[k].first == their_shape[k].first);
                // Field sets, not order: Kismet orders dynamic fields by when they were set (docs/fields.md).
                std::set<std::string> my_fields(my_shape[k].second.begin(), my_shape[k].second.end());
                std::set<std::string> their_fields(their_shape[k].second.begin(), their_shape[k].second.end());
                for (const char* field : kTimingDependent) {
                    my_fields.erase(field);
                    their_fields.erase(field);
                }
                check_same_fields(my_fields, their_fields);
            }
            // The SSID records' values, where they depend neither on the host clock nor on Kismet's thread order
            // (its first_time of the beaconed SSID differs between its own runs of this capture by a second).
            if (topic == "NEW_DEVICE") {
                // The device's seen-by record embeds its source's datasource record, as Kismet's does.
                const auto seenby_keys = [](const std::string& frame) {
                    simdjson::dom::parser parser;
                    simdjson::dom::object seenby =
                        parser.parse(frame)["NEW_DEVICE"]["kismet.device.base.seenby"].at(0).get_object();
                    std::vector<std::string> keys;
                    for (auto field : seenby) keys.emplace_back(field.key);
                    for (auto field : seenby["kismet.common.seenby.source"].get_object()) keys.emplace_back(field.key);
                    return keys;
                };
                CHECK(seenby_keys(my_frames[i]) == seenby_keys(their_frames[i]));
            }
            if (topic == "NEW_DEVICE" || topic == "DOT11_WPA_HANDSHAKE") continue;
            const std::string prefix = topic == "DOT11_PROBED_SSID" ? "dot11.probedssid." : "dot11.advertisedssid.";
            for (const char* field : {"ssid", "ssidlen", "crypt_string", "crypt_bitfield"}) {
                INFO(field);
                CHECK(value_at(my_frames[i], topic, prefix + field) ==
                      value_at(their_frames[i], topic, prefix + field));
            }
        }
    }
}

TEST_CASE("tick publishes TIMESTAMP, GPS_LOCATION and PACKETCHAIN_STATS in Kismet's shapes", "[bus][engine]") {
    const auto kismet = kismet_frames();
    REQUIRE_FALSE(kismet.empty());
    EngineRun run;
    run.engine.tick(WallTime{1795369951, 3557});
    const auto ours = run.frames();
    REQUIRE(ours.size() == 3);
    CHECK(ours[0].topic == "PACKETCHAIN_STATS");
    CHECK(ours[1].text ==
          R"({"TIMESTAMP": {"kismet.system.timestamp.sec": 1795369951,"kismet.system.timestamp.usec": 3557}})");
    CHECK(ours[2].text == R"({"GPS_LOCATION": {"kismet.common.location.geopoint": [0, 0]}})");

    for (const auto& frame : kismet) {
        if (first_key(frame) != "PACKETCHAIN_STATS") continue;
        CHECK(shape_of(ours[0].text) == shape_of(frame));
        // Each RRD has Kismet's fields too.
        simdjson::dom::parser theirs_parser;
        simdjson::dom::parser ours_parser;
        simdjson::dom::object their_stats = theirs_parser.parse(frame)["PACKETCHAIN_STATS"].get_object();
        simdjson::dom::object my_stats = ours_parser.parse(ours[0].text)["PACKETCHAIN_STATS"].get_object();
        for (auto [name, rrd] : their_stats) {
            std::vector<std::string> their_fields;
            for (auto field : rrd.get_object()) their_fields.emplace_back(field.key);
            std::vector<std::string> my_fields;
            for (auto field : my_stats[name].get_object()) my_fields.emplace_back(field.key);
            CHECK(my_fields == their_fields);  // the RRD's fields in Kismet's order
        }
        break;
    }
}

TEST_CASE("a GPS fix is published whole as GPS_LOCATION", "[bus][engine]") {
    EngineRun run;
    kismetcore::track::GpsFix fix;
    fix.lat = 51.5;
    fix.lon = -0.25;
    fix.alt = 12;
    fix.fix = 3;
    run.engine.set_gps_fix(fix);
    run.engine.tick(WallTime{100, 0});
    const auto ours = run.frames();
    REQUIRE(ours.size() == 3);
    CHECK(value_at(ours[2].text, "GPS_LOCATION", "kismet.common.location.geopoint") == "[-0.25,51.5]");
    CHECK(value_at(ours[2].text, "GPS_LOCATION", "kismet.common.location.fix") == "3");
}

TEST_CASE("GPS_LOCATION carries the UUID of the GPS that reported the fix, as Kismet's", "[bus][engine]") {
    EngineRun run;
    kismetcore::track::GpsFix fix;
    fix.lat = 51.5;
    fix.lon = -0.25;
    fix.fix = 2;
    run.engine.set_gps_fix(fix, "5B1D3B3A-0000-0000-0000-4B4953474553");
    run.engine.tick(WallTime{100, 0});
    run.engine.set_gps_fix(std::nullopt, "5B1D3B3A-0000-0000-0000-4B4953474553");
    run.engine.tick(WallTime{101, 0});
    const auto ours = run.frames();
    REQUIRE(ours.size() == 6);
    CHECK(value_at(ours[2].text, "GPS_LOCATION", "kismet.common.location.gps_uuid") ==
          R"("5B1D3B3A-0000-0000-0000-4B4953474553")");
    // Its last field, after the location's own (Kismet inserts it into the full location record).
    const auto shape = shape_of(ours[2].text);
    REQUIRE(!shape.at(0).second.empty());
    CHECK(shape.at(0).second.back() == "kismet.common.location.gps_uuid");
    // No fix: the geopoint alone, as Kismet sends it.
    CHECK(ours[5].text == R"({"GPS_LOCATION": {"kismet.common.location.geopoint": [0, 0]}})");
}

TEST_CASE("the packet chain RRDs count the packets of each second", "[bus][engine]") {
    const auto capture = kismetcore::testing::capture_of_sample(kSample);
    REQUIRE_FALSE(capture.empty());
    kismetcore::Engine engine;
    engine.tick(WallTime{1000, 0});
    const auto fed = engine.feed_file(capture).packets;
    engine.tick(WallTime{1001, 0});
    const auto& stats = engine.packet_chain_stats();
    CHECK(stats.packets_rrd.last_value == static_cast<double>(fed));
    CHECK(stats.processed_packets_rrd.last_value == static_cast<double>(fed));
    CHECK(stats.dupe_packets_rrd.last_value == static_cast<double>(engine.stats().duplicates));
    engine.tick(WallTime{1002, 0});
    CHECK(engine.packet_chain_stats().packets_rrd.last_value == 0);
    CHECK(engine.packet_chain_stats().packets_rrd.last_value_n1 == static_cast<double>(fed));
}

TEST_CASE("messages are published as MESSAGE in Kismet's frame", "[bus][engine]") {
    EngineRun run;
    run.engine.messages().post(
        {"Detected new 802.11 Wi-Fi device 00:0B:86:C2:A4:85", kismetcore::bus::message_flag::kInfo, {1795369950, 7}});
    const auto ours = run.frames();
    REQUIRE(ours.size() == 1);
    // Kismet's frame on wpa2-psk-linksys, byte for byte.
    CHECK(ours[0].text ==
          R"({"MESSAGE": {"kismet.messagebus.message_string": "Detected new 802.11 Wi-Fi device )"
          R"(00:0B:86:C2:A4:85","kismet.messagebus.message_flags": 2,"kismet.messagebus.message_time": )"
          R"(1795369950}})");
    CHECK(run.engine.messages().all().size() == 1);
}

TEST_CASE("with no subscribers the engine builds no events", "[bus][engine]") {
    const auto capture = kismetcore::testing::capture_of_sample(kSample);
    REQUIRE_FALSE(capture.empty());
    kismetcore::Engine engine;
    std::size_t delivered = 0;
    const auto id = engine.events().add_subscriber([&delivered](const Event&, const Subscription&) { ++delivered; });
    engine.events().subscribe(id, "TIMESTAMP");
    REQUIRE(engine.feed_file(capture).error.empty());
    CHECK(delivered == 0);
    CHECK_FALSE(engine.events().has_subscribers(Topic::new_device));
    engine.tick(WallTime{5, 0});
    CHECK(delivered == 1);
}

TEST_CASE("events queued on the ingest thread serialize on another thread while ingestion goes on",
          "[bus][engine][concurrency]") {
    const auto capture = kismetcore::testing::capture_of_sample(kSample);
    REQUIRE_FALSE(capture.empty());
    kismetcore::Engine engine;

    // kismetd's shape: the callback only queues; a websocket thread drains the queue and writes the frames.
    std::mutex queue_mutex;
    std::condition_variable queue_ready;
    std::deque<Event> queue;
    bool finished = false;
    std::size_t delivered = 0;
    const Subscription whole("*", "", kismetcore::fields::OutputFormat::json, engine.field_catalog());
    // The callback also posts a message now and then, while another thread posts too: the message bus holds no lock
    // while its listeners publish, so the two buses cannot deadlock each other.
    const auto id = engine.events().add_subscriber([&](const Event& event, const Subscription&) {
        {
            std::lock_guard lock(queue_mutex);
            queue.push_back(event);
            ++delivered;
            queue_ready.notify_one();
        }
        if (event.topic() == Topic::new_device)
            engine.messages().post("new device seen", kismetcore::bus::message_flag::kInfo);
    });
    engine.events().subscribe(id, "*");

    std::size_t written = 0;
    std::size_t malformed = 0;
    std::thread websocket([&] {
        simdjson::dom::parser parser;
        for (;;) {
            std::unique_lock lock(queue_mutex);
            queue_ready.wait(lock, [&] { return finished || !queue.empty(); });
            if (queue.empty()) return;
            auto event = std::move(queue.front());
            queue.pop_front();
            lock.unlock();
            const std::string frame = whole.serialize(event);
            simdjson::dom::element parsed;
            if (parser.parse(frame).get(parsed) != simdjson::SUCCESS) ++malformed;
            ++written;
        }
    });
    // Another client comes and goes, and messages arrive from a third thread, during ingestion.
    std::atomic<bool> ingesting{true};
    std::thread churn([&] {
        while (ingesting.load()) {
            const auto other = engine.events().add_subscriber([](const Event&, const Subscription&) {});
            engine.events().subscribe(other, "NEW_DEVICE", R"(["kismet.device.base.macaddr"])");
            engine.messages().post("client churn", kismetcore::bus::message_flag::kDebug);
            engine.events().remove_subscriber(other);
        }
    });

    for (int round = 0; round < 3; ++round) REQUIRE(engine.feed_file(capture).error.empty());
    ingesting = false;
    churn.join();
    {
        std::lock_guard lock(queue_mutex);
        finished = true;
        queue_ready.notify_one();
    }
    websocket.join();
    CHECK(malformed == 0);
    CHECK(written > 0);
    CHECK(written == delivered);
    CHECK(engine.messages().size() <= kismetcore::bus::kDefaultMessageBacklog);
}
