// The on-demand decoding of InformationElements: every accessor answers as one eager walk would, in any order.
#include <catch2/catch.hpp>

#include <string_view>
#include <vector>

#include "capture/allocation_counter.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/information_elements.h"

using namespace kismetcore;
using namespace kismetcore::dissect;
using craft::ElementBuilder;

TEST_CASE("a DS Parameter Set of the wrong length gives way to a later well-formed one", "[elements][lazy]") {
    const auto bytes = ElementBuilder()
                           .raw(element_id::kDsParameterSet, {1, 2})
                           .ds_channel(6)
                           .ds_channel(11)  // a duplicate of the well-formed one
                           .raw(element_id::kPowerConstraint, {})
                           .take();
    InformationElements ie;
    REQUIRE(parse_information_elements(bytes, ie).ok());
    CHECK(ie.ds_channel() == 6);
    CHECK_FALSE(ie.power_constraint());
    CHECK(ie.duplicate_count() == 1);
    REQUIRE(ie.malformed_count() == 2);
    CHECK(ie.malformed()[0].offset == 0);
    CHECK(std::string_view(ie.malformed()[0].reason) == "DS parameter set not 1 octet");
    CHECK(ie.malformed()[1].offset == 10);
    CHECK(std::string_view(ie.malformed()[1].reason) == "power constraint not 1 octet");
}

TEST_CASE("vendor accessors agree whichever is read first", "[elements][lazy]") {
    const auto bytes = ElementBuilder()
                           .ssid("shop")
                           .vendor(0x001122, 7)
                           .wpa({})
                           .vendor(oui::kWifiAlliance, vendor_type::kP2p)
                           .wpa({})  // a duplicate singleton
                           .wmm_tspec({})
                           .wmm_tspec({})
                           .take();
    const auto check = [](const InformationElements& ie) {
        CHECK(ie.wpa());
        CHECK(ie.p2p());
        CHECK(ie.wmm_tspec_count() == 2);
        REQUIRE(ie.vendors().size() == 6);
        CHECK(ie.vendors()[0].oui == 0x001122);
        CHECK(ie.vendors()[0].type == 7);
        CHECK(ie.has_vendor(oui::kWifiAlliance, vendor_type::kP2p));
        CHECK(ie.tags().size() == 7);
        CHECK(ie.element_count() == 7);
        CHECK(ie.duplicate_count() == 1);
        CHECK(ie.malformed_count() == 0);
    };
    InformationElements list_first, flags_first, census_first;
    REQUIRE(parse_information_elements(bytes, list_first).ok());
    CHECK(list_first.vendors().size() == 6);
    check(list_first);
    REQUIRE(parse_information_elements(bytes, flags_first).ok());
    CHECK(flags_first.p2p());
    check(flags_first);
    REQUIRE(parse_information_elements(bytes, census_first).ok());
    CHECK(census_first.duplicate_count() == 1);
    check(census_first);
}

TEST_CASE("a list without vendor elements answers the vendor accessors empty", "[elements][lazy]") {
    const auto with_vendors = ElementBuilder().wpa({}).vendor(oui::kWifiAlliance, vendor_type::kP2p).take();
    const auto without = ElementBuilder().ssid("plain").take();
    InformationElements ie;
    REQUIRE(parse_information_elements(with_vendors, ie).ok());
    REQUIRE(ie.wpa());
    REQUIRE(ie.vendors().size() == 2);
    REQUIRE(parse_information_elements(without, ie).ok());
    CHECK_FALSE(ie.wpa());
    CHECK_FALSE(ie.p2p());
    CHECK(ie.vendors().empty());
    CHECK(ie.tags().size() == 1);
    CHECK_FALSE(ie.has_tag(element_id::kVendorSpecific));
}

TEST_CASE("walking elements and reading every accessor allocates nothing", "[elements][lazy]") {
    const auto bytes = ElementBuilder()
                           .ssid("alloc")
                           .supported_rates({ElementBuilder::basic_rate(1)})
                           .ds_channel(1)
                           .country("US", ' ', {{1, 11, 30}})
                           .rsn({})
                           .wpa({})
                           .wmm_information(0)
                           .wps({})
                           .ht_operation({})
                           .he_operation({})
                           .vendor(oui::kWifiAlliance, vendor_type::kP2p)
                           .raw(element_id::kSsid, {'x'})
                           .take();
    InformationElements ie;
    REQUIRE(parse_information_elements(bytes, ie).ok());  // warm-up
    std::size_t allocations = 0;
    std::size_t answers = 0;
    {
        kismetcore::testing::AllocationCounter counter;
        for (int round = 0; round < 3; ++round) {
            REQUIRE(parse_information_elements(bytes, ie).ok());
            answers += ie.ssid().bytes.size() + ie.country().has_value() + ie.rsn().has_value() + ie.wpa().has_value() +
                       ie.wmm().has_value() + ie.wps().has_value() + ie.ht_operation().has_value() +
                       ie.he_operation().has_value() + ie.p2p() + ie.vendors().size() + ie.tags().size() +
                       ie.duplicate_count() + ie.malformed_count() + (operating_channel_width(ie) ? 1u : 0u);
        }
        allocations = counter.allocations();
    }
    CHECK(answers > 0);
    if (!kismetcore::testing::AllocationCounter::available()) WARN("allocations are not counted in sanitizer builds");
    CHECK(allocations == 0);
}

TEST_CASE("the walk tells which located kinds repeat and where the first of each is", "[elements][lazy]") {
    const auto bytes = ElementBuilder()
                           .ssid("shop")
                           .supported_rates({0x82, 0x84})
                           .ds_channel(6)
                           .raw(element_id::kNeighborReport, {1, 2, 3})
                           .raw(element_id::kNeighborReport, {4})
                           .raw(element_id::kRsn, {1, 0})
                           .raw(200, {})  // an ID of no kind twice: not a located kind, never "repeated"
                           .raw(200, {})
                           .take();
    InformationElements ie;
    REQUIRE(parse_information_elements(bytes, ie).ok());
    CHECK_FALSE(ie.repeated(InformationElements::kSsid));
    CHECK_FALSE(ie.repeated(InformationElements::kDsChannel));
    CHECK(ie.repeated(InformationElements::kNeighborReport));
    const auto ssid = ie.first_body(InformationElements::kSsid);
    REQUIRE(ssid);
    CHECK(std::string_view(reinterpret_cast<const char*>(ssid->data()), ssid->size()) == "shop");
    const auto report = ie.first_body(InformationElements::kNeighborReport);
    REQUIRE(report);
    CHECK(std::vector<std::uint8_t>(report->begin(), report->end()) == std::vector<std::uint8_t>{1, 2, 3});
    CHECK(ie.first_body(InformationElements::kRsn)->size() == 2);
    CHECK_FALSE(ie.first_body(InformationElements::kCountry));
    // The Neighbor Report is only located: the census neither decodes it nor counts the second as a duplicate.
    CHECK(ie.duplicate_count() == 0);
    CHECK(ie.ds_channel() == 6);

    REQUIRE(parse_information_elements(ElementBuilder().ds_channel(1).ds_channel(2).take(), ie).ok());
    CHECK(ie.repeated(InformationElements::kDsChannel));
    CHECK_FALSE(ie.repeated(InformationElements::kNeighborReport));  // nothing kept from the last walk
    CHECK_FALSE(ie.first_body(InformationElements::kNeighborReport));
}

TEST_CASE("the vendor index gives the longest WMM element, TSPECs included", "[elements][lazy]") {
    InformationElements ie;
    REQUIRE(parse_information_elements(ElementBuilder().ssid("x").take(), ie).ok());
    CHECK(ie.longest_wmm_body() == 0);
    const auto bytes = ElementBuilder()
                           .vendor(oui::kMicrosoft, vendor_type::kWmm, std::vector<std::uint8_t>(20, 0))
                           .vendor(0x001122, vendor_type::kWmm, std::vector<std::uint8_t>(40, 0))  // not Microsoft
                           .wmm_tspec({})
                           .take();
    REQUIRE(parse_information_elements(bytes, ie).ok());
    CHECK(ie.longest_wmm_body() == 61);  // a TSPEC's body: OUI, type, subtype, version and 55 octets
}
