// RSN and WPA elements: every field, optional tails, and counts that run past the element.
#include <catch2/catch.hpp>

#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/information_elements.h"
#include "support/element_frames.h"

using namespace kismetcore;
using namespace kismetcore::dissect;
using craft::ElementBuilder;
using craft::rsn_suite;
using craft::wpa_suite;
using kismetcore::testing::parse_elements;

TEST_CASE("an RSN element decodes ciphers, AKMs, capabilities, PMKIDs and the group management cipher",
          "[elements][rsn]") {
    craft::RsnSpec spec;
    spec.group_cipher = rsn_suite(cipher::kCcmp128);
    spec.pairwise_ciphers = {rsn_suite(cipher::kCcmp128), rsn_suite(cipher::kGcmp256)};
    spec.akm_suites = {rsn_suite(akm::kPsk), rsn_suite(akm::kSae)};
    spec.capabilities = 0x00cc;  // MFPR, MFPC, 16 PTKSA replay counters
    spec.pmkids = {std::array<std::uint8_t, 16>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}};
    spec.group_management_cipher = rsn_suite(cipher::kBipCmac128);
    const auto parsed = parse_elements(ElementBuilder{}.rsn(spec).take());

    REQUIRE(parsed.rsn());
    const auto& rsn = *parsed.rsn();
    CHECK_FALSE(rsn.malformed);
    CHECK(rsn.version == 1);
    CHECK(rsn.group_cipher == rsn_suite(cipher::kCcmp128));
    CHECK(rsn.pairwise_count == 2);
    CHECK(rsn.has_pairwise(rsn_suite(cipher::kGcmp256)));
    CHECK(rsn.akm_count == 2);
    CHECK(rsn.has_akm(rsn_suite(akm::kSae)));
    CHECK(rsn.mfp_required());
    CHECK(rsn.mfp_capable());
    CHECK(rsn.ptksa_replay_counters() == 16);
    CHECK_FALSE(rsn.preauthentication());
    REQUIRE(rsn.pmkid_count == 1);
    REQUIRE(rsn.pmkids.size() == 1);
    CHECK(rsn.pmkids[0].size() == 16);
    CHECK(rsn.pmkids[0][15] == 16);
    CHECK(rsn.group_management_cipher == rsn_suite(cipher::kBipCmac128));
}

TEST_CASE("an RSN element may stop after any whole field", "[elements][rsn]") {
    SECTION("version only") {
        const auto parsed = parse_elements(ElementBuilder{}.raw(element_id::kRsn, {1, 0}).take());
        REQUIRE(parsed.rsn());
        CHECK_FALSE(parsed.rsn()->malformed);
        CHECK_FALSE(parsed.rsn()->group_cipher);
    }
    SECTION("up to the group cipher") {
        const auto parsed = parse_elements(ElementBuilder{}.raw(element_id::kRsn, {1, 0, 0x00, 0x0f, 0xac, 4}).take());
        CHECK_FALSE(parsed.rsn()->malformed);
        CHECK(parsed.rsn()->group_cipher == rsn_suite(cipher::kCcmp128));
        CHECK(parsed.rsn()->pairwise_ciphers.empty());
    }
    SECTION("without capabilities") {
        craft::RsnSpec spec;
        spec.capabilities.reset();
        const auto parsed = parse_elements(ElementBuilder{}.rsn(spec).take());
        CHECK_FALSE(parsed.rsn()->malformed);
        CHECK_FALSE(parsed.rsn()->capabilities);
        CHECK_FALSE(parsed.rsn()->mfp_capable());
    }
}

TEST_CASE("an RSN element cut inside a field is malformed", "[elements][rsn]") {
    const std::vector<std::uint8_t> whole = ElementBuilder{}.rsn({}).take();  // 20-octet body
    for (std::size_t body = 0; body < 20; ++body) {
        // Whole-field ends: after version (2), group (6), pairwise list (12), AKM list (18).
        const bool clean = body == 2 || body == 6 || body == 12 || body == 18;
        std::vector<std::uint8_t> cut(whole.begin() + 2, whole.begin() + 2 + static_cast<std::ptrdiff_t>(body));
        const auto parsed = parse_elements(ElementBuilder{}.raw(element_id::kRsn, cut).take());
        INFO("body length " << body);
        REQUIRE(parsed.rsn());
        CHECK(parsed.rsn()->malformed == !clean);
    }
}

TEST_CASE("an RSN suite count past its length is malformed, and the following elements still parse",
          "[elements][rsn]") {
    craft::RsnSpec spec;
    spec.pairwise_count_sent = 5;  // one pairwise suite is present, and 12 more octets
    ElementBuilder builder;
    builder.ssid("ROUTE-821E295").rsn(spec).ds_channel(1).ht_operation({});
    const auto parsed = parse_elements(builder.bytes());

    CHECK(parsed.ssid().text() == "ROUTE-821E295");
    REQUIRE(parsed.rsn());
    CHECK(parsed.rsn()->malformed);
    CHECK(std::string_view(parsed.rsn()->malformed_reason) == "pairwise cipher suite count runs past the element");
    CHECK(parsed.rsn()->pairwise_count == 5);
    CHECK(parsed.ds_channel() == 1);
    CHECK(parsed.ht_operation());
    REQUIRE(parsed.malformed_count() == 1);
    CHECK(parsed.malformed()[0].tag.number == element_id::kRsn);
}

TEST_CASE("a huge pairwise count (CVE-2017-9714) is kept as sent for the alert", "[elements][rsn]") {
    craft::RsnSpec spec;
    spec.pairwise_count_sent = 0xffff;
    const auto parsed = parse_elements(ElementBuilder{}.rsn(spec).take());
    CHECK(parsed.rsn()->malformed);
    CHECK(parsed.rsn()->pairwise_count == 0xffff);
}

TEST_CASE("an RSN AKM count past its length is malformed", "[elements][rsn]") {
    craft::RsnSpec spec;
    spec.akm_count_sent = 2;
    spec.capabilities.reset();
    const auto parsed = parse_elements(ElementBuilder{}.rsn(spec).take());
    CHECK(parsed.rsn()->malformed);
    CHECK(parsed.rsn()->akm_suites.size() == 1);
}

TEST_CASE("an RSN element of another version is malformed", "[elements][rsn]") {
    craft::RsnSpec spec;
    spec.version = 2;
    CHECK(parse_elements(ElementBuilder{}.rsn(spec).take()).rsn()->malformed);
}

TEST_CASE("more suites than the list holds overflow without making the element malformed", "[elements][rsn]") {
    craft::RsnSpec spec;
    spec.pairwise_ciphers.assign(10, rsn_suite(cipher::kCcmp128));
    const auto parsed = parse_elements(ElementBuilder{}.rsn(spec).take());
    CHECK_FALSE(parsed.rsn()->malformed);
    CHECK(parsed.rsn()->pairwise_count == 10);
    CHECK(parsed.rsn()->pairwise_ciphers.size() == 8);
    CHECK(parsed.rsn()->pairwise_ciphers.overflow);
    CHECK(parsed.rsn()->has_akm(rsn_suite(akm::kPsk)));  // the AKM list after the long list was still read
}

TEST_CASE("the WPA vendor element has the RSN layout with 00-50-F2 suites", "[elements][rsn]") {
    craft::WpaSpec spec;
    spec.pairwise_ciphers = {wpa_suite(cipher::kTkip), wpa_suite(cipher::kCcmp128)};
    const auto parsed = parse_elements(ElementBuilder{}.wpa(spec).take());
    REQUIRE(parsed.wpa());
    CHECK_FALSE(parsed.wpa()->malformed);
    CHECK(parsed.wpa()->version == 1);
    CHECK(parsed.wpa()->group_cipher == wpa_suite(cipher::kTkip));
    CHECK(parsed.wpa()->pairwise_ciphers.size() == 2);
    CHECK(parsed.wpa()->has_akm(wpa_suite(akm::kPsk)));
    CHECK_FALSE(parsed.rsn());
    CHECK(parsed.has_vendor(oui::kMicrosoft, vendor_type::kWpa));

    const auto cut = parse_elements(
        ElementBuilder{}.vendor(oui::kMicrosoft, vendor_type::kWpa, std::array<std::uint8_t, 3>{1, 0, 0}).take());
    CHECK(cut.wpa()->malformed);
}
