// A log replayed through an engine rebuilds what the capture itself built: every device record and every alert.
#include <catch2/catch.hpp>

#include <map>

#include <simdjson.h>

#include "kismetcore/fields/serializer.h"
#include "kismetcore/log/kismetdb_log.h"
#include "kismetcore/log/kismetdb_replay.h"
#include "kismetcore/track/device_schema.h"
#include "support/capture_files.h"
#include "support/shared_captures.h"

using namespace kismetcore;

namespace {

EngineConfig fixed_clock() {
    EngineConfig config;
    config.clock = [] { return std::uint64_t{1795369460}; };
    config.tracker.server_uuid = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    return config;
}

// `value` as minified JSON without the datasource records that seen-by records embed: those describe the source
// (the capture file, or the log replayed as its stand-in, whose definition names the UUID), not the device.
void append_without_source_records(std::string& out, simdjson::dom::element value) {
    if (value.type() == simdjson::dom::element_type::OBJECT) {
        out += '{';
        bool first = true;
        for (auto [key, member] : simdjson::dom::object(value)) {
            if (key == "kismet.common.seenby.source") continue;
            out += first ? "\"" : ",\"";
            first = false;
            out += key;
            out += "\":";
            append_without_source_records(out, member);
        }
        out += '}';
    } else if (value.type() == simdjson::dom::element_type::ARRAY) {
        out += '[';
        bool first = true;
        for (auto element : simdjson::dom::array(value)) {
            if (!first) out += ',';
            first = false;
            append_without_source_records(out, element);
        }
        out += ']';
    } else {
        out += simdjson::minify(value);
    }
}

// Every device as the json serializer writes it, by key, and every alert's header and text.
struct Outcome {
    std::map<std::string, std::string> devices;
    std::vector<std::string> alerts;
};

Outcome outcome_of(const Engine& engine) {
    Outcome outcome;
    simdjson::dom::parser parser;
    for (const auto& device : engine.all_devices()) {
        const track::DeviceReadLock lock(*device);
        const auto json = fields::serialize_record(fields::OutputFormat::json, track::device_schema(), *device);
        simdjson::dom::element record;
        REQUIRE(parser.parse(json).get(record) == simdjson::SUCCESS);
        append_without_source_records(outcome.devices[device->key.to_string()], record);
    }
    for (const auto& alert : engine.alerts().all()) outcome.alerts.push_back(alert->header + " " + alert->text);
    return outcome;
}

}  // namespace

TEST_CASE("replaying a capture's log rebuilds the capture's devices and alerts exactly", "[log]") {
    const auto captures = testing::shared_captures_dir();
    if (captures.empty()) {
        WARN("shared captures not present");
        return;
    }
    for (const char* name : {"aircrack-ng__wpa2-psk-linksys.cap", "aircrack-ng__capture_wds-01.cap",
                             "aircrack-ng__test1.pcap", "aircrack-ng__wpa3-psk.pcap"}) {
        CAPTURE(name);
        const auto capture = captures / name;
        testing::TempDir dir;
        const auto path = dir.file("log.kismet");

        Engine direct(fixed_clock());
        std::string error;
        auto writer = log::KismetdbWriter::create(path, {}, error);
        REQUIRE(writer);
        log::KismetdbLog log(direct, std::move(writer));
        const auto fed = direct.feed_file(capture);
        REQUIRE(log.close());

        Engine replayed(fixed_clock());
        const auto replay = log::replay_kismetdb(replayed, path);
        CHECK(replay.error.empty());
        CHECK(replay.packets == fed.packets);

        const Outcome expected = outcome_of(direct);
        const Outcome actual = outcome_of(replayed);
        CHECK(actual.devices.size() == expected.devices.size());
        CHECK(actual.devices == expected.devices);
        CHECK(actual.alerts == expected.alerts);
        CHECK(replayed.stats().packets == direct.stats().packets);
        CHECK(replayed.stats().duplicates == direct.stats().duplicates);
    }
}

TEST_CASE("replaying what is not a readable log feeds nothing and says why", "[log]") {
    testing::TempDir dir;
    Engine engine;
    const auto missing = log::replay_kismetdb(engine, dir.file("missing.kismet"));
    CHECK_THAT(missing.error, Catch::Contains("no such file"));
    CHECK(missing.packets == 0);
    CHECK(engine.all_devices().empty());
}
