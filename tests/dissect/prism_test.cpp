// Prism (DLT 119): the wlan-ng header's items, DID numberings, byte order, msglen, FCS, AVS under DLT 119.
#include <catch2/catch.hpp>

#include "kismetcore/craft/avs_builder.h"
#include "kismetcore/craft/prism_builder.h"
#include "kismetcore/dissect/prism_reader.h"
#include "support/link_layer_frames.h"

using namespace kismetcore::dissect;
using kismetcore::craft::AvsBuilder;
using kismetcore::craft::PrismBuilder;
using kismetcore::testing::same_bytes;
using kismetcore::testing::sample_beacon;

namespace {

using Decoded = kismetcore::testing::DecodedLinkLayer;

Decoded decode(std::vector<std::uint8_t> packet) {
    return kismetcore::testing::decode_link_layer(dissect_prism, std::move(packet));
}

PrismBuilder madwifi_like() {
    return PrismBuilder{}.device_name("ath0").host_time(6567637).mac_time(2039931272).channel(7).rate(2);
}

}  // namespace

TEST_CASE("Prism header gives channel, frequency, rate and MAC time", "[linklayer][prism]") {
    const auto frame = sample_beacon();
    const auto packet = madwifi_like().build(frame);
    REQUIRE(packet.size() == prism::kHeaderLength + frame.size());
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    const auto& radio = decoded.radio;
    CHECK(radio.header == LinkHeaderType::prism);
    CHECK(radio.channel == 7u);
    CHECK(radio.frequency_khz == 2442000u);
    CHECK(radio.rate_500kbps == 2u);
    CHECK(radio.tsft == 2039931272u);
    CHECK_FALSE(radio.fcs_present);
    CHECK(decoded.payload.dlt == 105);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("Prism signal and noise are dBm when negative and a driver RSSI otherwise", "[linklayer][prism]") {
    const auto frame = sample_beacon();
    SECTION("dBm") {
        const auto decoded = decode(madwifi_like().signal(-61).noise(-95).build(frame));
        CHECK(decoded.radio.signal_dbm == -61);
        CHECK(decoded.radio.noise_dbm == -95);
        CHECK_FALSE(decoded.radio.signal_rssi);
    }
    SECTION("RSSI") {
        const auto decoded = decode(madwifi_like().signal(57).noise(3).build(frame));
        CHECK_FALSE(decoded.radio.signal_dbm);
        CHECK(decoded.radio.signal_rssi == 57u);
        CHECK(decoded.radio.noise_rssi == 3u);
    }
    SECTION("the RSSI item stands in when there is no signal item") {
        const auto decoded = decode(madwifi_like().rssi(-70).build(frame));
        CHECK(decoded.radio.signal_dbm == -70);
    }
    SECTION("items marked not supplied are ignored") {
        const auto decoded = decode(PrismBuilder{}.build(frame));
        REQUIRE(decoded.error.ok());
        CHECK_FALSE(decoded.radio.channel);
        CHECK_FALSE(decoded.radio.rate_500kbps);
        CHECK_FALSE(decoded.radio.signal_dbm);
        CHECK_FALSE(decoded.radio.signal_rssi);
    }
}

TEST_CASE("Prism headers in the older DID numbering and from big-endian hosts read the same", "[linklayer][prism]") {
    const auto frame = sample_beacon();
    for (const bool old_dids : {false, true}) {
        for (const bool big_endian : {false, true}) {
            INFO("old DIDs " << old_dids << ", big endian " << big_endian);
            const auto decoded =
                decode(madwifi_like().signal(-44).old_did_numbering(old_dids).big_endian(big_endian).build(frame));
            REQUIRE(decoded.error.ok());
            CHECK(decoded.radio.channel == 7u);
            CHECK(decoded.radio.rate_500kbps == 2u);
            CHECK(decoded.radio.signal_dbm == -44);
            CHECK(same_bytes(decoded.payload.bytes, frame));
        }
    }
}

TEST_CASE("Prism msglen sets where the frame starts", "[linklayer][prism]") {
    const auto frame = sample_beacon();
    auto packet = madwifi_like().message_length(156).header(frame.size());
    // A driver-specific eleventh item: unknown DID, skipped.
    const std::vector<std::uint8_t> extra_item{0x44, 0x00, 0x0B, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00};
    packet.insert(packet.end(), extra_item.begin(), extra_item.end());
    packet.insert(packet.end(), frame.begin(), frame.end());
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.channel == 7u);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("Prism cuts a trailing FCS only when it matches the frame", "[linklayer][prism]") {
    const auto frame = sample_beacon();
    const auto with_fcs = decode(madwifi_like().fcs().build(frame));
    REQUIRE(with_fcs.error.ok());
    CHECK(with_fcs.radio.fcs_present);
    CHECK_FALSE(with_fcs.radio.bad_fcs);
    CHECK(same_bytes(with_fcs.payload.bytes, frame));

    // A wrong CRC cannot be told from frame bytes: Prism has no FCS flag, so the frame is kept whole.
    const auto corrupt = decode(madwifi_like().corrupt_fcs().build(frame));
    CHECK_FALSE(corrupt.radio.fcs_present);
    CHECK(corrupt.payload.bytes.size() == frame.size() + 4);
}

TEST_CASE("DLT 119 packets that start with an AVS magic are read as AVS", "[linklayer][prism]") {
    const auto frame = sample_beacon();
    const auto decoded = decode(AvsBuilder{}.frequency(11).phy_type(4).build(frame));
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.header == LinkHeaderType::avs);
    CHECK(decoded.radio.channel == 11u);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("Prism header damage is reported with its status", "[linklayer][prism]") {
    const auto frame = sample_beacon();
    SECTION("msglen below the 24-byte preamble is malformed") {
        CHECK(decode(madwifi_like().message_length(20).build(frame)).error.status == DissectStatus::malformed);
    }
    SECTION("msglen past the packet is truncated") {
        CHECK(decode(madwifi_like().message_length(4000).build(frame)).error.status == DissectStatus::truncated);
    }
    SECTION("a header cut at every length is truncated") {
        const auto packet = madwifi_like().signal(-50).build(frame);
        const auto wrong = kismetcore::testing::prefixes_not_reporting(
            packet, prism::kHeaderLength, DissectStatus::truncated, [](std::span<const std::uint8_t> prefix) {
                RadioInfo radio;
                LinkPayload payload;
                return dissect_prism(prefix, radio, payload);
            });
        CHECK(wrong.empty());
    }
}
