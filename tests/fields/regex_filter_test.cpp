// Regex filters: OR over terms, multifield expansion, which values match, and RE2's errors.
#include <catch2/catch.hpp>

#include "kismetcore/fields/regex_filter.h"
#include "test_records.h"

using namespace kismetcore::fields;
using namespace fields_test;

namespace {

RegexFilter filter_of(std::string_view json) {
    auto result = RegexFilter::parse(json, device_schema());
    INFO(result.error);
    REQUIRE(result.filter);
    return std::move(*result.filter);
}

}  // namespace

TEST_CASE("the REST document's SSID example expands the advertised SSID map", "[fields]") {
    const auto filter = filter_of(R"([
        ["dot11.device/dot11.device.advertised_ssid_map/dot11.advertisedssid.ssid", "^SomePrefix.*"],
        ["dot11.device/dot11.device.advertised_ssid_map/dot11.advertisedssid.ssid", "^linksys$"]])");
    CHECK(filter.matches(linksys_access_point()));
    CHECK_FALSE(filter.matches(sample_client()));
    auto renamed = linksys_access_point();
    renamed.dot11->advertised_ssid_map[0].second.ssid = "SomePrefixNet";
    CHECK(filter.matches(renamed));
    renamed.dot11->advertised_ssid_map[0].second.ssid = "xSomePrefix";
    CHECK_FALSE(filter.matches(renamed));
}

TEST_CASE("any term matching keeps the record (OR), and the search is unanchored", "[fields]") {
    const auto filter = filter_of(R"([["kismet.device.base.name", "nomatch"], ["kismet.device.base.type", "AP"]])");
    CHECK(filter.matches(linksys_access_point()));
    CHECK_FALSE(filter.matches(sample_client()));
    CHECK(filter_of("[]").matches(sample_client()));
}

TEST_CASE("MACs match as upper-case text, device keys, UUIDs and byte arrays as text", "[fields]") {
    CHECK(filter_of(R"([["kismet.device.base.macaddr", "^00:0B:86"]])").matches(linksys_access_point()));
    CHECK_FALSE(filter_of(R"([["kismet.device.base.macaddr", "^00:0b:86"]])").matches(linksys_access_point()));
    CHECK(filter_of(R"([["kismet.device.base.key", "_85A4C2860B00$"]])").matches(linksys_access_point()));
    CHECK(filter_of(R"([["kismet.server.uuid", "^C64F38FE-E697"]])").matches(sample_client()));
    // Through a MAC map of vectors of records, to a byte array printed as hex.
    CHECK(filter_of(R"([["dot11.device/dot11.device.wpa_handshake_list/dot11.eapol.nonce", "^98D284"]])")
              .matches(sample_client()));
    // Through a MAC map of records to a MAC.
    CHECK(filter_of(R"([["dot11.device/dot11.device.client_map/dot11.client.bssid", "BB:29$"]])")
              .matches(sample_client()));
}

TEST_CASE("numbers match only through a declared search text", "[fields]") {
    CHECK_FALSE(filter_of(R"([["kismet.device.base.packets.total", "283"]])").matches(sample_client()));
    CHECK(filter_of(R"([["kismet.alert.severity", "^HIGH$"]])").matches(sample_client()));
    CHECK_FALSE(filter_of(R"([["kismet.alert.severity", "LOW"]])").matches(sample_client()));
    ScalarValue severity;
    severity.type = FieldType::uint8;
    for (auto [level, text] : {std::pair{0, "INFO"}, {5, "LOW"}, {10, "MEDIUM"}, {15, "HIGH"}, {20, "CRITICAL"}}) {
        severity.unsigned_value = static_cast<std::uint64_t>(level);
        CHECK(alert_severity_search_text(severity) == text);
    }
}

TEST_CASE("containers at the end of a path and unknown paths never match", "[fields]") {
    CHECK_FALSE(filter_of(R"([["kismet.device.base.tags", "notes"]])").matches(sample_client()));
    CHECK_FALSE(filter_of(R"([["kismet.device.base.nonsense", ".*"]])").matches(sample_client()));
    CHECK(filter_of(R"([["kismet.device.base.commonname", "^00:13"]])").matches(sample_client()));
}

TEST_CASE("an invalid regex is an error that names it and RE2's reason", "[fields]") {
    auto result = RegexFilter::parse(R"j([["kismet.device.base.name", "^(linksys"]])j", device_schema());
    CHECK_FALSE(result.filter);
    CHECK(result.error == "Invalid regex: ^(linksys: missing ): ^(linksys");
    // PCRE lookaround is not RE2 syntax.
    auto lookahead = RegexFilter::parse(R"j([["kismet.device.base.name", "link(?=sys)"]])j", device_schema());
    CHECK_FALSE(lookahead.filter);
    CHECK(lookahead.error.rfind("Invalid regex: link(?=sys): ", 0) == 0);
    auto malformed = RegexFilter::parse(R"([["kismet.device.base.name"]])", device_schema());
    CHECK(malformed.error == "Invalid regex filter, expected [[field, regex], ...]");
}
