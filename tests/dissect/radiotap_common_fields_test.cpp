// The radiotap fast path for one presence word of common fields decodes exactly what the general walk decodes.
#include <catch2/catch.hpp>

#include <map>
#include <string_view>

#include "kismetcore/craft/radiotap_builder.h"
#include "kismetcore/dissect/radiotap_reader.h"
#include "support/link_layer_frames.h"

using namespace kismetcore::dissect;
using kismetcore::craft::RadiotapBuilder;
using kismetcore::testing::sample_beacon;
namespace rt = kismetcore::dissect::radiotap;

namespace {

using Decoded = kismetcore::testing::DecodedLinkLayer;

Decoded decode(std::vector<std::uint8_t> packet) {
    return kismetcore::testing::decode_link_layer(dissect_radiotap, std::move(packet));
}

// The same fields in one word (the fast path) and in a word continued by an empty second one (the general walk).
RadiotapBuilder common_fields() {
    RadiotapBuilder builder;
    builder.tsft(0x0102030405060708)
        .flags(rt::kFlagShortPreamble | rt::kFlagBadFcs)
        .rate(108)
        .channel(5180, 0x0140)
        .signal_dbm(-51)
        .noise_dbm(-95)
        .antenna(2)
        .signal_db(40)
        .noise_db(3)
        .rx_flags(rt::kRxFlagBadPlcp);
    return builder;
}

void check_same(const RadioInfo& fast, const RadioInfo& general) {
    CHECK(fast.tsft == general.tsft);
    CHECK(fast.radiotap_flags == general.radiotap_flags);
    CHECK(fast.fcs_present == general.fcs_present);
    CHECK(fast.bad_fcs == general.bad_fcs);
    CHECK(fast.short_preamble == general.short_preamble);
    CHECK(fast.data_pad == general.data_pad);
    CHECK(fast.short_gi == general.short_gi);
    CHECK(fast.rate_500kbps == general.rate_500kbps);
    CHECK(fast.frequency_khz == general.frequency_khz);
    CHECK(fast.channel == general.channel);
    CHECK(fast.channel_flags == general.channel_flags);
    CHECK(fast.encoding == general.encoding);
    CHECK(fast.signal_dbm == general.signal_dbm);
    CHECK(fast.noise_dbm == general.noise_dbm);
    CHECK(fast.antenna == general.antenna);
    CHECK(fast.signal_db == general.signal_db);
    CHECK(fast.noise_db == general.noise_db);
    CHECK(fast.rx_flags == general.rx_flags);
    CHECK(fast.phy_error == general.phy_error);
    REQUIRE(fast.antenna_count == general.antenna_count);
    for (std::size_t i = 0; i < fast.antenna_count; ++i) {
        CHECK(fast.antennas[i].antenna == general.antennas[i].antenna);
        CHECK(fast.antennas[i].signal_dbm == general.antennas[i].signal_dbm);
        CHECK(fast.antennas[i].noise_dbm == general.antennas[i].noise_dbm);
    }
    CHECK(fast.fields_complete == general.fields_complete);
}

}  // namespace

TEST_CASE("one word of common radiotap fields decodes as the general walk does", "[linklayer][radiotap]") {
    const auto frame = sample_beacon();
    const auto fast = decode(common_fields().build(frame));
    const auto general = decode(common_fields().continue_bitmap().build(frame));
    REQUIRE(fast.error.ok());
    REQUIRE(general.error.ok());
    check_same(fast.radio, general.radio);
    // Pinned, so that both paths being wrong the same way fails too.
    CHECK(fast.radio.tsft == 0x0102030405060708u);
    CHECK(fast.radio.frequency_khz == 5180000u);
    CHECK(fast.radio.channel == 36u);
    CHECK(fast.radio.encoding == PhyEncoding::ofdm);
    CHECK(fast.radio.signal_dbm == -51);
    CHECK(fast.radio.bad_fcs);
    CHECK(fast.radio.phy_error);
    REQUIRE(fast.radio.antenna_count == 1);
    CHECK(fast.radio.antennas[0].antenna == 2);
    CHECK(fast.radio.antennas[0].noise_dbm == -95);
    CHECK(fast.payload.bytes.size() == frame.size());
}

TEST_CASE("a common-fields word without an antenna reports no receive chain", "[linklayer][radiotap]") {
    const auto frame = sample_beacon();
    const auto fast = decode(RadiotapBuilder{}.rate(2).signal_dbm(-70).build(frame));
    REQUIRE(fast.error.ok());
    CHECK(fast.radio.rate_500kbps == 2u);
    CHECK(fast.radio.signal_dbm == -70);
    CHECK(fast.radio.antenna_count == 0);
    CHECK_FALSE(fast.radio.tsft);
    CHECK_FALSE(fast.radio.channel);
}

TEST_CASE("common fields cut by it_len are reported by the general walk", "[linklayer][radiotap]") {
    auto packet = common_fields().build(sample_beacon());
    packet[2] = 20;  // it_len: the header now ends inside the channel field
    packet[3] = 0;
    const auto cut = decode(packet);
    CHECK(cut.error.status == DissectStatus::malformed);
    CHECK(std::string_view(cut.error.reason) == "radiotap field runs past it_len");
}

TEST_CASE("the fast path names the encoding the general walk names for every mix of modulation flags",
          "[linklayer][radiotap]") {
    constexpr std::uint16_t kModulations[] = {rt::kChannelCck, rt::kChannelOfdm, rt::kChannelDynamicCck,
                                              rt::kChannelGfsk};
    const auto frame = sample_beacon();
    std::map<std::uint16_t, PhyEncoding> fast_encodings;
    for (unsigned mix = 0; mix < 16; ++mix) {
        std::uint16_t flags = rt::kChannel2Ghz;
        for (unsigned bit = 0; bit < 4; ++bit)
            if ((mix & (1u << bit)) != 0) flags = static_cast<std::uint16_t>(flags | kModulations[bit]);
        const auto fast = decode(RadiotapBuilder{}.channel(2437, flags).signal_dbm(-60).build(frame));
        const auto general =
            decode(RadiotapBuilder{}.channel(2437, flags).signal_dbm(-60).continue_bitmap().build(frame));
        INFO("channel flags 0x" << std::hex << flags);
        REQUIRE(fast.error.ok());
        REQUIRE(general.error.ok());
        CHECK(fast.radio.encoding == general.radio.encoding);
        fast_encodings[static_cast<std::uint16_t>(flags & ~rt::kChannel2Ghz)] = fast.radio.encoding;
    }
    // GFSK wins, then OFDM or dynamic CCK-OFDM, then CCK.
    CHECK(fast_encodings[0] == PhyEncoding::unknown);
    CHECK(fast_encodings[rt::kChannelCck] == PhyEncoding::cck);
    CHECK(fast_encodings[rt::kChannelCck | rt::kChannelOfdm] == PhyEncoding::ofdm);
    CHECK(fast_encodings[rt::kChannelCck | rt::kChannelDynamicCck] == PhyEncoding::ofdm);
    CHECK(fast_encodings[rt::kChannelOfdm | rt::kChannelGfsk] == PhyEncoding::fhss);
}

TEST_CASE("the fast path decodes every flags octet and any frequency as the general walk does",
          "[linklayer][radiotap]") {
    const auto frame = sample_beacon();
    for (unsigned flags = 0; flags < 256; ++flags) {
        const auto octet = static_cast<std::uint8_t>(flags & ~unsigned{rt::kFlagFcsPresent});  // no FCS to cut
        const auto fast = decode(RadiotapBuilder{}.flags(octet).rate(2).build(frame));
        const auto general = decode(RadiotapBuilder{}.flags(octet).rate(2).continue_bitmap().build(frame));
        INFO("flags 0x" << std::hex << flags);
        REQUIRE(fast.error.ok());
        REQUIRE(general.error.ok());
        check_same(fast.radio, general.radio);
    }
    // Inside the channel table, at its edges, outside it (S1G, DMG) and none at all.
    for (const unsigned mhz : {0u, 920u, 2399u, 2400u, 2412u, 2484u, 4940u, 5180u, 5955u, 7125u, 7126u, 58320u}) {
        const auto channel_mhz = static_cast<std::uint16_t>(mhz);
        const auto fast = decode(RadiotapBuilder{}.channel(channel_mhz, rt::kChannelOfdm).signal_dbm(-60).build(frame));
        const auto general = decode(
            RadiotapBuilder{}.channel(channel_mhz, rt::kChannelOfdm).signal_dbm(-60).continue_bitmap().build(frame));
        INFO(mhz << " MHz");
        REQUIRE(fast.error.ok());
        REQUIRE(general.error.ok());
        check_same(fast.radio, general.radio);
        CHECK(fast.radio.frequency_khz.has_value() == (mhz != 0));
    }
}
