// Vendor elements: WMM information, parameters and TSPEC, P2P, OWE transition, DroneID, Cisco client MFP.
#include <catch2/catch.hpp>

#include <type_traits>

#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/information_elements.h"
#include "support/element_frames.h"

using namespace kismetcore;
using namespace kismetcore::dissect;
using craft::ElementBuilder;
using kismetcore::testing::parse_elements;

namespace {

// The EDCA parameters most APs send (best effort, background, video, voice).
constexpr std::array<WmmAcParameters, 4> kDefaultEdca{
    {{0x03, 0xa4, 0}, {0x27, 0xa4, 0}, {0x42, 0x43, 94}, {0x62, 0x32, 47}}};

}  // namespace

TEST_CASE("a WMM parameter element decodes QoS info and the four AC records", "[elements][wmm]") {
    const auto parsed = parse_elements(ElementBuilder{}.wmm_parameters(0x81, kDefaultEdca).take());
    REQUIRE(parsed.wmm());
    const auto& wmm = *parsed.wmm();
    CHECK_FALSE(wmm.malformed);
    CHECK(wmm.subtype == wmm_subtype::kParameter);
    CHECK(wmm.version == 1);
    CHECK(wmm.element_length == 24);
    CHECK(wmm.uapsd());
    CHECK(wmm.parameter_set_count() == 1);
    REQUIRE(wmm.has_ac_parameters);
    CHECK(wmm.ac_parameters[0].aci() == 0);
    CHECK(wmm.ac_parameters[0].aifsn() == 3);
    CHECK(wmm.ac_parameters[0].ecw_min() == 4);
    CHECK(wmm.ac_parameters[0].ecw_max() == 10);
    CHECK(wmm.ac_parameters[1].aifsn() == 7);
    CHECK(wmm.ac_parameters[2].txop_limit == 94);
    CHECK(wmm.ac_parameters[3].aci() == 3);
    CHECK(wmm.ac_parameters[3].txop_limit == 47);
}

TEST_CASE("a WMM information element has QoS info only", "[elements][wmm]") {
    const auto parsed = parse_elements(ElementBuilder{}.wmm_information(0x0f).take());
    REQUIRE(parsed.wmm());
    CHECK(parsed.wmm()->subtype == wmm_subtype::kInformation);
    CHECK(parsed.wmm()->qos_info == 0x0f);
    CHECK_FALSE(parsed.wmm()->has_ac_parameters);
    CHECK(parsed.wmm()->element_length == 7);
}

TEST_CASE("a WMM parameter element cut inside its AC records is malformed", "[elements][wmm]") {
    const std::vector<std::uint8_t> body{wmm_subtype::kParameter, 1, 0x81, 0, 0x03, 0xa4, 0, 0, 0x27};
    const auto parsed = parse_elements(ElementBuilder{}.vendor(oui::kMicrosoft, vendor_type::kWmm, body).take());
    CHECK(parsed.wmm()->malformed);
    CHECK_FALSE(parsed.wmm()->has_ac_parameters);
}

TEST_CASE("WMM TSPEC elements decode and are all counted", "[elements][wmm]") {
    WmmTspecElement tspec;
    tspec.version = 1;
    tspec.ts_info = {0x61, 0x28, 0x00};  // TID 0, bidirectional, UP 5
    tspec.nominal_msdu_size = 208;
    tspec.mean_data_rate = 64000;
    tspec.minimum_phy_rate = 6000000;
    tspec.surplus_bandwidth_allowance = 0x2000;
    tspec.medium_time = 0;
    ElementBuilder builder;
    for (int i = 0; i < 5; ++i) builder.wmm_tspec(tspec);
    const auto parsed = parse_elements(builder.bytes());

    CHECK(parsed.wmm_tspec_count() == 5);
    CHECK_FALSE(parsed.wmm());
    REQUIRE(parsed.wmm_tspec());
    CHECK_FALSE(parsed.wmm_tspec()->malformed);
    CHECK(parsed.wmm_tspec()->direction() == 3);
    CHECK(parsed.wmm_tspec()->user_priority() == 5);
    CHECK(parsed.wmm_tspec()->nominal_msdu_size == 208);
    CHECK(parsed.wmm_tspec()->mean_data_rate == 64000);
    CHECK(parsed.wmm_tspec()->minimum_phy_rate == 6000000);
    CHECK(parsed.wmm_tspec()->surplus_bandwidth_allowance == 0x2000);
    CHECK(parsed.vendors().size() == 5);
}

TEST_CASE("P2P, OWE transition, DroneID and Cisco client MFP vendor elements", "[elements][vendor]") {
    const auto bssid = *MacAddress::parse("02:11:22:33:44:55");
    const std::array<std::uint8_t, 4> drone{0x58, 0x62, 0x13, 0x10};
    ElementBuilder builder;
    builder.p2p()
        .owe_transition(bssid, "hidden-owe", std::pair<std::uint8_t, std::uint8_t>{81, 6})
        .dji_droneid(drone)
        .cisco_client_mfp(true);
    const auto parsed = parse_elements(builder.bytes());

    CHECK(parsed.p2p());
    REQUIRE(parsed.owe_transition());
    CHECK(parsed.owe_transition()->bssid == bssid);
    CHECK(std::string_view(reinterpret_cast<const char*>(parsed.owe_transition()->ssid.data()),
                           parsed.owe_transition()->ssid.size()) == "hidden-owe");
    CHECK(parsed.owe_transition()->operating_class == 81);
    CHECK(parsed.owe_transition()->channel == 6);
    CHECK(parsed.dji_droneid());
    CHECK(parsed.cisco_client_mfp() == true);
    REQUIRE(parsed.vendors().size() == 4);
    CHECK(parsed.vendors()[2].oui == oui::kDjiDroneId);
    CHECK(parsed.malformed_count() == 0);
}

TEST_CASE("a vendor element shorter than its OUI is malformed; one without a type is listed", "[elements][vendor]") {
    ElementBuilder builder;
    builder.raw(element_id::kVendorSpecific, {0x00, 0x50}).raw(element_id::kVendorSpecific, {0x00, 0x10, 0x18});
    const auto parsed = parse_elements(builder.bytes());
    CHECK(parsed.malformed_count() == 1);
    REQUIRE(parsed.vendors().size() == 1);
    CHECK(parsed.vendors()[0].oui == 0x001018);
    CHECK_FALSE(parsed.vendors()[0].type);
}

TEST_CASE("an OWE transition element cut before its SSID is malformed", "[elements][vendor]") {
    const std::vector<std::uint8_t> body{2, 0x11, 0x22, 0x33, 0x44, 0x55, 8, 'a'};
    const auto parsed =
        parse_elements(ElementBuilder{}.vendor(oui::kWifiAlliance, vendor_type::kOweTransition, body).take());
    CHECK(parsed.owe_transition()->malformed);
}

TEST_CASE("more vendor elements than the list holds set its overflow flag", "[elements][vendor]") {
    ElementBuilder builder;
    for (int i = 0; i < 30; ++i) builder.vendor(0x001122, static_cast<std::uint8_t>(i));
    const auto parsed = parse_elements(builder.bytes());
    CHECK(parsed.vendors().size() == std::remove_cvref_t<decltype(parsed.vendors())>::kCapacity);
    CHECK(parsed.vendors().overflow);
    CHECK(parsed.element_count() == 30);
    CHECK(parsed.tags().size() == 30);
}
