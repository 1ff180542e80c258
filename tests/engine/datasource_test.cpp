// Capture sources as Kismet shows them: definitions, the pcapfile UUID and source key, the datasource record's
// fields and counts against Kismet's /datasource/all_sources answers, and NEW_DATASOURCE / DATASOURCE_ERROR.
#include <simdjson.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "kismetcore/bus/event.h"
#include "kismetcore/bus/message.h"
#include "kismetcore/common/kismet_checksum.h"
#include "kismetcore/common/uuid.h"
#include "kismetcore/engine/datasource_definition.h"
#include "kismetcore/engine/datasource_registry.h"
#include "kismetcore/engine/engine.h"
#include "kismetcore/fields/serializer.h"
#include "kismetcore/track/common_record_schemas.h"
#include "kismetcore/track/datasource_record.h"
#include "kismetcore/track/seenby_record.h"
#include "support/kismet_samples.h"

namespace {

using kismetcore::Datasource;
using kismetcore::Engine;
using kismetcore::EngineConfig;
using kismetcore::bus::Event;
using kismetcore::bus::Subscription;

constexpr std::uint64_t kClock = 1795369464;

EngineConfig fixed_clock() {
    EngineConfig config;
    config.clock = [] { return kClock; };
    return config;
}

std::vector<std::string> keys_of(simdjson::dom::object object) {
    std::vector<std::string> keys;
    for (auto field : object) keys.emplace_back(field.key);
    return keys;
}

std::string record_json(const Datasource& source) {
    return kismetcore::fields::serialize_record(kismetcore::fields::OutputFormat::json, kismetcore::datasource_schema(),
                                                source);
}

}  // namespace

TEST_CASE("Kismet's checksum gives its pcapfile UUID prefix and the source keys of its samples",
          "[engine][datasource]") {
    // kismet-samples datasource_all_sources.json: uuid -> source_key.
    CHECK(kismetcore::kismet_adler32("kismet_cap_pcapfile") == 0x4E1D07C3u);
    const std::vector<std::pair<std::string, std::uint32_t>> samples = {
        {"4E1D07C3-0000-0000-0000-0000ABC80AC1", 2272462690u},
        {"4E1D07C3-0000-0000-0000-000054BE0FF3", 2265122654u},
        {"4E1D07C3-0000-0000-0000-0000C7B40C25", 2265188169u},
        {"4E1D07C3-0000-0000-0000-00009CFC11AE", 2271676268u},
    };
    for (const auto& [text, key] : samples) {
        INFO(text);
        const auto uuid = kismetcore::parse_uuid(text);
        REQUIRE(uuid);
        CHECK(kismetcore::uuid_text(*uuid) == text);
        CHECK(kismetcore::kismet_source_key(*uuid) == key);
    }
    const auto uuid = kismetcore::kismet_pcapfile_uuid("captures/n-02.cap");
    CHECK(kismetcore::uuid_text(uuid).substr(0, 24) == "4E1D07C3-0000-0000-0000-");
    const auto tail = kismetcore::kismet_adler32("captures/n-02.cap");
    CHECK(uuid[12] == (tail >> 24));
    CHECK(uuid[15] == (tail & 0xff));
}

TEST_CASE("UUID text is 8-4-4-4-12 hex in either case", "[engine][datasource]") {
    CHECK(kismetcore::parse_uuid("4e1d07c3-0000-0000-0000-0000abc80ac1") ==
          kismetcore::parse_uuid("4E1D07C3-0000-0000-0000-0000ABC80AC1"));
    CHECK_FALSE(kismetcore::parse_uuid(""));
    CHECK_FALSE(kismetcore::parse_uuid("4E1D07C3-0000-0000-0000-0000ABC80AC"));
    CHECK_FALSE(kismetcore::parse_uuid("4E1D07C3-0000-0000-0000-0000ABC80AC1X"));
    CHECK_FALSE(kismetcore::parse_uuid("4E1D07C3X0000-0000-0000-0000ABC80AC1"));
    CHECK_FALSE(kismetcore::parse_uuid("4E1D07C3-0000-0000-0000-0000ABC80AG1"));
}

TEST_CASE("source definitions split into the interface and options", "[engine][datasource]") {
    std::string error;
    const auto definition =
        kismetcore::parse_datasource_definition("captures/n-02.cap:type=pcapfile,Name=bench,info=\"a,b\"", error);
    REQUIRE(definition);
    CHECK(definition->interface == "captures/n-02.cap");
    REQUIRE(definition->options.size() == 3);
    CHECK(definition->option("name") == "bench");
    CHECK(definition->option("info") == "a,b");
    CHECK_FALSE(definition->option("uuid"));
    // Kismet stores the definition with its options sorted by lower-case key.
    CHECK(definition->canonical_text() == "captures/n-02.cap:info=a,b,name=bench,type=pcapfile");

    const auto bare = kismetcore::parse_datasource_definition("wlan0", error);
    REQUIRE(bare);
    CHECK(bare->canonical_text() == "wlan0");

    for (const char* bad : {"", ":name=x", "wlan0:name", "wlan0:name=\"x", "wlan0:=x", "wlan0:name=\"x\"y"}) {
        INFO(bad);
        error.clear();
        CHECK_FALSE(kismetcore::parse_datasource_definition(bad, error));
        CHECK_FALSE(error.empty());
    }
}

TEST_CASE("each file source counts what Kismet's source counted on the same capture", "[engine][datasource]") {
    REQUIRE_FALSE(kismetcore::testing::kismet_samples_dir().empty());
    // wpa is a Prism capture Kismet does not decode; pmkid-not-recognized ends in a truncated record.
    for (const char* sample : {"n-02", "test1", "capture_wds-01", "wpa3-psk", "wpa-psk-linksys", "wpa2-psk-linksys",
                               "wpa", "pmkid-not-recognized"}) {
        INFO(sample);
        const auto capture = kismetcore::testing::capture_of_sample(sample);
        REQUIRE_FALSE(capture.empty());
        simdjson::dom::parser parser;
        const auto path = kismetcore::testing::kismet_samples_dir() / sample / "datasource_all_sources.json";
        simdjson::dom::object theirs = parser.load(path.string()).get_array().at(0).get_object();

        Engine engine(fixed_clock());
        engine.feed_file(capture);
        const auto sources = engine.datasources();
        REQUIRE(sources.size() == 1);
        const Datasource& mine = sources[0];
        CHECK(mine.source_number == std::uint64_t(theirs["kismet.datasource.source_number"]));
        CHECK(mine.dlt == std::uint64_t(theirs["kismet.datasource.dlt"]));
        CHECK(mine.num_packets == std::uint64_t(theirs["kismet.datasource.num_packets"]));
        CHECK(mine.num_error_packets == std::uint64_t(theirs["kismet.datasource.num_error_packets"]));
        CHECK(mine.running == std::uint64_t(theirs["kismet.datasource.running"]));
        CHECK(mine.error == std::uint64_t(theirs["kismet.datasource.error"]));
        CHECK(mine.ipc_binary == std::string_view(theirs["kismet.datasource.ipc_binary"]));
        CHECK(mine.interface == capture.string());
        CHECK(mine.name == capture.string());
        CHECK(mine.source_key == kismetcore::kismet_source_key(mine.uuid));
        CHECK(mine.uuid == kismetcore::kismet_pcapfile_uuid(capture.string()));

        // Every packet fell into this second of the engine's clock, as all of Kismet's fell into one of its own.
        double their_bytes = 0;
        for (auto bucket : theirs["kismet.datasource.packets_datasize_rrd"]["kismet.common.rrd.minute_vec"])
            their_bytes += double(bucket);
        CHECK(mine.packets_datasize_rrd.minute_vec[kClock % 60] == their_bytes);
        CHECK(mine.packets_rrd.minute_vec[kClock % 60] == mine.num_packets);
        CHECK(mine.packets_rrd.last_time == kClock);

        // The record has Kismet's fields in Kismet's order; the driver record is Kismet's to the value.
        simdjson::dom::parser mine_parser;
        const std::string json = record_json(mine);
        simdjson::dom::object my_object = mine_parser.parse(json).get_object();
        CHECK(keys_of(my_object) == keys_of(theirs));
        CHECK(std::string_view(my_object["kismet.datasource.uuid"]) == kismetcore::uuid_text(mine.uuid));
        CHECK(simdjson::to_string(my_object["kismet.datasource.type_driver"]) ==
              simdjson::to_string(theirs["kismet.datasource.type_driver"]));
        CHECK(keys_of(my_object["kismet.datasource.packets_rrd"].get_object()) ==
              keys_of(theirs["kismet.datasource.packets_rrd"].get_object()));
    }
}

TEST_CASE("a definition names the source, its UUID and its options", "[engine][datasource]") {
    Engine engine(fixed_clock());
    std::string error;
    const auto id =
        engine.add_source("/tmp/x.pcap:type=pcapfile,name=bench,uuid=01234567-89ab-cdef-0123-456789abcdef", error);
    REQUIRE(id);
    CHECK(*id == 1);
    const auto source = engine.datasource(*id);
    REQUIRE(source);
    CHECK(source->name == "bench");
    CHECK(source->interface == "/tmp/x.pcap");
    CHECK(source->definition == "/tmp/x.pcap:name=bench,type=pcapfile,uuid=01234567-89ab-cdef-0123-456789abcdef");
    CHECK(kismetcore::uuid_text(source->uuid) == "01234567-89AB-CDEF-0123-456789ABCDEF");
    CHECK(source->datasource_version.rfind("kismetcore-", 0) == 0);

    // The same UUID is the same source; a bad UUID or definition is refused with a reason.
    CHECK(engine.add_source("/tmp/other.pcap:uuid=01234567-89AB-CDEF-0123-456789ABCDEF", error) == id);
    CHECK_FALSE(engine.add_source("/tmp/x.pcap:uuid=nope", error));
    CHECK(error.find("not a UUID") != std::string::npos);
    error.clear();
    CHECK_FALSE(engine.add_source(":name=x", error));
    CHECK_FALSE(error.empty());
    CHECK(engine.datasources().size() == 1);
    CHECK_FALSE(engine.datasource(0));
    CHECK_FALSE(engine.datasource(2));
}

TEST_CASE("packets fed for a source count for it, a second at a time", "[engine][datasource]") {
    const auto capture = kismetcore::testing::capture_of_sample("wpa-psk-linksys");
    REQUIRE_FALSE(capture.empty());
    std::uint64_t clock = 1000;
    EngineConfig config;
    config.clock = [&clock] { return clock; };
    Engine engine(config);
    std::string error;
    const auto id = engine.add_source("sensor0:name=radio", error);
    REQUIRE(id);
    const auto first = engine.feed_file(capture, *id);
    clock = 1001;
    const auto second = engine.feed_file(capture, *id);
    REQUIRE(first.packets == second.packets);
    const auto source = engine.datasource(*id);
    REQUIRE(source);
    CHECK(source->num_packets == first.packets * 2);
    CHECK(source->packets_rrd.minute_vec[1000 % 60] == first.packets);
    CHECK(source->packets_rrd.minute_vec[1001 % 60] == first.packets);
    CHECK(engine.datasources().size() == 1);  // feed_file with a source adds none of its own
}

TEST_CASE("feed_file announces its source as Kismet does", "[engine][datasource][bus]") {
    REQUIRE_FALSE(kismetcore::testing::kismet_samples_dir().empty());
    const auto capture = kismetcore::testing::capture_of_sample("wpa2-psk-linksys");
    REQUIRE_FALSE(capture.empty());
    Engine engine(fixed_clock());
    std::vector<std::string> frames;
    const auto subscriber =
        engine.events().add_subscriber([&frames](const Event& event, const Subscription& subscription) {
            frames.push_back(subscription.serialize(event));
        });
    REQUIRE(engine.events().subscribe(subscriber, "NEW_DATASOURCE").empty());

    engine.feed_file(capture);
    engine.feed_file(capture);  // the same file is the same source: announced once
    REQUIRE(frames.size() == 1);

    // Kismet's frame (kismet-samples eventbus_wpa2-psk-linksys.jsonl, second line): same shape, zero packets yet.
    std::string their_frame;
    {
        simdjson::dom::parser lines;
        const auto path = kismetcore::testing::kismet_samples_dir() / "eventbus_wpa2-psk-linksys.jsonl";
        simdjson::dom::document_stream stream = lines.load_many(path.string());
        for (auto document : stream) {
            simdjson::dom::object object = document.get_object();
            if (object["NEW_DATASOURCE"].error() == simdjson::SUCCESS) {
                their_frame = simdjson::to_string(object);
                break;
            }
        }
    }
    REQUIRE_FALSE(their_frame.empty());
    simdjson::dom::parser mine_parser;
    simdjson::dom::parser their_parser;
    simdjson::dom::object mine = mine_parser.parse(frames[0]).get_object();
    simdjson::dom::object theirs = their_parser.parse(their_frame).get_object();
    CHECK(keys_of(mine) == keys_of(theirs));
    CHECK(keys_of(mine["NEW_DATASOURCE"].get_object()) == keys_of(theirs["NEW_DATASOURCE"].get_object()));
    CHECK(std::uint64_t(mine["NEW_DATASOURCE"]["kismet.datasource.num_packets"]) == 0);
    CHECK(std::uint64_t(mine["NEW_DATASOURCE"]["kismet.datasource.running"]) == 1);

    // Kismet's pcapfile source posts these two messages.
    std::vector<std::string> info;
    for (const auto& message : engine.messages().all())
        if (message.flags == kismetcore::bus::message_flag::kInfo &&
            (message.text.rfind("Data source", 0) == 0 || message.text.rfind("Pcapfile", 0) == 0))
            info.push_back(message.text);
    CHECK(std::count(info.begin(), info.end(), "Data source '" + capture.string() + "' launched successfully") == 2);
    CHECK(std::count(info.begin(), info.end(), "Pcapfile '" + capture.string() + "' closed: end of pcapfile reached") ==
          2);
}

TEST_CASE("a file that cannot be opened puts its source in error and publishes DATASOURCE_ERROR",
          "[engine][datasource][bus]") {
    Engine engine(fixed_clock());
    std::vector<std::string> frames;
    const auto subscriber =
        engine.events().add_subscriber([&frames](const Event& event, const Subscription& subscription) {
            frames.push_back(subscription.serialize(event));
        });
    REQUIRE(engine.events().subscribe(subscriber, "DATASOURCE_ERROR").empty());

    const auto result = engine.feed_file("/nonexistent/missing.pcap");
    CHECK_FALSE(result.error.empty());
    const auto sources = engine.datasources();
    REQUIRE(sources.size() == 1);
    CHECK(sources[0].error == 1);
    CHECK(sources[0].running == 0);
    CHECK(sources[0].error_reason == result.error);
    CHECK(sources[0].num_packets == 0);
    REQUIRE(frames.size() == 1);
    CHECK(frames[0] == R"({"DATASOURCE_ERROR": ")" + kismetcore::uuid_text(sources[0].uuid) + R"("})");
    CHECK(engine.alerts().all().size() == 1);  // SOURCEERROR, as before
}

TEST_CASE("seen-by records name their source and embed its record, in Kismet's field order", "[engine][datasource]") {
    REQUIRE_FALSE(kismetcore::testing::kismet_samples_dir().empty());
    const auto capture = kismetcore::testing::capture_of_sample("n-02");
    REQUIRE_FALSE(capture.empty());
    Engine engine(fixed_clock());
    engine.feed_file(capture);
    const auto source = engine.datasource(1);
    REQUIRE(source);
    const auto devices = engine.all_devices();
    REQUIRE_FALSE(devices.empty());

    // Kismet's seen-by record of the sample's first device: the UUID, then the whole datasource record.
    simdjson::dom::parser their_parser;
    const auto path = kismetcore::testing::kismet_samples_dir() / "n-02" / "devices_views_all_devices.json";
    simdjson::dom::object their_seenby =
        their_parser.load(path.string()).get_array().at(0)["kismet.device.base.seenby"].get_array().at(0);
    const auto their_keys = keys_of(their_seenby);
    REQUIRE(their_keys.size() > 1);
    REQUIRE(their_keys[1] == "kismet.common.seenby.source");
    const auto their_source_keys = keys_of(their_seenby["kismet.common.seenby.source"].get_object());

    for (const auto& device : devices) {
        const kismetcore::track::SeenbyRecord* record = nullptr;
        {
            const kismetcore::track::DeviceReadLock lock(*device);
            REQUIRE(device->seenby.records.size() == 1);
            record = &device->seenby.records[0];
            CHECK(record->source == 1);
            REQUIRE(record->named != nullptr);
            CHECK(record->named->uuid == source->uuid);
            const std::string json = kismetcore::fields::serialize_record(
                kismetcore::fields::OutputFormat::json, kismetcore::track::seenby_record_schema(), *record);
            simdjson::dom::parser mine_parser;
            simdjson::dom::object mine = mine_parser.parse(json).get_object();
            CHECK(keys_of(mine) == their_keys);
            CHECK(std::string_view(mine["kismet.common.seenby.uuid"]) == kismetcore::uuid_text(source->uuid));
            // The embedded record is the source's record as /datasource/all_sources shows it.
            simdjson::dom::object embedded = mine["kismet.common.seenby.source"].get_object();
            CHECK(keys_of(embedded) == their_source_keys);
            simdjson::dom::parser source_parser;
            const simdjson::dom::element listed = source_parser.parse(record_json(*source));
            CHECK(simdjson::minify(embedded) == simdjson::minify(listed));
        }
        // Unlocked, the device holds no copy of the record.
        const std::scoped_lock lock(device->mutex);
        CHECK_FALSE(record->source_record);
    }

    // A packet fed for a source the tracker was never told about keeps a seen-by record without a UUID or record.
    kismetcore::track::SeenbyList unnamed;
    const auto& record = unnamed.record_packet(9, 100, nullptr);
    CHECK(record.named == nullptr);
    unnamed.pin_source_records();
    const std::string json = kismetcore::fields::serialize_record(kismetcore::fields::OutputFormat::json,
                                                                  kismetcore::track::seenby_record_schema(), record);
    CHECK(json.find("seenby.uuid") == std::string::npos);
    CHECK(json.find("seenby.source") == std::string::npos);
}

TEST_CASE("a seen-by record embeds the source's record as it is when the device is read", "[engine][datasource]") {
    const auto capture = kismetcore::testing::capture_of_sample("n-02");
    REQUIRE_FALSE(capture.empty());
    Engine engine(fixed_clock());
    engine.feed_file(capture);
    const auto first = engine.datasource(1);
    REQUIRE(first);
    const auto device = engine.all_devices().front();

    const auto embedded_packets = [&device] {
        const kismetcore::track::DeviceReadLock lock(*device);
        const auto& record = device->seenby.records.at(0);
        REQUIRE(record.source_record);
        return record.source_record->num_packets;
    };
    CHECK(embedded_packets() == first->num_packets);

    // The same file again is the same source (its UUID comes from the path), which now counts twice the packets.
    engine.feed_file(capture);
    const auto second = engine.datasource(1);
    REQUIRE(second);
    REQUIRE(second->num_packets == 2 * first->num_packets);
    CHECK(embedded_packets() == second->num_packets);
}

TEST_CASE("the registry's snapshots stay as they were while the record changes", "[engine][datasource]") {
    kismetcore::DatasourceRegistry registry("test");
    std::string error;
    const auto definition = kismetcore::parse_datasource_definition("/tmp/x.pcap:name=x", error);
    REQUIRE(definition);
    const auto added = registry.add_file_source(*definition, error);
    REQUIRE(added);
    CHECK_FALSE(registry.snapshot(0));
    CHECK_FALSE(registry.snapshot(added->id + 1));

    const auto before = registry.snapshot(added->id);
    REQUIRE(before);
    CHECK(registry.snapshot(added->id) == before);  // unchanged: readers share one copy
    registry.count(added->id, 5, 500, 1, kClock);
    const auto after = registry.snapshot(added->id);
    REQUIRE(after);
    CHECK(after != before);
    CHECK(before->num_packets == 0);
    CHECK(after->num_packets == 5);
    CHECK(after->num_error_packets == 1);

    registry.set_link_type(added->id, 127);
    CHECK(registry.snapshot(added->id)->dlt == 127);
    CHECK(after->dlt == 0);
    registry.fail(added->id, "gone");
    CHECK(registry.snapshot(added->id)->error_reason == "gone");
    CHECK(registry.add_file_source(*definition, error));  // the same UUID again: running once more
    CHECK(registry.snapshot(added->id)->running == 1);
}
