// WPS vendor element: big-endian attributes, the WPS 2.0 vendor extension, and attributes that do not fit.
#include <catch2/catch.hpp>

#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/information_elements.h"
#include "support/element_frames.h"

using namespace kismetcore;
using namespace kismetcore::dissect;
using craft::ElementBuilder;
using kismetcore::testing::parse_elements;

TEST_CASE("a WPS element decodes state, lock, methods, device strings and UUIDs", "[elements][wps]") {
    craft::WpsSpec spec;
    spec.state = wps_state::kConfigured;
    spec.ap_setup_locked = true;
    spec.config_methods = 0x2008;
    spec.device_name = "XiaoMiRouter";
    spec.manufacturer = "xiaomi";
    spec.model_name = "RA69";
    spec.model_number = "0002";
    spec.serial_number = "12345";
    spec.uuid_e = std::array<std::uint8_t, 16>{0xde, 0xad, 0xbe, 0xef};
    spec.uuid_r = std::array<std::uint8_t, 16>{0x01};
    spec.version2 = 0x20;
    const auto parsed = parse_elements(ElementBuilder{}.wps(spec).take());

    REQUIRE(parsed.wps());
    const auto& wps = *parsed.wps();
    CHECK_FALSE(wps.malformed);
    CHECK(wps.version == 0x10);
    CHECK(wps.configured());
    CHECK(wps.ap_setup_locked == true);
    CHECK(wps.config_methods == 0x2008);
    CHECK(wps.device_name->text() == "XiaoMiRouter");
    CHECK(wps.manufacturer->text() == "xiaomi");
    CHECK(wps.model_name->text() == "RA69");
    CHECK(wps.model_number->text() == "0002");
    CHECK(wps.serial_number->text() == "12345");
    REQUIRE(wps.uuid_e);
    CHECK(wps.uuid_e->size() == 16);
    CHECK((*wps.uuid_e)[0] == 0xde);
    CHECK(wps.uuid_r);
    CHECK(wps.version2 == 0x20);
    CHECK(wps.attribute_count == 12);
}

TEST_CASE("an unconfigured WPS AP without the optional attributes", "[elements][wps]") {
    craft::WpsSpec spec;
    spec.state = wps_state::kNotConfigured;
    const auto parsed = parse_elements(ElementBuilder{}.wps(spec).take());
    REQUIRE(parsed.wps());
    CHECK_FALSE(parsed.wps()->configured());
    CHECK(parsed.wps()->state == wps_state::kNotConfigured);
    CHECK_FALSE(parsed.wps()->ap_setup_locked);
    CHECK_FALSE(parsed.wps()->device_name);
    CHECK_FALSE(parsed.wps()->version2);
}

TEST_CASE("an empty WPS text attribute is present and empty", "[elements][wps]") {
    craft::WpsSpec spec;
    spec.device_name = "";
    const auto parsed = parse_elements(ElementBuilder{}.wps(spec).take());
    REQUIRE(parsed.wps()->device_name);
    CHECK(parsed.wps()->device_name->text().empty());
}

TEST_CASE("a WPS attribute running past the element is malformed, earlier attributes stay", "[elements][wps]") {
    // Version 0x10, then a Device Name attribute claiming 32 octets with 3 present.
    const std::vector<std::uint8_t> body{0x10, 0x4a, 0x00, 0x01, 0x10, 0x10, 0x11, 0x00, 0x20, 'a', 'b', 'c'};
    ElementBuilder builder;
    builder.vendor(oui::kMicrosoft, vendor_type::kWps, body).ds_channel(6);
    const auto parsed = parse_elements(builder.bytes());
    REQUIRE(parsed.wps());
    CHECK(parsed.wps()->malformed);
    CHECK(parsed.wps()->version == 0x10);
    CHECK_FALSE(parsed.wps()->device_name);
    CHECK(parsed.ds_channel() == 6);
    CHECK(parsed.malformed_count() == 1);
}

TEST_CASE("a fixed-size WPS attribute of the wrong size is malformed", "[elements][wps]") {
    craft::WpsSpec spec;
    spec.extra_attributes = {{wps_attribute::kUuidE, {1, 2, 3}}};
    CHECK(parse_elements(ElementBuilder{}.wps(spec).take()).wps()->malformed);

    craft::WpsSpec state;
    state.state.reset();
    state.extra_attributes = {{wps_attribute::kWpsState, {2, 2}}};
    CHECK(parse_elements(ElementBuilder{}.wps(state).take()).wps()->malformed);
}

TEST_CASE("unknown WPS attributes are skipped", "[elements][wps]") {
    craft::WpsSpec spec;
    spec.extra_attributes = {{0x1234, {9, 9, 9}}};
    spec.device_name = "router";
    const auto parsed = parse_elements(ElementBuilder{}.wps(spec).take());
    CHECK_FALSE(parsed.wps()->malformed);
    CHECK(parsed.wps()->device_name->text() == "router");
}

TEST_CASE("a WPS attribute set split over two vendor elements is gathered into one", "[elements][wps]") {
    // 00-50-F2 type 4, then Wi-Fi Protected Setup State = configured; the second piece holds Device Name "ap".
    const std::vector<std::uint8_t> first{0x00, 0x50, 0xf2, 0x04, 0x10, 0x44, 0x00, 0x01, 0x02};
    const std::vector<std::uint8_t> second{0x00, 0x50, 0xf2, 0x04, 0x10, 0x11, 0x00, 0x02, 'a', 'p'};
    ElementBuilder builder;
    builder.raw(element_id::kVendorSpecific, first).ds_channel(1).raw(element_id::kVendorSpecific, second);
    for (const bool validate_first : {false, true}) {
        const auto parsed = parse_elements(builder.bytes());
        if (validate_first) CHECK(parsed.malformed_count() == 0);
        REQUIRE(parsed.wps());
        CHECK(parsed.wps()->configured());
        REQUIRE(parsed.wps()->device_name);
        CHECK(parsed.wps()->device_name->text() == "ap");
        CHECK(parsed.wps()->attribute_count == 2);
        CHECK(parsed.malformed_count() == 0);
        CHECK(parsed.duplicate_count() == 0);
    }
}
