// Simplifying records given as JSON text gives what simplifying the typed records gives, rule by rule.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "kismetcore/engine/engine.h"
#include "kismetcore/fields/simplify_json.h"
#include "kismetcore/track/device_schema.h"
#include "support/shared_captures.h"
#include "test_records.h"

using namespace kismetcore::fields;
using namespace fields_test;

namespace {

FieldSpec spec_of(std::string_view json, const RecordSchema& schema = device_schema(),
                  const kismetcore::fields::FieldCatalog& catalog = device_catalog()) {
    auto result = FieldSpec::parse(json, schema, catalog);
    REQUIRE(result.error.empty());
    REQUIRE(result.spec);
    return std::move(*result.spec);
}

// `record_json` simplified by the JSON walker; fails the test when it refuses the text.
std::string from_text(std::string_view record_json, const FieldSpec* spec, OutputFormat format = OutputFormat::json,
                      const RecordSchema& schema = device_schema()) {
    JsonRecordSimplifier simplifier(format, schema, spec);
    std::string out;
    std::string error;
    const bool simplified = simplifier.append(out, record_json, error);
    INFO(error);
    REQUIRE(simplified);
    return out;
}

// The device simplified from its json text, checked against the typed serializer's simplification of it.
std::string simplified(const TestDevice& device, std::string_view fields_json,
                       OutputFormat format = OutputFormat::json) {
    const auto spec = spec_of(fields_json);
    const auto text = from_text(serialize_record(OutputFormat::json, device_schema(), device), &spec, format);
    CHECK(text == serialize_record(format, device_schema(), device, &spec));
    return text;
}

}  // namespace

TEST_CASE("json text: a path keeps the last component's name; an alias replaces it", "[fields]") {
    const auto device = sample_client();
    CHECK(simplified(device, R"(["kismet.device.base.location/kismet.common.location.geopoint"])") ==
          "{\"kismet.common.location.geopoint\": [-122.500000, 37.250000]}");
    CHECK(simplified(device, R"([["kismet.device.base.frequency", "base.frequency"],
                                 ["kismet.device.base.location/kismet.common.location.geopoint", "base.location"]])") ==
          "{\"base.frequency\": 2437000,\"base.location\": [-122.500000, 37.250000]}");
}

TEST_CASE("json text: empty path components are skipped and a path of none is dropped", "[fields]") {
    CHECK(simplified(sample_client(), R"(["/kismet.device.base.location//kismet.common.location.geopoint/"])") ==
          "{\"kismet.common.location.geopoint\": [-122.500000, 37.250000]}");
    CHECK(simplified(sample_client(), R"(["//"])") == "{}");
}

TEST_CASE("json text: missing fields give 0 under their name, unregistered ones under Kismet's unknown name",
          "[fields]") {
    const auto device = linksys_access_point();
    CHECK(
        simplified(device, R"(["kismet.device.base.username", "kismet.device.base.location/kismet.common.location.alt",
                                 "kismet.device.base.nonsense", ["kismet.device.base.nonsense", "alias"]])") ==
        "{\"kismet.device.base.username\": 0,\"kismet.common.location.alt\": 0,"
        "\"field.unknown.not.registered\": 0,\"alias\": 0}");
    CHECK(simplified(device, R"(["dot11.device.typeset", "kismet.device.base.name/dot11.device.typeset"])") ==
          "{\"dot11.device.typeset\": 0,\"dot11.device.typeset\": 0}");
}

TEST_CASE("json text: '#' counts maps, vectors and arrays of records as uint32, and counts come first", "[fields]") {
    const auto device = linksys_access_point();
    CHECK(simplified(device, R"(["kismet.device.base.name", "dot11.device/#dot11.device.associated_client_map",
                                 ["dot11.device/#dot11.device.client_map", "clients"], "#kismet.device.base.tags",
                                 "#kismet.device.base.name"])") ==
          "{\"dot11.device.associated_client_map\": 3,\"clients\": 0,\"kismet.device.base.tags\": 0,"
          "\"kismet.device.base.name\": 0,\"kismet.device.base.name\": \"linksys\"}");
    CHECK(simplified(sample_client(), R"(["#kismet.device.base.freq_khz_map", "dot11.device/#dot11.device.client_map",
                                          "dot11.device/#dot11.device.supported_channels",
                                          "#kismet.common.rrd.minute_vec", "#test.seen_by_number"])") ==
          "{\"kismet.device.base.freq_khz_map\": 2,\"dot11.device.client_map\": 1,"
          "\"dot11.device.supported_channels\": 3,\"kismet.common.rrd.minute_vec\": 4,\"test.seen_by_number\": 2}");
    CHECK(simplified(linksys_access_point(), R"(["dot11.device/#dot11.device.advertised_ssid_map"])") ==
          "{\"dot11.device.advertised_ssid_map\": 1}");
}

TEST_CASE("json text: two paths with the same output name are both written", "[fields]") {
    CHECK(simplified(linksys_access_point(), R"(["kismet.device.base.name", "kismet.device.base.name"])") ==
          "{\"kismet.device.base.name\": \"linksys\",\"kismet.device.base.name\": \"linksys\"}");
}

TEST_CASE("json text: a requested container or record comes back whole, in every compact format", "[fields]") {
    for (const auto format : {OutputFormat::json, OutputFormat::ekjson, OutputFormat::itjson, OutputFormat::tjson}) {
        INFO(static_cast<int>(format));
        simplified(linksys_access_point(), R"(["dot11.device/dot11.device.associated_client_map", "dot11.device",
                                              "dot11.device/dot11.device.last_beaconed_ssid_record"])",
                   format);
        simplified(sample_client(), R"(["kismet.device.base.location", "kismet.device.base.freq_khz_map",
                                        "kismet.device.base.tags", "kismet.device.base.related_devices",
                                        "dot11.device", "test.hashed_names", "test.seen_by_number"])",
                   format);
    }
    CHECK(simplified(sample_client(), R"(["kismet.device.base.location"])") ==
          "{\"kismet.device.base.location\": {\"kismet.common.location.geopoint\": [-122.500000, 37.250000]}}");
}

TEST_CASE("json text: an empty or absent field list returns the whole record, as it was written", "[fields]") {
    const auto json = serialize_record(OutputFormat::json, device_schema(), sample_client());
    CHECK(from_text(json, nullptr) == json);
    const auto empty = spec_of("[]");
    CHECK(from_text(json, &empty) == json);
    const auto not_a_list = spec_of("null");
    CHECK(from_text(json, &not_a_list) == json);
    CHECK(from_text(" \n" + json + "\n", nullptr) == json);
}

TEST_CASE("json text: ekjson renames the fields of nested records and keeps map keys, as the serializer does",
          "[fields]") {
    auto device = sample_client();
    (*device.tags)["user.note"] = "dotted key";  // a string key with a dot; freq_khz_map has "2412500.500000"
    const auto json = serialize_record(OutputFormat::json, device_schema(), device);
    const auto ekjson = from_text(json, nullptr, OutputFormat::ekjson);
    CHECK(ekjson == serialize_record(OutputFormat::ekjson, device_schema(), device));
    CHECK(ekjson.find("\"user.note\": \"dotted key\"") != std::string::npos);
    CHECK(ekjson.find("\"2412500.500000\": 1.250000") != std::string::npos);
    CHECK(ekjson.find("\"dot11_device\": {\"dot11_device_typeset\": 4") != std::string::npos);
    CHECK(from_text(json, nullptr, OutputFormat::tjson) ==
          serialize_record(OutputFormat::tjson, device_schema(), device));
    CHECK(from_text(json, nullptr, OutputFormat::itjson) == json + "\n");
    const auto aliased = spec_of(R"([["kismet.device.base.tags", "my.tags"]])");
    CHECK(from_text(json, &aliased, OutputFormat::ekjson) ==
          "{\"my_tags\": {\"notes\": \"seen \\\"twice\\\"\\n\",\"user.note\": \"dotted key\"}}\n");
}

TEST_CASE("json text: numbers and strings keep the source's exact text", "[fields]") {
    // More digits than any of Kismet's formats print, and an integer past a double's precision.
    const std::string json =
        R"({"kismet.device.base.frequency": 2437000.1234567890123,)"
        R"("kismet.device.base.packets.total": 18446744073709551615,)"
        R"("kismet.device.base.name": "caf\u00e9 \"x\"",)"
        R"("kismet.device.base.location": {"kismet.common.location.geopoint": [-1.5e2, 3.25E+1]}})";
    const auto spec = spec_of(R"(["kismet.device.base.frequency", "kismet.device.base.packets.total",
                                  "kismet.device.base.name", "kismet.device.base.location"])");
    CHECK(from_text(json, &spec) ==
          "{\"kismet.device.base.frequency\": 2437000.1234567890123,"
          "\"kismet.device.base.packets.total\": 18446744073709551615,"
          "\"kismet.device.base.name\": \"caf\\u00e9 \\\"x\\\"\","
          "\"kismet.device.base.location\": {\"kismet.common.location.geopoint\": [-1.5e2, 3.25E+1]}}");
    CHECK(from_text(json, &spec, OutputFormat::ekjson) ==
          "{\"kismet_device_base_frequency\": 2437000.1234567890123,"
          "\"kismet_device_base_packets_total\": 18446744073709551615,"
          "\"kismet_device_base_name\": \"caf\\u00e9 \\\"x\\\"\","
          "\"kismet_device_base_location\": {\"kismet_common_location_geopoint\": [-1.5e2, 3.25E+1]}}\n");
    CHECK(from_text(json, nullptr) == json);
}

TEST_CASE("json text: a field the schema does not know is only in the whole record, with its keys underscored",
          "[fields]") {
    // A record as a newer Kismet writes it, with a field kismetcore never registered.
    const std::string json = R"({"kismet.device.base.name": "ap","kismet.plugin.thing": )"
                             R"({"kismet.plugin.a.b": [1, 2],"list": [{"x.y": "v.w"}]}})";
    CHECK(from_text(json, nullptr, OutputFormat::ekjson) ==
          "{\"kismet_device_base_name\": \"ap\",\"kismet_plugin_thing\": "
          "{\"kismet_plugin_a_b\": [1, 2],\"list\": [{\"x_y\": \"v.w\"}]}}\n");
    const auto spec = spec_of(R"(["kismet.plugin.thing", "kismet.device.base.name"])");
    CHECK(from_text(json, &spec) == "{\"field.unknown.not.registered\": 0,\"kismet.device.base.name\": \"ap\"}");
}

TEST_CASE("json text: Kismet's 0 in place of a record counts as a missing record", "[fields]") {
    const std::string json = R"({"kismet.device.base.location": 0,"kismet.device.base.tags": 0})";
    const auto spec = spec_of(R"(["kismet.device.base.location/kismet.common.location.geopoint",
                                  "#kismet.device.base.tags", "kismet.device.base.location"])");
    CHECK(from_text(json, &spec) ==
          "{\"kismet.device.base.tags\": 0,\"kismet.common.location.geopoint\": 0,\"kismet.device.base.location\": 0}");
    CHECK(from_text(json, &spec, OutputFormat::ekjson) ==
          "{\"kismet_device_base_tags\": 0,\"kismet_common_location_geopoint\": 0,"
          "\"kismet_device_base_location\": 0}\n");
}

TEST_CASE("json text: text that is not one JSON object is refused and nothing is written", "[fields]") {
    const auto spec = spec_of(R"(["kismet.device.base.name"])");
    for (const auto format : {OutputFormat::json, OutputFormat::ekjson}) {
        for (const auto* spec_or_none : {&spec, static_cast<const FieldSpec*>(nullptr)}) {
            JsonRecordSimplifier simplifier(format, device_schema(), spec_or_none);
            for (const std::string_view bad :
                 {R"({"kismet.device.base.name": "ap")", R"({"kismet.device.base.name": tru})", "", "[1, 2]", "7",
                  R"({"a": 1} {"b": 2})"}) {
                INFO(bad);
                std::string out = "kept";
                std::string error;
                CHECK_FALSE(simplifier.append(out, bad, error));
                CHECK(out == "kept");
                CHECK_FALSE(error.empty());
            }
            // The simplifier goes on with the next record after a bad one.
            std::string out;
            std::string error;
            CHECK(simplifier.append(out, R"({"kismet.device.base.name": "ap"})", error));
        }
    }
}

TEST_CASE("json text: prettyjson and a spec of another schema are refused", "[fields]") {
    CHECK_THROWS_AS(JsonRecordSimplifier(OutputFormat::prettyjson, device_schema()), std::invalid_argument);
    const auto spec = spec_of(R"(["kismet.device.base.name"])");
    CHECK_THROWS_AS(JsonRecordSimplifier(OutputFormat::json, location_schema(), &spec), std::logic_error);
}

// The REST document's examples (rest-endpoints.txt, "Field Specifications") against real tracked devices. Its
// signal name, kismet.common.signal.last_signal_dbm, is older than Kismet's current registry, which calls the field
// kismet.common.signal.last_signal: asked as written, Kismet answers with its unknown-field name.
TEST_CASE("json text: the REST document's field specification examples on a real device", "[fields]") {
    const auto captures = kismetcore::testing::shared_captures_dir();
    if (captures.empty()) {
        WARN("shared captures not present");
        return;
    }
    kismetcore::Engine engine;
    engine.feed_file(captures / "aircrack-ng__test1.pcap");
    const auto& schema = kismetcore::track::device_schema();
    const auto device = engine.devices_by_mac(*kismetcore::MacAddress::parse("F8:1A:67:E5:05:62")).at(0);
    const kismetcore::track::DeviceReadLock lock(*device);
    const auto json = serialize_record(OutputFormat::json, schema, *device);
    const auto simplify = [&](std::string_view fields_json) {
        const auto spec = spec_of(fields_json, schema, engine.field_catalog());
        return from_text(json, &spec, OutputFormat::json, schema);
    };

    CHECK(simplify(R"(["kismet.device.base.channel",
                       "kismet.device.base.signal/kismet.common.signal.last_signal_dbm"])") ==
          "{\"kismet.device.base.channel\": \"6\",\"field.unknown.not.registered\": 0}");
    CHECK(simplify(R"([["kismet.device.base.channel", "base.channel"],
                       ["kismet.device.base.signal/kismet.common.signal.last_signal_dbm", "base.last.signal"]])") ==
          "{\"base.channel\": \"6\",\"base.last.signal\": 0}");
    CHECK(simplify(R"(["kismet.device.base.channel", "kismet.device.base.signal/kismet.common.signal.last_signal"])") ==
          "{\"kismet.device.base.channel\": \"6\",\"kismet.common.signal.last_signal\": -76}");
    CHECK(simplify(R"([["kismet.device.base.channel", "base.channel"],
                       ["kismet.device.base.signal/kismet.common.signal.last_signal", "base.last.signal"]])") ==
          "{\"base.channel\": \"6\",\"base.last.signal\": -76}");
}

// The walker against the typed serializer on every device of real captures: the logged json of each device,
// simplified, is exactly what the serializer writes from the record, for specs that reach every kind of field.
TEST_CASE("json text: a real device's logged json simplifies exactly as its typed record does", "[fields]") {
    const auto captures = kismetcore::testing::shared_captures_dir();
    if (captures.empty()) {
        WARN("shared captures not present");
        return;
    }
    const auto& schema = kismetcore::track::device_schema();
    const std::vector<std::string> specs = {
        "[]",
        R"(["kismet.device.base.macaddr", "kismet.device.base.key", "kismet.device.base.commonname",
            "kismet.device.base.channel", "kismet.device.base.frequency", "kismet.device.base.crypt",
            ["kismet.device.base.signal/kismet.common.signal.last_signal", "signal"],
            "kismet.device.base.signal/kismet.common.signal.signal_rrd", "kismet.device.base.username",
            "kismet.device.base.nonsense", "kismet.alert.header", "#kismet.device.base.seenby",
            "dot11.device/#dot11.device.advertised_ssid_map", "dot11.device/#dot11.device.probed_ssid_map",
            "dot11.device/#dot11.device.client_map", "dot11.device/#dot11.device.associated_client_map",
            "#kismet.device.base.freq_khz_map", "#kismet.device.base.name"])",
        R"(["kismet.device.base.signal", "kismet.device.base.seenby", "kismet.device.base.freq_khz_map",
            "kismet.device.base.packets.rrd", "dot11.device", "kismet.device.base.location",
            "dot11.device/dot11.device.last_beaconed_ssid_record/dot11.advertisedssid.ssid",
            "dot11.device/dot11.device.wpa_handshake_list", "dot11.device/dot11.device.client_map",
            "dot11.device/dot11.device.advertised_ssid_map", "dot11.device/dot11.device.probed_ssid_map"])",
    };
    std::size_t compared = 0;
    for (const char* name : {"aircrack-ng__wpa2-psk-linksys.cap", "aircrack-ng__test1.pcap", "aircrack-ng__wpa.cap",
                             "aircrack-ng__n-02.cap", "aircrack-ng__capture_wds-01.cap",
                             "fragattacks__ping_I_E_R_E__full-recon-fromclient.pcapng"}) {
        if (!std::filesystem::exists(captures / name)) continue;
        kismetcore::Engine engine;
        engine.feed_file(captures / name);
        for (const auto& fields_json : specs) {
            const auto spec = spec_of(fields_json, schema, engine.field_catalog());
            for (const auto format :
                 {OutputFormat::json, OutputFormat::ekjson, OutputFormat::itjson, OutputFormat::tjson}) {
                JsonRecordSimplifier simplifier(format, schema, &spec);
                for (const auto& device : engine.all_devices()) {
                    const kismetcore::track::DeviceReadLock lock(*device);
                    const auto logged = serialize_record(OutputFormat::json, schema, *device);
                    std::string walked;
                    std::string error;
                    const bool simplified = simplifier.append(walked, logged, error);
                    INFO(error);
                    REQUIRE(simplified);
                    INFO(name << " " << device->macaddr.to_string() << " " << fields_json << " format "
                              << static_cast<int>(format));
                    CHECK(walked == serialize_record(format, schema, *device, &spec));
                    ++compared;
                }
            }
        }
    }
    CHECK(compared > 0);
}
