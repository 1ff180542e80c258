// prettyjson, ekjson, itjson and tjson, and record lists in each format.
#include <catch2/catch.hpp>

#include "kismetcore/fields/serializer.h"
#include "test_records.h"

using namespace kismetcore::fields;
using namespace fields_test;

TEST_CASE("the URL extension picks the serializer", "[fields]") {
    CHECK(output_format_for_extension("json") == OutputFormat::json);
    CHECK(output_format_for_extension("prettyjson") == OutputFormat::prettyjson);
    CHECK(output_format_for_extension("ekjson") == OutputFormat::ekjson);
    CHECK(output_format_for_extension("itjson") == OutputFormat::itjson);
    CHECK(output_format_for_extension("tjson") == OutputFormat::tjson);
    CHECK_FALSE(output_format_for_extension("html"));
}

TEST_CASE("prettyjson indents with CRLF and describes every field before it", "[fields]") {
    TestLocation location{{1.5, 2}, 12.0};
    CHECK(serialize_record(OutputFormat::prettyjson, location_schema(), location) ==
          "\r\n {\r\n"
          " \"description.kismet.common.location.geopoint\": \"pair[double, double], location (lon, lat)\",\r\n"
          " \"kismet.common.location.geopoint\": [1.500000, 2],\r\n\r\n"
          " \"description.kismet.common.location.alt\": \"double, altitude (meters)\",\r\n"
          " \"kismet.common.location.alt\": 12\r\n"
          " }");
}

TEST_CASE("prettyjson nests records one space deeper and lays out maps and vectors as Kismet does", "[fields]") {
    auto device = sample_client();
    const std::string text = serialize_record(OutputFormat::prettyjson, device_schema(), device);
    CHECK(text.find(" \"description.kismet.device.base.macaddr\": \"mac_addr, mac address\",\r\n"
                    " \"kismet.device.base.macaddr\": \"00:13:CE:55:98:EF\",\r\n\r\n") != std::string::npos);
    CHECK(text.find(
              " \"kismet.device.base.location\": \r\n  {\r\n"
              "  \"description.kismet.common.location.geopoint\": \"pair[double, double], location (lon, lat)\",\r\n"
              "  \"kismet.common.location.geopoint\": [-122.500000, 37.250000]\r\n  }") != std::string::npos);
    CHECK(text.find("\"description.kismet.device.base.freq_khz_map\": \"map[double,double], packets seen per frequency "
                    "(khz)\"") != std::string::npos);
    CHECK(
        text.find(" \"kismet.common.rrd.minute_vec\": \r\n  [\r\n  0,\r\n  587,\r\n  9.783333,\r\n  0.500000\r\n  ]") !=
        std::string::npos);
    CHECK(text.find("\"description.dot11.device.client_map\": \"map[macaddr, x], client behavior\"") !=
          std::string::npos);
    CHECK(text.find("\"description.kismet.server.uuid\": \"uuid, unique server UUID\"") != std::string::npos);
}

TEST_CASE("ekjson turns dots into underscores and writes one object per line", "[fields]") {
    std::string out;
    RecordListWriter list(out, OutputFormat::ekjson);
    TestLocation first{{1, 2}, std::nullopt};
    TestLocation second{{3, 4}, 5.0};
    list.add(location_schema(), first);
    list.add(location_schema(), second);
    list.finish();
    CHECK(out ==
          "{\"kismet_common_location_geopoint\": [1, 2]}\n"
          "{\"kismet_common_location_geopoint\": [3, 4],\"kismet_common_location_alt\": 5}\n");
}

TEST_CASE("ekjson keeps map keys as they are and only renames fields", "[fields]") {
    const std::string text = serialize_record(OutputFormat::ekjson, device_schema(), sample_client());
    CHECK(text.find("\"kismet_device_base_freq_khz_map\": {\"2412500.500000\": 1.250000,\"2437000\": 32}") !=
          std::string::npos);
    CHECK(text.find("\"dot11_device\": {\"dot11_device_typeset\": 4") != std::string::npos);
    CHECK(text.back() == '\n');
    CHECK(std::count(text.begin(), text.end(), '\n') == 1);
}

TEST_CASE("itjson splits lists by line and keeps dotted names", "[fields]") {
    std::string out;
    RecordListWriter list(out, OutputFormat::itjson);
    list.add(location_schema(), TestLocation{{1, 2}, std::nullopt});
    list.add(location_schema(), TestLocation{{3, 4}, std::nullopt});
    list.finish();
    CHECK(out == "{\"kismet.common.location.geopoint\": [1, 2]}\n{\"kismet.common.location.geopoint\": [3, 4]}\n");
}

TEST_CASE("json and tjson lists are arrays; tjson underscores names", "[fields]") {
    std::string json;
    RecordListWriter json_list(json, OutputFormat::json);
    json_list.add(location_schema(), TestLocation{{1, 2}, std::nullopt});
    json_list.add(location_schema(), TestLocation{{3, 4}, std::nullopt});
    json_list.finish();
    CHECK(json == "[{\"kismet.common.location.geopoint\": [1, 2]},{\"kismet.common.location.geopoint\": [3, 4]}]");

    std::string tjson;
    RecordListWriter tjson_list(tjson, OutputFormat::tjson);
    tjson_list.add(location_schema(), TestLocation{{1, 2}, std::nullopt});
    tjson_list.finish();
    CHECK(tjson == "[{\"kismet_common_location_geopoint\": [1, 2]}]");

    std::string empty;
    RecordListWriter empty_list(empty, OutputFormat::json);
    empty_list.finish();
    CHECK(empty == "[]");
}

TEST_CASE("a prettyjson list opens at depth one", "[fields]") {
    std::string out;
    RecordListWriter list(out, OutputFormat::prettyjson);
    list.add(location_schema(), TestLocation{{1, 2}, std::nullopt});
    list.finish();
    CHECK(out ==
          "\r\n [\r\n "
          "\r\n  {\r\n"
          "  \"description.kismet.common.location.geopoint\": \"pair[double, double], location (lon, lat)\",\r\n"
          "  \"kismet.common.location.geopoint\": [1, 2]\r\n  }"
          "\r\n ]");
}
