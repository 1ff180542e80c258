// PPI (DLT 192): 802.11-common, 802.11n MAC and MAC+PHY, GPS, field skipping, inner DLTs, FCS, damage.
#include <catch2/catch.hpp>

#include "kismetcore/craft/ppi_builder.h"
#include "kismetcore/dissect/ppi_reader.h"
#include "kismetcore/dissect/radiotap_reader.h"
#include "support/link_layer_frames.h"

using namespace kismetcore::dissect;
using kismetcore::craft::Ppi80211Common;
using kismetcore::craft::Ppi80211nMacPhy;
using kismetcore::craft::PpiBuilder;
using kismetcore::craft::PpiGps;
using kismetcore::testing::same_bytes;
using kismetcore::testing::sample_beacon;

namespace {

using Decoded = kismetcore::testing::DecodedLinkLayer;

Decoded decode(std::vector<std::uint8_t> packet) {
    return kismetcore::testing::decode_link_layer(dissect_ppi, std::move(packet));
}

Ppi80211Common common_2437() {
    Ppi80211Common common;
    common.tsft = 123456789;
    common.rate_500kbps = 22;
    common.frequency_mhz = 2437;
    common.channel_flags = radiotap::kChannelCck | radiotap::kChannel2Ghz;
    common.signal_dbm = -47;
    common.noise_dbm = -96;
    return common;
}

}  // namespace

TEST_CASE("PPI 802.11-common gives TSFT, rate, channel, signal and noise", "[linklayer][ppi]") {
    const auto frame = sample_beacon();
    const auto decoded = decode(PpiBuilder{}.common(common_2437()).build(frame));
    REQUIRE(decoded.error.ok());
    const auto& radio = decoded.radio;
    CHECK(radio.header == LinkHeaderType::ppi);
    CHECK(radio.tsft == 123456789u);
    CHECK(radio.rate_500kbps == 22u);
    CHECK(radio.frequency_khz == 2437000u);
    CHECK(radio.channel == 6u);
    CHECK(radio.channel_flags == (radiotap::kChannelCck | radiotap::kChannel2Ghz));
    CHECK(radio.encoding == PhyEncoding::cck);
    CHECK(radio.signal_dbm == -47);
    CHECK(radio.noise_dbm == -96);
    CHECK_FALSE(radio.fcs_present);
    CHECK(decoded.payload.dlt == 105);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("PPI invalid markers (rate and frequency 0, dBm -128) leave values unset", "[linklayer][ppi]") {
    Ppi80211Common common;  // the builder's defaults are PPI's invalid values
    common.tsft = 42;
    const auto decoded = decode(PpiBuilder{}.common(common).build(sample_beacon()));
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.tsft == 42u);
    CHECK_FALSE(decoded.radio.rate_500kbps);
    CHECK_FALSE(decoded.radio.frequency_khz);
    CHECK_FALSE(decoded.radio.channel);
    CHECK_FALSE(decoded.radio.signal_dbm);
    CHECK_FALSE(decoded.radio.noise_dbm);
}

TEST_CASE("PPI TSFT in milliseconds is reported in microseconds", "[linklayer][ppi]") {
    Ppi80211Common common;
    common.tsft = 1500;
    common.flags = ppi::kCommonFlagTsftInMilliseconds;
    CHECK(decode(PpiBuilder{}.common(common).build(sample_beacon())).radio.tsft == 1500000u);
}

TEST_CASE("PPI FCS flag cuts the FCS, which is checked; the FCS-invalid flag is believed", "[linklayer][ppi]") {
    const auto frame = sample_beacon();
    SECTION("a matching FCS") {
        const auto decoded = decode(PpiBuilder{}.common(common_2437()).fcs().build(frame));
        REQUIRE(decoded.error.ok());
        CHECK(decoded.radio.fcs_present);
        CHECK_FALSE(decoded.radio.bad_fcs);
        CHECK(same_bytes(decoded.payload.bytes, frame));
    }
    SECTION("a corrupted FCS") {
        const auto decoded = decode(PpiBuilder{}.common(common_2437()).corrupt_fcs().build(frame));
        CHECK(decoded.radio.bad_fcs);
        CHECK(same_bytes(decoded.payload.bytes, frame));
    }
    SECTION("the FCS-invalid and PHY-error flags") {
        auto common = common_2437();
        common.flags = ppi::kCommonFlagFcsInvalid | ppi::kCommonFlagPhyError;
        const auto decoded = decode(PpiBuilder{}.common(common).fcs().build(frame));
        CHECK(decoded.radio.bad_fcs);
        CHECK(decoded.radio.phy_error);
    }
}

TEST_CASE("PPI 802.11n MAC gives HT width, guard interval and A-MPDU id", "[linklayer][ppi]") {
    Ppi80211nMacPhy mac;
    mac.flags = ppi::kMacFlagHt40 | ppi::kMacFlagShortGi | ppi::kMacFlagAggregate;
    mac.ampdu_id = 77;
    const auto decoded = decode(PpiBuilder{}.n_mac(mac).build(sample_beacon()));
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.encoding == PhyEncoding::ht);
    CHECK(decoded.radio.bandwidth_mhz == 40);
    CHECK(decoded.radio.short_gi);
    CHECK(decoded.radio.ampdu_reference == 77u);
}

TEST_CASE("PPI 802.11n MAC+PHY gives MCS, streams, extension channel and per-chain dBm", "[linklayer][ppi]") {
    Ppi80211nMacPhy mac_phy;
    mac_phy.mcs = 15;
    mac_phy.spatial_streams = 2;
    mac_phy.combined_rssi = 40;
    mac_phy.extension_frequency_mhz = 5200;
    mac_phy.signal_dbm = {-50, -53, -128, -128};
    mac_phy.noise_dbm = {-95, -128, -128, -90};
    const auto decoded = decode(PpiBuilder{}.common(common_2437()).n_mac_phy(mac_phy).build(sample_beacon()));
    REQUIRE(decoded.error.ok());
    const auto& radio = decoded.radio;
    CHECK(radio.mcs_index == 15);
    CHECK(radio.spatial_streams == 2);
    CHECK(radio.bandwidth_mhz == 20);
    CHECK(radio.signal_rssi == 40u);
    CHECK(radio.extension_frequency_khz == 5200000u);
    CHECK(radio.signal_dbm == -47);     // 802.11-common's signal stays the packet signal
    REQUIRE(radio.antenna_count == 3);  // chain 2 reports nothing valid
    CHECK(radio.antennas[0].antenna == 0);
    CHECK(radio.antennas[0].signal_dbm == -50);
    CHECK(radio.antennas[0].noise_dbm == -95);
    CHECK(radio.antennas[1].signal_dbm == -53);
    CHECK_FALSE(radio.antennas[1].noise_dbm);
    CHECK(radio.antennas[2].antenna == 3);
    CHECK_FALSE(radio.antennas[2].signal_dbm);
    CHECK(radio.antennas[2].noise_dbm == -90);
}

TEST_CASE("PPI GPS gives latitude, longitude and altitude in their fixed-point encodings", "[linklayer][ppi]") {
    SECTION("all three after the GPS flags field") {
        const auto decoded = decode(PpiBuilder{}
                                        .common(common_2437())
                                        .gps(PpiGps{0x0002, 47.6062095, -122.3320708, 56.25})
                                        .build(sample_beacon()));
        REQUIRE(decoded.error.ok());
        REQUIRE(decoded.radio.gps.latitude);
        REQUIRE(decoded.radio.gps.longitude);
        REQUIRE(decoded.radio.gps.altitude_m);
        CHECK(*decoded.radio.gps.latitude == Approx(47.6062095).margin(1e-7));
        CHECK(*decoded.radio.gps.longitude == Approx(-122.3320708).margin(1e-7));
        CHECK(*decoded.radio.gps.altitude_m == Approx(56.25).margin(1e-4));
    }
    SECTION("only what is present") {
        const auto decoded =
            decode(PpiBuilder{}.gps(PpiGps{std::nullopt, std::nullopt, std::nullopt, -12.5}).build(sample_beacon()));
        REQUIRE(decoded.error.ok());
        CHECK_FALSE(decoded.radio.gps.latitude);
        CHECK_FALSE(decoded.radio.gps.longitude);
        REQUIRE(decoded.radio.gps.altitude_m);
        CHECK(*decoded.radio.gps.altitude_m == Approx(-12.5));
    }
    SECTION("fixed3_7 is degrees plus 180, times 10^7") {
        CHECK(PpiBuilder::fixed3_7(0.0) == 1'800'000'000u);
        CHECK(ppi::fixed3_7_to_degrees(0) == Approx(-180.0));
        CHECK(ppi::fixed6_4_to_metres(1'800'000'000u) == Approx(0.0));
    }
}

TEST_CASE("PPI skips unknown fields by their length and honours the 32-bit alignment flag", "[linklayer][ppi]") {
    const std::vector<std::uint8_t> odd_field{1, 2, 3, 4, 5};  // 5 bytes: the next field needs 3 bytes padding
    for (const bool aligned : {false, true}) {
        INFO("aligned " << aligned);
        const auto frame = sample_beacon();
        const auto decoded =
            decode(PpiBuilder{}.aligned(aligned).field(30005, odd_field).common(common_2437()).build(frame));
        REQUIRE(decoded.error.ok());
        CHECK(decoded.radio.frequency_khz == 2437000u);
        CHECK(decoded.radio.fields_complete);
        CHECK(same_bytes(decoded.payload.bytes, frame));
    }
}

TEST_CASE("PPI hands back a non-802.11 payload untouched under its own DLT", "[linklayer][ppi]") {
    const std::vector<std::uint8_t> ble{0xD6, 0xBE, 0x89, 0x8E, 0x00, 0x09};  // BLE access address, header
    const std::vector<std::uint8_t> ubertooth_btle(12, 0);                    // field 30006, not decoded
    const auto decoded = decode(PpiBuilder{}.dlt(147).field(30006, ubertooth_btle).fcs(false).build(ble));
    REQUIRE(decoded.error.ok());
    CHECK(decoded.payload.dlt == 147);
    CHECK(same_bytes(decoded.payload.bytes, ble));
}

TEST_CASE("PPI header damage is reported with its status", "[linklayer][ppi]") {
    const auto frame = sample_beacon();
    SECTION("a field whose length runs past the header length is malformed") {
        const std::vector<std::uint8_t> data(4, 0);
        const auto decoded = decode(PpiBuilder{}.field_with_length(2, 40, data).build(frame));
        CHECK(decoded.error.status == DissectStatus::malformed);
        CHECK(decoded.payload.bytes.empty());
    }
    SECTION("a header length past the packet is truncated") {
        CHECK(decode(PpiBuilder{}.length_override(500).build(frame)).error.status == DissectStatus::truncated);
    }
    SECTION("a header length below 8 is malformed") {
        CHECK(decode(PpiBuilder{}.length_override(7).build(frame)).error.status == DissectStatus::malformed);
    }
    SECTION("a version other than 0 is unsupported") {
        CHECK(decode(PpiBuilder{}.version(1).build(frame)).error.status == DissectStatus::unsupported_version);
    }
    SECTION("a known field shorter than its definition is skipped, not read past") {
        const std::vector<std::uint8_t> short_common(6, 0);
        const auto decoded = decode(PpiBuilder{}.field(ppi::kField80211Common, short_common).build(frame));
        REQUIRE(decoded.error.ok());
        CHECK_FALSE(decoded.radio.fields_complete);
        CHECK(same_bytes(decoded.payload.bytes, frame));
    }
}

TEST_CASE("PPI header cut at every length reports truncated", "[linklayer][ppi]") {
    Ppi80211nMacPhy mac_phy;
    const auto packet = PpiBuilder{}
                            .common(common_2437())
                            .n_mac_phy(mac_phy)
                            .gps(PpiGps{1, 10.0, 20.0, 30.0})
                            .fcs()
                            .build(sample_beacon());
    const std::size_t length = std::size_t{packet[2]} | (std::size_t{packet[3]} << 8);
    const auto wrong = kismetcore::testing::prefixes_not_reporting(packet, length, DissectStatus::truncated,
                                                                   [](std::span<const std::uint8_t> prefix) {
                                                                       RadioInfo radio;
                                                                       LinkPayload payload;
                                                                       return dissect_ppi(prefix, radio, payload);
                                                                   });
    CHECK(wrong.empty());
}

TEST_CASE("PPI reads old Kismet logs that wrote a 24-byte length over a 32-byte header", "[linklayer][ppi]") {
    const auto frame = sample_beacon();
    const auto packet = PpiBuilder{}.common(common_2437()).length_override(24).build(frame);
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.frequency_khz == 2437000u);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}
