// The views' free-text search over a field list.
#include <catch2/catch.hpp>

#include "kismetcore/fields/text_search.h"
#include "test_records.h"

using namespace kismetcore::fields;
using namespace fields_test;

namespace {

FieldSpec view_fields() {
    auto result = FieldSpec::parse(
        R"(["kismet.device.base.macaddr", "kismet.device.base.name", "kismet.device.base.packets.total",
            ["dot11.device/dot11.device.last_beaconed_ssid_record/dot11.advertisedssid.ssid", "ssid"]])",
        device_schema(), device_catalog());
    REQUIRE(result.spec);
    return std::move(*result.spec);
}

}  // namespace

TEST_CASE("free-text search is a case-insensitive substring over the view's fields", "[fields]") {
    const auto fields = view_fields();
    CHECK(TextSearch("LINK", fields).matches(linksys_access_point()));
    CHECK(TextSearch("sys", fields).matches(linksys_access_point()));
    CHECK_FALSE(TextSearch("linksys", fields).matches(sample_client()));
    CHECK_FALSE(TextSearch("109", fields).matches(linksys_access_point()));  // numbers are not text
    CHECK(TextSearch("", fields).matches(sample_client()));
}

TEST_CASE("MAC fields match a partial MAC in any separator style", "[fields]") {
    const auto fields = view_fields();
    for (const char* term : {"0b:86", "0B86", "0b-86-c2", "C2:A4:85", "00:0B:86:C2:A4:85"})
        CHECK(TextSearch(term, fields).matches(linksys_access_point()));
    CHECK_FALSE(TextSearch("86:0b", fields).matches(linksys_access_point()));
    CHECK_FALSE(TextSearch("ce:55", fields).matches(linksys_access_point()));
    CHECK(TextSearch("ce:55", fields).matches(sample_client()));
}
