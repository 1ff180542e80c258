// Type deduction from members, Kismet's type strings, the catalog and the tracked-fields table.
#include <catch2/catch.hpp>

#include "kismetcore/fields/field_catalog.h"
#include "kismetcore/fields/tracked_fields_table.h"
#include "test_records.h"

using namespace kismetcore::fields;
using namespace fields_test;

namespace {

FieldType type_of(const RecordSchema& schema, std::string_view name) {
    const auto* field = schema.find(name);
    REQUIRE(field != nullptr);
    return field->type();
}

struct Twice {
    int value = 0;
};

}  // namespace

TEST_CASE("field types are deduced from members and print Kismet's type strings", "[fields]") {
    const auto& device = device_schema();
    const std::pair<std::string_view, std::string_view> expected[] = {
        {"kismet.device.base.key", "devicekey"},
        {"kismet.device.base.macaddr", "mac_addr"},
        {"kismet.device.base.name", "string"},
        {"kismet.device.base.packets.total", "uint64_t"},
        {"kismet.device.base.frequency", "double"},
        {"kismet.device.base.freq_khz_map", "map[double,double]"},
        {"kismet.device.base.tags", "map[string, x]"},
        {"kismet.device.base.related_devices", "map[string, x]"},
        {"kismet.device.base.location", "map[field, x]"},
        {"kismet.common.rrd.minute_vec", "vector[double]"},
        {"kismet.server.uuid", "uuid"},
        {"kismet.common.ipdata.address", "ipv4"},
        {"dot11.advertisedssid.ie_tag_list", "vector[x]"},
        {"test.hashed_names", "map[size_t, x]"},
        {"test.seen_by_number", "map[int, x]"},
        {"kismet.alert.severity", "uint8_t"},
    };
    for (const auto& [name, type] : expected) CHECK(kismet_type_name(type_of(device, name)) == type);
    CHECK(kismet_type_name(type_of(dot11_schema(), "dot11.device.associated_client_map")) == "map[macaddr, x]");
    CHECK(kismet_type_name(type_of(dot11_schema(), "dot11.device.advertised_ssid_map")) == "map[size_t, x]");
    CHECK(kismet_type_name(type_of(dot11_schema(), "dot11.device.num_advertised_ssids")) == "uint64_t");
    CHECK(kismet_type_name(type_of(eapol_schema(), "dot11.eapol.nonce")) == "bytearray");
    CHECK(kismet_type_name(type_of(location_schema(), "kismet.common.location.geopoint")) == "pair[double, double]");
    CHECK(kismet_type_name(FieldType::summary) == "vector-as-map");
}

TEST_CASE("optional, pointer-held and computed-optional fields are dynamic", "[fields]") {
    CHECK(device_schema().find("kismet.device.base.username")->dynamic);
    CHECK(device_schema().find("kismet.device.base.tags")->dynamic);
    CHECK(device_schema().find("dot11.device")->dynamic);
    CHECK_FALSE(device_schema().find("kismet.device.base.name")->dynamic);
    CHECK(ssid_schema().find("dot11.advertisedssid.wps_manuf")->dynamic);
    CHECK(dot11_schema().find("dot11.device.last_beaconed_ssid_record")->dynamic);
}

TEST_CASE("a field name declared twice or a record without its schema is refused", "[fields]") {
    CHECK_THROWS_AS(RecordSchemaBuilder<Twice>("twice")
                        .field<&Twice::value>("test.value", "a")
                        .field<&Twice::value>("test.value", "b"),
                    std::logic_error);
    CHECK_THROWS_AS(RecordSchemaBuilder<TestDevice>("bad").field<&TestDevice::location>("test.location", "no schema"),
                    std::logic_error);
    CHECK_THROWS_AS(
        RecordSchemaBuilder<TestDevice>("bad").record<&TestDevice::location>("test.location", "wrong", ssid_schema()),
        std::logic_error);
}

TEST_CASE("the catalog registers every reachable name once, in order", "[fields]") {
    const auto& catalog = device_catalog();
    REQUIRE(catalog.find("kismet.device.base.key") != nullptr);
    CHECK(catalog.find("kismet.device.base.key")->id == 1);
    CHECK(catalog.is_registered("dot11.eapol.nonce"));               // map of vectors of records
    CHECK(catalog.is_registered("dot11.advertisedssid.wps_manuf"));  // through a hashkey map
    CHECK(catalog.is_registered("kismet.common.location.alt"));
    CHECK_FALSE(catalog.is_registered("kismet.device.base.nonsense"));
    // dot11.advertisedssid.ie_tag_list is declared on the device here; it is counted once.
    std::size_t fields = device_schema().fields().size() + dot11_schema().fields().size() +
                         ssid_schema().fields().size() + client_schema().fields().size() +
                         eapol_schema().fields().size() + location_schema().fields().size();
    CHECK(catalog.entries().size() == fields);
    for (std::size_t i = 0; i < catalog.entries().size(); ++i) CHECK(catalog.entries()[i].id == i + 1);
}

TEST_CASE("the tracked-fields page lists name, id, type/signature and description", "[fields]") {
    const std::string html = tracked_fields_html(device_catalog());
    CHECK(html.rfind("<html><head><title>Kismet Server - Tracked Fields</title></head><body>"
                     "<h2>Kismet field descriptions</h2><table padding=\"5\">"
                     "<tr><td><b>Name</b></td><td><b>ID</b></td><td><b>Type</b></td><td><b>Description</b></td></tr>"
                     "<tr><td>kismet.device.base.key</td><td>1</td><td>devicekey/20</td>"
                     "<td>unique device key across phy and server</td></tr>",
                     0) == 0);
    CHECK(html.find("<tr><td>kismet.device.base.macaddr</td><td>2</td><td>mac_addr/11</td><td>mac address</td></tr>") !=
          std::string::npos);
    const auto signature = std::to_string(kismetcore::kismet_phy_hash("kis_tracked_location_triplet"));
    CHECK(html.find("<td>kismet.device.base.location</td><td>13</td><td>map[field, x]/" + signature + "</td>") !=
          std::string::npos);
    CHECK(html.substr(html.size() - 22) == "</table></body></html>");
}
