// AVS (DLT 163): versions 1 and 2, the frequency and rate encodings, signal types, the trailing FCS, damage.
#include <catch2/catch.hpp>

#include "kismetcore/craft/avs_builder.h"
#include "kismetcore/dissect/avs_reader.h"
#include "support/link_layer_frames.h"

using namespace kismetcore::dissect;
using kismetcore::craft::AvsBuilder;
using kismetcore::craft::AvsFcs;
using kismetcore::testing::same_bytes;
using kismetcore::testing::sample_beacon;

namespace {

using Decoded = kismetcore::testing::DecodedLinkLayer;

Decoded decode(std::vector<std::uint8_t> packet) {
    return kismetcore::testing::decode_link_layer(dissect_avs, std::move(packet));
}

AvsBuilder g_radio() {
    return AvsBuilder{}
        .mac_time(0x0000000100000002)
        .phy_type(avs::kPhyOfdmG)
        .frequency(6)
        .data_rate(540)
        .antenna(2)
        .ssi(avs::kSsiDbm, -52, -94)
        .preamble(1)
        .encoding(3);
}

}  // namespace

TEST_CASE("AVS version 2 header gives time, channel, rate, antenna, dBm signal and noise", "[linklayer][avs]") {
    const auto frame = sample_beacon();
    const auto packet = g_radio().build(frame);
    REQUIRE(packet.size() == avs::kHeaderLengthV2 + frame.size() + 4);
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    const auto& radio = decoded.radio;
    CHECK(radio.header == LinkHeaderType::avs);
    CHECK(radio.tsft == 0x0000000100000002u);
    CHECK(radio.channel == 6u);
    CHECK(radio.frequency_khz == 2437000u);
    CHECK(radio.rate_500kbps == 108u);  // 54 Mbps
    CHECK(radio.antenna == 2);
    CHECK(radio.signal_dbm == -52);
    CHECK(radio.noise_dbm == -94);
    CHECK(radio.short_preamble);
    CHECK(radio.encoding == PhyEncoding::ofdm);
    CHECK(radio.fcs_present);
    CHECK_FALSE(radio.bad_fcs);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("AVS version 1 header (64 bytes) reads the same fields", "[linklayer][avs]") {
    const auto frame = sample_beacon();
    const auto packet = g_radio().version(1).build(frame);
    REQUIRE(packet.size() == avs::kHeaderLengthV1 + frame.size() + 4);
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.channel == 6u);
    CHECK(decoded.radio.signal_dbm == -52);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("AVS frequency field holds a channel, MHz or kHz by its size", "[linklayer][avs]") {
    const auto frame = sample_beacon();
    SECTION("a 5 GHz channel on an 802.11a PHY") {
        const auto radio = decode(AvsBuilder{}.phy_type(avs::kPhyOfdmA).frequency(36).build(frame)).radio;
        CHECK(radio.channel == 36u);
        CHECK(radio.frequency_khz == 5180000u);
    }
    SECTION("MHz") {
        const auto radio = decode(AvsBuilder{}.frequency(5745).build(frame)).radio;
        CHECK(radio.frequency_khz == 5745000u);
        CHECK(radio.channel == 149u);
    }
    SECTION("kHz") {
        const auto radio = decode(AvsBuilder{}.frequency(2412000).build(frame)).radio;
        CHECK(radio.frequency_khz == 2412000u);
        CHECK(radio.channel == 1u);
    }
    SECTION("hop set and pattern on an FHSS PHY") {
        const auto radio = decode(AvsBuilder{}.phy_type(avs::kPhyFhss).frequency(0x0305).build(frame)).radio;
        CHECK_FALSE(radio.frequency_khz);
        REQUIRE(radio.fhss);
        CHECK(radio.fhss->hop_set == 5);
        CHECK(radio.fhss->hop_pattern == 3);
        CHECK(radio.encoding == PhyEncoding::fhss);
    }
}

TEST_CASE("AVS data rate is in 100 kbps units, or bits per second from 100000 up", "[linklayer][avs]") {
    const auto frame = sample_beacon();
    CHECK(decode(AvsBuilder{}.data_rate(110).build(frame)).radio.rate_500kbps == 22u);
    CHECK(decode(AvsBuilder{}.data_rate(55).build(frame)).radio.rate_500kbps == 11u);
    CHECK(decode(AvsBuilder{}.data_rate(54000000).build(frame)).radio.rate_500kbps == 108u);
    CHECK_FALSE(decode(AvsBuilder{}.build(frame)).radio.rate_500kbps);
}

TEST_CASE("AVS signal type decides between dBm and RSSI; noise 0xFFFFFFFF is absent", "[linklayer][avs]") {
    const auto frame = sample_beacon();
    SECTION("normalized RSSI") {
        const auto radio = decode(AvsBuilder{}.ssi(avs::kSsiNormalizedRssi, 700, 20).build(frame)).radio;
        CHECK_FALSE(radio.signal_dbm);
        CHECK(radio.signal_rssi == 700u);
        CHECK(radio.noise_rssi == 20u);
    }
    SECTION("dBm without noise") {
        const auto radio = decode(AvsBuilder{}.ssi(avs::kSsiDbm, -70, -1).build(frame)).radio;
        CHECK(radio.signal_dbm == -70);
        CHECK_FALSE(radio.noise_dbm);
    }
    SECTION("none") {
        const auto radio = decode(AvsBuilder{}.ssi(avs::kSsiNone, -70, -90).build(frame)).radio;
        CHECK_FALSE(radio.signal_dbm);
        CHECK_FALSE(radio.signal_rssi);
    }
}

TEST_CASE("AVS frames end with an FCS: checked, or skipped when it is the 0xFFFFFFFF filler", "[linklayer][avs]") {
    const auto frame = sample_beacon();
    const auto corrupt = decode(AvsBuilder{}.fcs(AvsFcs::corrupt).build(frame));
    REQUIRE(corrupt.error.ok());
    CHECK(corrupt.radio.bad_fcs);
    CHECK(same_bytes(corrupt.payload.bytes, frame));

    const auto filler = decode(AvsBuilder{}.fcs(AvsFcs::not_supplied).build(frame));
    REQUIRE(filler.error.ok());
    CHECK_FALSE(filler.radio.bad_fcs);
    CHECK(same_bytes(filler.payload.bytes, frame));
}

TEST_CASE("AVS header damage is reported with its status", "[linklayer][avs]") {
    const auto frame = sample_beacon();
    SECTION("no AVS magic is malformed") {
        CHECK(decode(AvsBuilder{}.magic(0x12345678).build(frame)).error.status == DissectStatus::malformed);
    }
    SECTION("an AVS magic of an unknown version is unsupported") {
        CHECK(decode(AvsBuilder{}.version(3).build(frame)).error.status == DissectStatus::unsupported_version);
    }
    SECTION("a header length below 64 is malformed") {
        CHECK(decode(AvsBuilder{}.header_length(63).build(frame)).error.status == DissectStatus::malformed);
    }
    SECTION("a header length past the packet is truncated") {
        CHECK(decode(AvsBuilder{}.header_length(4096).build(frame)).error.status == DissectStatus::truncated);
    }
    SECTION("fewer than four bytes after the header is truncated") {
        auto packet = AvsBuilder{}.header();
        packet.push_back(0xD4);
        CHECK(decode(packet).error.status == DissectStatus::truncated);
    }
    SECTION("a header cut at every length is truncated") {
        const auto packet = g_radio().build(frame);
        const auto wrong = kismetcore::testing::prefixes_not_reporting(
            packet, avs::kHeaderLengthV2 + 4, DissectStatus::truncated, [](std::span<const std::uint8_t> prefix) {
                RadioInfo radio;
                LinkPayload payload;
                return dissect_avs(prefix, radio, payload);
            });
        CHECK(wrong.empty());
    }
}
