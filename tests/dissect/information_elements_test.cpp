// The element walk: each element decodes, SSID edge cases, truncation stops the walk, malformed bodies do not.
#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/information_elements.h"
#include "support/element_frames.h"

using namespace kismetcore;
using namespace kismetcore::dissect;
using craft::ElementBuilder;
using kismetcore::testing::bytes_of;
using kismetcore::testing::parse_elements;

namespace {

// A typical 2.4 GHz beacon's elements up to the RSN element.
std::vector<std::uint8_t> typical_beacon_elements() {
    ElementBuilder builder;
    builder.ssid("linksys")
        .supported_rates({ElementBuilder::basic_rate(1), ElementBuilder::basic_rate(2), ElementBuilder::basic_rate(5.5),
                          ElementBuilder::basic_rate(11), ElementBuilder::rate(6), ElementBuilder::rate(9),
                          ElementBuilder::rate(12), ElementBuilder::rate(18)})
        .ds_channel(6)
        .tim(0, 3)
        .country("US", ' ', {{1, 11, 30}})
        .extended_rates(
            {ElementBuilder::rate(24), ElementBuilder::rate(36), ElementBuilder::rate(48), ElementBuilder::rate(54)})
        .rsn({});
    return builder.take();
}

}  // namespace

TEST_CASE("a typical beacon's elements decode in one walk", "[elements]") {
    const auto elements = typical_beacon_elements();
    const auto parsed = parse_elements(elements);

    CHECK(parsed.ssid().present);
    CHECK(parsed.ssid().text() == "linksys");
    CHECK_FALSE(parsed.ssid().hidden);
    CHECK(parsed.ds_channel() == 6);
    REQUIRE(parsed.tim());
    CHECK(parsed.tim()->dtim_period == 3);
    REQUIRE(parsed.country());
    CHECK(parsed.country()->country_code() == "US");
    CHECK(parsed.rsn());
    CHECK(parsed.element_count() == 7);
    CHECK(parsed.malformed_count() == 0);
    CHECK(parsed.raw().size() == elements.size());
}

TEST_CASE("the tag list keeps every element in order, with extension IDs and vendor OUIs", "[elements]") {
    const std::array<std::uint8_t, 2> payload{0xaa, 0xbb};
    ElementBuilder builder;
    builder.ssid("x")
        .ds_channel(1)
        .extension(extension_id::kHeOperation, std::array<std::uint8_t, 6>{})
        .vendor(0x00156D, 0x00, payload)
        .raw(59, {81, 81});
    const auto parsed = parse_elements(builder.bytes());

    REQUIRE(parsed.tags().size() == 5);
    CHECK(parsed.tags()[0] == ElementTag{0, 0, 0, 0});
    CHECK(parsed.tags()[1].number == 3);
    CHECK(parsed.tags()[2] == ElementTag{255, 36, 0, 0});
    CHECK(parsed.tags()[3] == ElementTag{221, 0, 0x00156D, 0x00});
    CHECK(parsed.tags()[4].number == 59);
    CHECK(parsed.has_tag(59));
    CHECK(parsed.has_vendor(0x00156D, 0));
    REQUIRE(parsed.vendors().size() == 1);
    CHECK(parsed.vendors()[0].payload.size() == 3);
}

TEST_CASE("a hidden SSID is zero length or all NUL octets", "[elements][ssid]") {
    SECTION("zero length") {
        const auto parsed = parse_elements(ElementBuilder{}.ssid("").take());
        CHECK(parsed.ssid().present);
        CHECK(parsed.ssid().bytes.empty());
        CHECK(parsed.ssid().hidden);
        CHECK(parsed.ssid().valid_utf8);
    }
    SECTION("twelve NUL octets, as cloaking APs send") {
        const std::vector<std::uint8_t> nuls(12, 0);
        const auto parsed = parse_elements(ElementBuilder{}.ssid(nuls).take());
        CHECK(parsed.ssid().bytes.size() == 12);
        CHECK(parsed.ssid().hidden);
    }
    SECTION("a NUL among other octets is not hidden") {
        const std::vector<std::uint8_t> mixed{0, 'a', 0};
        CHECK_FALSE(parse_elements(ElementBuilder{}.ssid(mixed).take()).ssid().hidden);
    }
    SECTION("no SSID element at all") {
        const auto parsed = parse_elements(ElementBuilder{}.ds_channel(1).take());
        CHECK_FALSE(parsed.ssid().present);
    }
}

TEST_CASE("an SSID over 32 octets is kept whole, flagged and counted malformed", "[elements][ssid]") {
    const std::string long_ssid(40, 'A');
    const auto parsed = parse_elements(ElementBuilder{}.ssid(long_ssid).ds_channel(11).take());
    CHECK(parsed.ssid().over_long);
    CHECK(parsed.ssid().text() == long_ssid);
    CHECK(parsed.malformed_count() == 1);
    CHECK(parsed.malformed()[0].tag.number == element_id::kSsid);
    CHECK(parsed.ds_channel() == 11);  // the walk went on

    const std::string exactly_32(32, 'B');
    CHECK_FALSE(parse_elements(ElementBuilder{}.ssid(exactly_32).take()).ssid().over_long);
}

TEST_CASE("a non-UTF-8 SSID is kept as its bytes", "[elements][ssid]") {
    // The GBK encoding of 测试 ("test"), from aircrack-ng's Chinese-SSID-Name.pcap.
    const std::vector<std::uint8_t> gbk{0xb2, 0xe2, 0xca, 0xd4};
    const auto parsed = parse_elements(ElementBuilder{}.ssid(gbk).take());
    CHECK_FALSE(parsed.ssid().valid_utf8);
    CHECK(std::vector<std::uint8_t>(parsed.ssid().bytes.begin(), parsed.ssid().bytes.end()) == gbk);
    CHECK_FALSE(parsed.ssid().hidden);

    CHECK(parse_elements(ElementBuilder{}.ssid("caf\xc3\xa9 \xe6\xb5\x8b\xe8\xaf\x95").take()).ssid().valid_utf8);
}

TEST_CASE("UTF-8 validation refuses overlong forms, surrogates and cut sequences", "[elements][ssid]") {
    CHECK(is_valid_utf8(bytes_of("plain")));
    CHECK(is_valid_utf8(bytes_of("\xf0\x9f\x93\xb6")));        // U+1F4F6, a four-octet form
    CHECK_FALSE(is_valid_utf8(bytes_of("\xc0\xaf")));          // overlong '/'
    CHECK_FALSE(is_valid_utf8(bytes_of("\xed\xa0\x80")));      // U+D800
    CHECK_FALSE(is_valid_utf8(bytes_of("\xf4\x90\x80\x80")));  // above U+10FFFF
    CHECK_FALSE(is_valid_utf8(bytes_of("\xe6\xb5")));          // cut
    CHECK_FALSE(is_valid_utf8(bytes_of("\xff")));
}

TEST_CASE("rates keep their basic flags and give the highest rate, selectors excluded", "[elements]") {
    ElementBuilder builder;
    builder
        .supported_rates({ElementBuilder::basic_rate(1), ElementBuilder::basic_rate(2), ElementBuilder::rate(5.5),
                          ElementBuilder::rate(11), 0x80 | membership_selector::kHtPhy})
        .extended_rates({ElementBuilder::rate(24), ElementBuilder::rate(54)});
    const auto parsed = parse_elements(builder.bytes());

    REQUIRE(parsed.supported_rates().size() == 5);
    CHECK(parsed.supported_rates()[0].basic());
    CHECK(parsed.supported_rates()[0].mbps() == 1.0);
    CHECK_FALSE(parsed.supported_rates()[2].basic());
    CHECK(parsed.supported_rates()[2].mbps() == 5.5);
    CHECK(parsed.supported_rates()[4].membership_selector());
    CHECK(parsed.supported_rates().has_selector(membership_selector::kHtPhy));
    CHECK(parsed.supported_rates().max_rate_500kbps() == 22);
    CHECK(parsed.extended_rates().max_rate_500kbps() == 108);
}

TEST_CASE("fixed one-octet elements of another length are malformed and not used", "[elements]") {
    const auto parsed =
        parse_elements(ElementBuilder{}.raw(element_id::kDsParameterSet, {6, 6}).power_constraint(3).take());
    CHECK_FALSE(parsed.ds_channel());
    CHECK(parsed.malformed_count() == 1);
    CHECK(parsed.malformed()[0].offset == 0);
    CHECK(parsed.power_constraint() == 3);
}

TEST_CASE("the country element gives its code, environment and triplets", "[elements]") {
    ElementBuilder builder;
    builder.country("DE", 'I', {{1, 13, 20}, {36, 4, 23}, {201, 1, 0}});
    const auto parsed = parse_elements(builder.bytes());
    REQUIRE(parsed.country());
    CHECK(parsed.country()->country_code() == "DE");
    CHECK(parsed.country()->environment == 'I');
    REQUIRE(parsed.country()->triplets.size() == 3);
    CHECK(parsed.country()->triplets[1].first_channel() == 36);
    CHECK(parsed.country()->triplets[1].channel_count() == 4);
    CHECK(parsed.country()->triplets[1].max_tx_power_dbm() == 23);
    CHECK(parsed.country()->triplets[2].operating());
    CHECK(parsed.country()->triplets[2].operating_class() == 1);
    CHECK_FALSE(parsed.country()->malformed);

    // A triplet cut after two octets: the whole ones stay, the element is malformed.
    const auto cut =
        parse_elements(ElementBuilder{}.raw(element_id::kCountry, {'U', 'S', ' ', 1, 11, 30, 36, 4}).take());
    REQUIRE(cut.country());
    CHECK(cut.country()->malformed);
    CHECK(cut.country()->triplets.size() == 1);
}

TEST_CASE("TIM, power and load elements decode their fields", "[elements]") {
    ElementBuilder builder;
    builder.tim(1, 2, 0x01, {0x00, 0x04})
        .power_capability(-5, 20)
        .tpc_report(17, 0)
        .supported_channels({{1, 13}, {36, 8}})
        .bss_load(7, 128, 31250)
        .mobility_domain(0x1234, 0x01);
    const auto parsed = parse_elements(builder.bytes());
    REQUIRE(parsed.tim());
    CHECK(parsed.tim()->dtim_count == 1);
    CHECK(parsed.tim()->multicast_buffered());
    CHECK(parsed.tim()->partial_virtual_bitmap.size() == 2);
    CHECK(parsed.power_capability()->min_dbm == -5);
    CHECK(parsed.power_capability()->max_dbm == 20);
    CHECK(parsed.tpc_report()->transmit_power_dbm == 17);
    REQUIRE(parsed.supported_channels()->subbands.size() == 2);
    CHECK(parsed.supported_channels()->subbands[1] == ChannelSubband{36, 8});
    CHECK(parsed.bss_load()->station_count == 7);
    CHECK(parsed.bss_load()->channel_utilization == 128);
    CHECK(parsed.bss_load()->channel_utilization_percent() == Approx(50.2).epsilon(0.001));
    CHECK(parsed.bss_load()->available_admission_capacity == 31250);
    CHECK(parsed.mobility_domain()->mobility_domain_id == 0x1234);
    CHECK(parsed.mobility_domain()->ft_over_ds());
    CHECK(parsed.malformed_count() == 0);
}

TEST_CASE("extended capabilities, multiple BSSID, Cisco CCX1 and Mesh ID decode lightly", "[elements]") {
    ElementBuilder builder;
    builder.extended_capabilities(8, {2, 19, 62})
        .multiple_bssid(3, {{0, 1, 2}, {3}})
        .cisco_ccx1("lobby-ap-2", 12)
        .ssid("")
        .mesh_id("11s-mesh-network");
    const auto parsed = parse_elements(builder.bytes());
    REQUIRE(parsed.extended_capabilities());
    CHECK(parsed.extended_capabilities()->extended_channel_switching());
    CHECK(parsed.extended_capabilities()->bss_transition());
    CHECK(parsed.extended_capabilities()->operating_mode_notification());
    CHECK_FALSE(parsed.extended_capabilities()->interworking());
    CHECK_FALSE(parsed.extended_capabilities()->bit(200));
    REQUIRE(parsed.multiple_bssid());
    CHECK(parsed.multiple_bssid()->max_bssid_indicator == 3);
    CHECK(parsed.multiple_bssid()->profile_count == 2);
    REQUIRE(parsed.cisco_ccx1());
    CHECK(std::string_view(reinterpret_cast<const char*>(parsed.cisco_ccx1()->ap_name.data()),
                           parsed.cisco_ccx1()->ap_name.size()) == "lobby-ap-2");
    CHECK(parsed.cisco_ccx1()->client_count == 12);
    CHECK(parsed.mesh_id().present);
    CHECK(parsed.mesh_id().text() == "11s-mesh-network");
    CHECK(parsed.ssid().hidden);
}

TEST_CASE("a repeated singleton element keeps the first and is counted", "[elements]") {
    const auto parsed =
        parse_elements(ElementBuilder{}.ssid("first").ssid("second").ds_channel(1).ds_channel(2).take());
    CHECK(parsed.ssid().text() == "first");
    CHECK(parsed.ds_channel() == 1);
    CHECK(parsed.duplicate_count() == 2);
    CHECK(parsed.element_count() == 4);
}

TEST_CASE("an element cut at every length stops the walk as truncated and keeps what came before", "[elements]") {
    const auto elements = typical_beacon_elements();
    // Offsets where an element starts: cutting there leaves only whole elements.
    std::vector<std::size_t> boundaries;
    for (std::size_t at = 0; at < elements.size(); at += 2u + elements[at + 1]) boundaries.push_back(at);

    for (std::size_t cut = 0; cut < elements.size(); ++cut) {
        const std::vector<std::uint8_t> prefix(elements.begin(), elements.begin() + static_cast<std::ptrdiff_t>(cut));
        InformationElements parsed;
        const auto status = parse_information_elements(prefix, parsed);
        const bool at_boundary = std::find(boundaries.begin(), boundaries.end(), cut) != boundaries.end();
        INFO("cut at " << cut);
        if (at_boundary) {
            CHECK(status.ok());
            continue;
        }
        CHECK(status.status == DissectStatus::truncated);
        // The error points at the start of the cut element, and every element before it was decoded.
        const auto last_start = *(std::upper_bound(boundaries.begin(), boundaries.end(), cut) - 1);
        CHECK(status.offset == last_start);
        const auto whole =
            static_cast<std::size_t>(std::find(boundaries.begin(), boundaries.end(), last_start) - boundaries.begin());
        CHECK(parsed.element_count() == whole);
        if (whole >= 1) CHECK(parsed.ssid().text() == "linksys");
        CHECK(parsed.malformed_count() == 0);
    }
}

TEST_CASE("a malformed element is reported and the walk continues", "[elements]") {
    ElementBuilder builder;
    builder.ssid("before").raw(element_id::kHtOperation, {1, 2, 3}).ds_channel(11);
    const auto parsed = parse_elements(builder.bytes());
    CHECK(parsed.ssid().text() == "before");
    REQUIRE(parsed.ht_operation());
    CHECK(parsed.ht_operation()->malformed);
    CHECK(parsed.ds_channel() == 11);
    REQUIRE(parsed.malformed_count() == 1);
    CHECK(parsed.malformed()[0].tag.number == element_id::kHtOperation);
    CHECK(parsed.malformed()[0].offset == 8);
    CHECK(std::string_view(parsed.malformed()[0].reason) == "HT operation shorter than 22 octets");
}

TEST_CASE("malformed() lists walked and lazily decoded elements in the order sent", "[elements]") {
    // DS (walked) at 0, HT Operation (decoded on demand) at 4, power constraint (walked) at 9, a second HT
    // Operation at 13: a duplicate, never decoded.
    const auto bytes = ElementBuilder()
                           .raw(element_id::kDsParameterSet, {1, 2})
                           .raw(element_id::kHtOperation, {1, 2, 3})
                           .raw(element_id::kPowerConstraint, {1, 2})
                           .raw(element_id::kHtOperation, {1})
                           .take();
    const auto check = [](const InformationElements& ie) {
        REQUIRE(ie.malformed_count() == 3);
        REQUIRE(ie.malformed().size() == 3);
        CHECK(ie.malformed()[0].offset == 0);
        CHECK(ie.malformed()[0].tag.number == element_id::kDsParameterSet);
        CHECK(ie.malformed()[1].offset == 4);
        CHECK(std::string_view(ie.malformed()[1].reason) == "HT operation shorter than 22 octets");
        CHECK(ie.malformed()[2].offset == 9);
        CHECK(ie.malformed()[2].tag.number == element_id::kPowerConstraint);
        CHECK(ie.duplicate_count() == 1);
    };
    InformationElements accessor_first, validate_first;
    REQUIRE(parse_information_elements(bytes, accessor_first).ok());
    REQUIRE(accessor_first.ht_operation());
    CHECK(accessor_first.ht_operation()->malformed);
    check(accessor_first);
    REQUIRE(parse_information_elements(bytes, validate_first).ok());
    check(validate_first);
    REQUIRE(validate_first.ht_operation());
    CHECK(validate_first.ht_operation()->malformed);

    // A walk over other bytes forgets the cached element and its problem.
    const auto other = ElementBuilder().ds_channel(3).take();
    REQUIRE(parse_information_elements(other, validate_first).ok());
    CHECK_FALSE(validate_first.ht_operation());
    CHECK(validate_first.malformed_count() == 0);
}

TEST_CASE("an empty element list is fine and a lone ID octet is truncated", "[elements]") {
    InformationElements parsed;
    CHECK(parse_information_elements({}, parsed).ok());
    CHECK(parsed.element_count() == 0);
    const std::vector<std::uint8_t> lone{0};
    const auto status = parse_information_elements(lone, parsed);
    CHECK(status.status == DissectStatus::truncated);
    CHECK(status.offset == 0);
}

TEST_CASE("parsing resets the output first", "[elements]") {
    const auto first = ElementBuilder{}.ssid("old").rsn({}).take();
    const auto second = ElementBuilder{}.ds_channel(3).take();
    InformationElements parsed;
    REQUIRE(parse_information_elements(first, parsed).ok());
    REQUIRE(parse_information_elements(second, parsed).ok());
    CHECK_FALSE(parsed.ssid().present);
    CHECK_FALSE(parsed.rsn());
    CHECK(parsed.element_count() == 1);
}

TEST_CASE("the element builder refuses a body over 255 octets", "[elements][craft]") {
    const std::vector<std::uint8_t> too_long(256, 0x41);
    ElementBuilder builder;
    CHECK_THROWS_AS(builder.raw(element_id::kSsid, too_long), std::length_error);
    CHECK(builder.bytes().empty());
    builder.raw(element_id::kSsid, std::span(too_long).first(255));
    CHECK(builder.bytes().size() == 257);
}

TEST_CASE("a reused InformationElements keeps nothing from the previous walk", "[elements]") {
    // parse_information_elements resets only what the last walk can have set (InformationElements::clear), not
    // the whole struct: every member must come back empty after a walk over a list that sets them all.
    ElementBuilder builder;
    builder.ssid("everything")
        .supported_rates({ElementBuilder::basic_rate(1)})
        .extended_rates({ElementBuilder::rate(54)})
        .ds_channel(6)
        .tim(0, 3)
        .country("US", ' ', {{1, 11, 30}})
        .power_constraint(3)
        .power_capability(0, 20)
        .tpc_report(17, 0)
        .supported_channels({{1, 11}})
        .bss_load(3, 40, 100)
        .mobility_domain(0x1234, 1)
        .extended_capabilities(8, {19})
        .raw(element_id::kMultipleBssid, {1})
        .raw(element_id::kCiscoCcx1,
             {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'a', 'p', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2})
        .mesh_id("mesh")
        .rsn({})
        .wpa({})
        .wmm_information(0)
        .wmm_tspec({})
        .wps({})
        .ht_capabilities({})
        .ht_operation({})
        .vht_capabilities({})
        .vht_operation({})
        .he_capabilities({})
        .he_operation({})
        .owe_transition(MacAddress{}, "owe")
        .vendor(oui::kWifiAlliance, vendor_type::kP2p)
        .dji_droneid({})
        .cisco_client_mfp(true)
        .raw(element_id::kSsid, {'x'})        // a duplicate
        .raw(element_id::kHtOperation, {1});  // malformed, but a duplicate: not decoded
    const auto everything = builder.take();
    const auto malformed = ElementBuilder().raw(element_id::kDsParameterSet, {1, 2}).take();

    InformationElements ie;
    REQUIRE(parse_information_elements(everything, ie).ok());
    REQUIRE((ie.ssid().present && ie.mesh_id().present && ie.ds_channel() && ie.tim() && ie.country() &&
             ie.power_constraint() && ie.power_capability() && ie.tpc_report() && ie.supported_channels() &&
             ie.bss_load() && ie.mobility_domain() && ie.extended_capabilities() && ie.multiple_bssid() &&
             ie.cisco_ccx1() && ie.rsn() && ie.wpa() && ie.wmm() && ie.wmm_tspec() && ie.wps() &&
             ie.ht_capabilities() && ie.ht_operation() && ie.vht_capabilities() && ie.vht_operation() &&
             ie.he_capabilities() && ie.he_operation() && ie.owe_transition() && ie.p2p() && ie.dji_droneid() &&
             ie.cisco_client_mfp()));
    REQUIRE(ie.duplicate_count() == 2);
    REQUIRE(parse_information_elements(malformed, ie).ok());
    REQUIRE(ie.malformed_count() == 1);
    REQUIRE(parse_information_elements({}, ie).ok());

    CHECK_FALSE(ie.ssid().present);
    CHECK(ie.ssid().bytes.empty());
    CHECK_FALSE(ie.supported_rates().present);
    CHECK_FALSE(ie.extended_rates().present);
    CHECK_FALSE(ie.ds_channel());
    CHECK_FALSE(ie.tim());
    CHECK_FALSE(ie.country());
    CHECK_FALSE(ie.power_constraint());
    CHECK_FALSE(ie.power_capability());
    CHECK_FALSE(ie.tpc_report());
    CHECK_FALSE(ie.supported_channels());
    CHECK_FALSE(ie.bss_load());
    CHECK_FALSE(ie.mobility_domain());
    CHECK_FALSE(ie.extended_capabilities());
    CHECK_FALSE(ie.multiple_bssid());
    CHECK_FALSE(ie.cisco_ccx1());
    CHECK_FALSE(ie.mesh_id().present);
    CHECK_FALSE(ie.rsn());
    CHECK_FALSE(ie.wpa());
    CHECK_FALSE(ie.wmm());
    CHECK_FALSE(ie.wmm_tspec());
    CHECK(ie.wmm_tspec_count() == 0);
    CHECK_FALSE(ie.wps());
    CHECK_FALSE(ie.ht_capabilities());
    CHECK_FALSE(ie.ht_operation());
    CHECK_FALSE(ie.vht_capabilities());
    CHECK_FALSE(ie.vht_operation());
    CHECK_FALSE(ie.he_capabilities());
    CHECK_FALSE(ie.he_operation());
    CHECK_FALSE(ie.owe_transition());
    CHECK_FALSE(ie.p2p());
    CHECK_FALSE(ie.dji_droneid());
    CHECK_FALSE(ie.cisco_client_mfp());
    CHECK(ie.vendors().empty());
    CHECK_FALSE(ie.vendors().overflow);
    CHECK(ie.tags().empty());
    CHECK_FALSE(ie.tags().overflow);
    CHECK(ie.element_count() == 0);
    CHECK(ie.duplicate_count() == 0);
    CHECK(ie.malformed().empty());
    CHECK(ie.malformed_count() == 0);
    CHECK(ie.raw().empty());
}
