// HT, VHT and HE capabilities and operation elements, and the operating channel width they announce.
#include <catch2/catch.hpp>

#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/information_elements.h"
#include "support/element_frames.h"

using namespace kismetcore;
using namespace kismetcore::dissect;
using craft::ElementBuilder;
using kismetcore::testing::parse_elements;

TEST_CASE("HT capabilities decode the capability bits and the MCS set", "[elements][ht]") {
    HtCapabilitiesElement ht;
    ht.info = 0x006e;  // 40 MHz, SM power save disabled (11), SGI 20 and SGI 40
    ht.ampdu_parameters = 0x17;
    ht.mcs_set[0] = 0xff;  // MCS 0-7
    ht.mcs_set[1] = 0xff;  // MCS 8-15
    ht.mcs_set[10] = 44;   // highest rate, low octet of 300 (0x12c)
    ht.mcs_set[11] = 1;
    const auto parsed = parse_elements(ElementBuilder{}.ht_capabilities(ht).take());

    REQUIRE(parsed.ht_capabilities());
    const auto& caps = *parsed.ht_capabilities();
    CHECK_FALSE(caps.malformed);
    CHECK(caps.supports_40mhz());
    CHECK(caps.sm_power_save() == 3);
    CHECK(caps.short_gi_20());
    CHECK(caps.short_gi_40());
    CHECK_FALSE(caps.forty_mhz_intolerant());
    CHECK(caps.ampdu_parameters == 0x17);
    CHECK(caps.rx_mcs(15));
    CHECK_FALSE(caps.rx_mcs(16));
    CHECK(caps.highest_rx_mcs() == 15);
    CHECK(caps.rx_spatial_streams() == 2);
    CHECK(caps.rx_highest_rate_mbps() == 300);
}

TEST_CASE("HT operation gives the primary channel, secondary offset and width", "[elements][ht]") {
    HtOperationElement ht;
    ht.primary_channel = 36;
    ht.info[0] = 0x05;  // secondary above, any channel width
    ht.info[1] = 0x15;  // non-member protection, non-greenfield present, OBSS non-HT present
    const auto parsed = parse_elements(ElementBuilder{}.ht_operation(ht).take());

    REQUIRE(parsed.ht_operation());
    CHECK(parsed.ht_operation()->primary_channel == 36);
    CHECK(parsed.ht_operation()->secondary_channel_offset() == SecondaryChannelOffset::above);
    CHECK(parsed.ht_operation()->width() == ChannelWidth::mhz40);
    CHECK(parsed.ht_operation()->ht_protection() == 1);
    CHECK(parsed.ht_operation()->nongreenfield_stations_present());
    CHECK(parsed.ht_operation()->obss_non_ht_stations_present());
    CHECK(operating_channel_width(parsed) == ChannelWidth::mhz40);

    ht.info[0] = 0x03;  // secondary below, but the STA channel width allows 20 MHz only
    CHECK(parse_elements(ElementBuilder{}.ht_operation(ht).take()).ht_operation()->width() == ChannelWidth::mhz20);
}

TEST_CASE("VHT capabilities decode widths, guard intervals and MCS maps", "[elements][vht]") {
    VhtCapabilitiesElement vht;
    vht.info = (1u << 2) | (1u << 5) | (1u << 6) | (1u << 11);  // 160 MHz, SGI 80 and 160, SU beamformer
    vht.rx_mcs_map.raw = 0xfffa;                                // streams 1 and 2: MCS 0-9; 3-8 unsupported
    vht.tx_mcs_map.raw = 0xfffe;                                // stream 1: MCS 0-9
    const auto parsed = parse_elements(ElementBuilder{}.vht_capabilities(vht).take());

    REQUIRE(parsed.vht_capabilities());
    const auto& caps = *parsed.vht_capabilities();
    CHECK(caps.supports_160mhz());
    CHECK_FALSE(caps.supports_80p80mhz());
    CHECK(caps.short_gi_80());
    CHECK(caps.short_gi_160());
    CHECK(caps.su_beamformer());
    CHECK(caps.rx_mcs_map.spatial_streams() == 2);
    CHECK(caps.rx_mcs_map.stream(1) == 2);
    CHECK(caps.tx_mcs_map.spatial_streams() == 1);
}

TEST_CASE("VHT operation width follows Table 9-274", "[elements][vht]") {
    VhtOperationElement vht;
    vht.channel_width = 1;
    vht.center_segment0 = 42;
    auto width_of = [](const VhtOperationElement& element) {
        return operating_channel_width(parse_elements(ElementBuilder{}.vht_operation(element).take()));
    };
    CHECK(width_of(vht) == ChannelWidth::mhz80);
    vht.center_segment0 = 36 + 6;
    vht.center_segment1 = 50;  // CCFS1 eight channels from CCFS0: 160 MHz
    CHECK(width_of(vht) == ChannelWidth::mhz160);
    vht.center_segment1 = 155;  // far apart: 80+80 MHz
    CHECK(width_of(vht) == ChannelWidth::mhz80p80);
    vht.channel_width = 2;  // deprecated 160 MHz
    CHECK(width_of(vht) == ChannelWidth::mhz160);
    vht.channel_width = 0;  // 20/40: defer to HT operation, absent here
    CHECK_FALSE(width_of(vht));
}

TEST_CASE("HE capabilities are extension element 35 with width-dependent MCS maps", "[elements][he]") {
    HeCapabilitiesElement he;
    he.mac_capabilities[0] = 0x04;  // TWT responder
    he.phy_capabilities[0] = 0x0c;  // 40/80 and 160 MHz in 5 GHz
    he.rx_mcs_80.raw = 0xfffa;
    he.tx_mcs_80.raw = 0xfffa;
    he.rx_mcs_160 = McsMap{0xfffe};
    he.tx_mcs_160 = McsMap{0xfffe};
    const auto parsed = parse_elements(ElementBuilder{}.he_capabilities(he).take());

    REQUIRE(parsed.he_capabilities());
    const auto& caps = *parsed.he_capabilities();
    CHECK_FALSE(caps.malformed);
    CHECK(parsed.tags()[0] == ElementTag{255, 35, 0, 0});
    CHECK(caps.twt_responder());
    CHECK(caps.supports_160mhz_in_5g());
    CHECK_FALSE(caps.supports_80p80mhz_in_5g());
    CHECK(caps.rx_mcs_80.spatial_streams() == 2);
    REQUIRE(caps.rx_mcs_160);
    CHECK(caps.rx_mcs_160->spatial_streams() == 1);
    CHECK_FALSE(caps.rx_mcs_80p80);
    CHECK(caps.ppe_thresholds.empty());

    // The 160 MHz maps the PHY capabilities promise are missing: malformed.
    const std::vector<std::uint8_t> body{0, 0, 0, 0, 0, 0, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfa, 0xff, 0xfa, 0xff};
    CHECK(parse_elements(ElementBuilder{}.extension(extension_id::kHeCapabilities, body).take())
              .he_capabilities()
              ->malformed);
}

TEST_CASE("HE operation is extension element 36 with optional VHT and 6 GHz information", "[elements][he]") {
    HeOperationElement he;
    he.parameters = 0x0008 | (1023u << 4);  // TWT required, RTS threshold disabled
    he.bss_color_information = 0x2a;
    he.basic_mcs.raw = 0xfffc;
    He6GhzOperation six;
    six.primary_channel = 37;
    six.control = 0x03;  // 160 MHz (CCFS1 8 from CCFS0)
    six.center_segment0 = 39;
    six.center_segment1 = 47;
    he.six_ghz_operation = six;
    const auto parsed = parse_elements(ElementBuilder{}.he_operation(he).take());

    REQUIRE(parsed.he_operation());
    const auto& op = *parsed.he_operation();
    CHECK_FALSE(op.malformed);
    CHECK(op.twt_required());
    CHECK(op.txop_duration_rts_threshold() == 1023);
    CHECK(op.bss_color() == 42);
    CHECK_FALSE(op.bss_color_disabled());
    CHECK_FALSE(op.vht_operation);
    REQUIRE(op.six_ghz_operation);
    CHECK(op.six_ghz_operation->primary_channel == 37);
    CHECK(operating_channel_width(parsed) == ChannelWidth::mhz160);

    HeOperationElement with_vht;
    VhtOperationElement vht;
    vht.channel_width = 1;
    vht.center_segment0 = 155;
    with_vht.vht_operation = vht;
    with_vht.max_cohosted_bssid_indicator = 2;
    const auto second = parse_elements(ElementBuilder{}.he_operation(with_vht).take());
    REQUIRE(second.he_operation()->vht_operation);
    CHECK(second.he_operation()->vht_operation->center_segment0 == 155);
    CHECK(second.he_operation()->max_cohosted_bssid_indicator == 2);
    CHECK(operating_channel_width(second) == ChannelWidth::mhz80);

    // Flags promise a 6 GHz block that is not there.
    const std::vector<std::uint8_t> body{0x00, 0x00, 0x02, 0x01, 0xfc, 0xff};
    CHECK(
        parse_elements(ElementBuilder{}.extension(extension_id::kHeOperation, body).take()).he_operation()->malformed);
}

TEST_CASE("short HT and VHT elements are malformed, longer ones are read", "[elements][ht][vht]") {
    ElementBuilder builder;
    builder.raw(element_id::kHtCapabilities, {0x6e, 0x00}).raw(element_id::kVhtOperation, {1, 42, 0, 0xfc, 0xff, 0xee});
    const auto parsed = parse_elements(builder.bytes());
    CHECK(parsed.ht_capabilities()->malformed);
    CHECK_FALSE(parsed.vht_operation()->malformed);
    CHECK(parsed.malformed_count() == 1);
    CHECK_FALSE(operating_channel_width(InformationElements{}));
}

TEST_CASE("an extension element without its extension ID is malformed", "[elements][he]") {
    const auto parsed = parse_elements(ElementBuilder{}.raw(element_id::kExtension, {}).ds_channel(1).take());
    CHECK(parsed.malformed_count() == 1);
    CHECK(parsed.ds_channel() == 1);
}
