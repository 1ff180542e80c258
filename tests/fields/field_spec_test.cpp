// Field simplification: every rule of kismet-reference.md 3.2 and the examples of Kismet's REST document.
#include <catch2/catch.hpp>

#include "kismetcore/fields/field_spec.h"
#include "kismetcore/fields/serializer.h"
#include "test_records.h"

using namespace kismetcore::fields;
using namespace fields_test;

namespace {

FieldSpec spec_of(std::string_view json) {
    auto result = FieldSpec::parse(json, device_schema(), device_catalog());
    REQUIRE(result.error.empty());
    REQUIRE(result.spec);
    return std::move(*result.spec);
}

std::string simplified(const TestDevice& device, std::string_view fields_json) {
    const auto spec = spec_of(fields_json);
    return serialize_record(OutputFormat::json, device_schema(), device, &spec);
}

}  // namespace

TEST_CASE("the fields POST of Kismet's sample is reproduced byte for byte", "[fields]") {
    const auto spec = spec_of(
        R"(["kismet.device.base.macaddr", "kismet.device.base.type", "kismet.device.base.name",
            "kismet.device.base.packets.total",
            ["dot11.device/dot11.device.last_beaconed_ssid_record/dot11.advertisedssid.ssid", "ssid"]])");
    auto client = sample_client();
    client.type = "Wi-Fi Ad-Hoc";
    std::string out;
    RecordListWriter list(out, OutputFormat::json);
    list.add(device_schema(), linksys_access_point(), &spec);
    list.add(device_schema(), client, &spec);
    list.finish();
    const std::string expected =
        "[{\"kismet.device.base.macaddr\": \"00:0B:86:C2:A4:85\",\"kismet.device.base.type\": \"Wi-Fi AP\","
        "\"kismet.device.base.name\": \"linksys\",\"kismet.device.base.packets.total\": 109,\"ssid\": \"linksys\"},"
        "{\"kismet.device.base.macaddr\": \"00:13:CE:55:98:EF\",\"kismet.device.base.type\": \"Wi-Fi Ad-Hoc\","
        "\"kismet.device.base.name\": \"\",\"kismet.device.base.packets.total\": 283,\"ssid\": 0}]";
    CHECK(out == expected);
    const std::string sample = read_kismet_sample("wpa-psk-linksys/extra/devices_all_devices_fields_post.json");
    if (!sample.empty()) CHECK(sample.rfind(expected.substr(0, expected.size() - 1), 0) == 0);
}

TEST_CASE("a path keeps the last component's name; an alias replaces it (the REST document's examples)", "[fields]") {
    const auto device = sample_client();
    CHECK(simplified(device, R"(["kismet.device.base.location/kismet.common.location.geopoint"])") ==
          "{\"kismet.common.location.geopoint\": [-122.500000, 37.250000]}");
    CHECK(simplified(device, R"([["kismet.device.base.frequency", "base.frequency"],
                                 ["kismet.device.base.location/kismet.common.location.geopoint", "base.location"]])") ==
          "{\"base.frequency\": 2437000,\"base.location\": [-122.500000, 37.250000]}");
}

TEST_CASE("empty path components are skipped", "[fields]") {
    CHECK(simplified(sample_client(), R"(["/kismet.device.base.location//kismet.common.location.geopoint/"])") ==
          "{\"kismet.common.location.geopoint\": [-122.500000, 37.250000]}");
    // A path with no components at all is dropped, leaving an empty simplified record.
    CHECK(simplified(sample_client(), R"(["//"])") == "{}");
}

TEST_CASE("missing fields yield 0 under their name; unregistered ones under Kismet's unknown name", "[fields]") {
    const auto device = linksys_access_point();
    CHECK(
        simplified(device, R"(["kismet.device.base.username", "kismet.device.base.location/kismet.common.location.alt",
                                 "kismet.device.base.nonsense", ["kismet.device.base.nonsense", "alias"]])") ==
        "{\"kismet.device.base.username\": 0,\"kismet.common.location.alt\": 0,"
        "\"field.unknown.not.registered\": 0,\"alias\": 0}");
    // A registered name in the wrong record still answers with its own name.
    CHECK(simplified(device, R"(["dot11.device.typeset", "kismet.device.base.name/dot11.device.typeset"])") ==
          "{\"dot11.device.typeset\": 0,\"dot11.device.typeset\": 0}");
}

TEST_CASE("'#' counts a container's items as uint32, and counts come first", "[fields]") {
    const auto device = linksys_access_point();
    CHECK(simplified(device, R"(["kismet.device.base.name", "dot11.device/#dot11.device.associated_client_map",
                                 ["dot11.device/#dot11.device.client_map", "clients"], "#kismet.device.base.tags",
                                 "#kismet.device.base.name"])") ==
          "{\"dot11.device.associated_client_map\": 3,\"clients\": 0,\"kismet.device.base.tags\": 0,"
          "\"kismet.device.base.name\": 0,\"kismet.device.base.name\": \"linksys\"}");
}

TEST_CASE("two paths with the same output name are both written, as Kismet writes them", "[fields]") {
    CHECK(simplified(linksys_access_point(), R"(["kismet.device.base.name", "kismet.device.base.name"])") ==
          "{\"kismet.device.base.name\": \"linksys\",\"kismet.device.base.name\": \"linksys\"}");
}

TEST_CASE("a requested container or record comes back whole", "[fields]") {
    CHECK(simplified(linksys_access_point(), R"(["dot11.device/dot11.device.associated_client_map"])") ==
          "{\"dot11.device.associated_client_map\": {\"00:13:CE:55:98:EF\": \"4202770D00000000_EF9855CE1300\","
          "\"00:0F:66:E3:E4:01\": \"4202770D00000000_1E4E3660F00\",\"00:14:BF:0F:03:30\": "
          "\"4202770D00000000_30030FBF1400\"}}");
    CHECK(simplified(sample_client(), R"(["kismet.device.base.location"])") ==
          "{\"kismet.device.base.location\": {\"kismet.common.location.geopoint\": [-122.500000, 37.250000]}}");
}

TEST_CASE("an empty or absent field list returns the whole record", "[fields]") {
    const auto device = linksys_access_point();
    const auto whole = serialize_record(OutputFormat::json, device_schema(), device);
    CHECK(simplified(device, "[]") == whole);
    CHECK(simplified(device, "null") == whole);
}

TEST_CASE("malformed field lists give Kismet's errors", "[fields]") {
    auto bad_entry = FieldSpec::parse(R"(["kismet.device.base.name", 5])", device_schema(), device_catalog());
    CHECK_FALSE(bad_entry.spec);
    CHECK(bad_entry.error == "Invalid field mapping, expected field or [field,rename]");
    auto bad_pair = FieldSpec::parse(R"([["a", "b", "c"]])", device_schema(), device_catalog());
    CHECK(bad_pair.error == "Invalid field mapping, expected [field, name]");
    auto not_json = FieldSpec::parse("[", device_schema(), device_catalog());
    CHECK_FALSE(not_json.spec);
    CHECK(not_json.error.rfind("Invalid field specification: ", 0) == 0);
}

TEST_CASE("simplified records keep ekjson's underscores and prettyjson's descriptions", "[fields]") {
    const auto spec = spec_of(R"(["kismet.device.base.name", "kismet.device.base.username"])");
    CHECK(serialize_record(OutputFormat::ekjson, device_schema(), linksys_access_point(), &spec) ==
          "{\"kismet_device_base_name\": \"linksys\",\"kismet_device_base_username\": 0}\n");
    CHECK(serialize_record(OutputFormat::prettyjson, device_schema(), linksys_access_point(), &spec) ==
          "\r\n {\r\n"
          " \"description.kismet.device.base.name\": \"string, printable device name\",\r\n"
          " \"kismet.device.base.name\": \"linksys\",\r\n\r\n"
          " \"description.kismet.device.base.username\": \"placeholder, unallocated field\",\r\n"
          " \"kismet.device.base.username\": 0\r\n }");
}

TEST_CASE("a spec compiled for one record type refuses another", "[fields]") {
    const auto spec = spec_of(R"(["kismet.device.base.name"])");
    std::string out;
    CHECK_THROWS_AS(append_record(out, OutputFormat::json, location_schema(), TestLocation{}, &spec), std::logic_error);
}
