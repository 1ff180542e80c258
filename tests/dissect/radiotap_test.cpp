// Radiotap (DLT 127): every registry field, alignment, presence words, namespaces, TLVs, FCS, damage.
#include <catch2/catch.hpp>

#include "kismetcore/craft/radiotap_builder.h"
#include "kismetcore/dissect/fcs.h"
#include "kismetcore/dissect/radiotap_reader.h"
#include "support/link_layer_frames.h"

using namespace kismetcore::dissect;
using kismetcore::craft::RadiotapBuilder;
using kismetcore::craft::RadiotapVht;
using kismetcore::testing::same_bytes;
using kismetcore::testing::sample_beacon;
namespace rt = kismetcore::dissect::radiotap;

namespace {

using Decoded = kismetcore::testing::DecodedLinkLayer;

Decoded decode(std::vector<std::uint8_t> packet) {
    return kismetcore::testing::decode_link_layer(dissect_radiotap, std::move(packet));
}

}  // namespace

TEST_CASE("radiotap decodes every field of the default namespace", "[linklayer][radiotap]") {
    const auto frame = sample_beacon();
    const auto packet = RadiotapBuilder{}
                            .tsft(0x1122334455667788)
                            .flags(rt::kFlagShortPreamble | rt::kFlagDataPad)
                            .rate(108)
                            .channel(5180, rt::kChannelOfdm | rt::kChannel5Ghz)
                            .fhss(3, 7)
                            .signal_dbm(-42)
                            .noise_dbm(-95)
                            .lock_quality(77)
                            .tx_attenuation(5)
                            .db_tx_attenuation(6)
                            .tx_power_dbm(17)
                            .antenna(2)
                            .signal_db(40)
                            .noise_db(3)
                            .rx_flags(rt::kRxFlagBadPlcp)
                            .tx_flags(0x0008)
                            .rts_retries(1)
                            .data_retries(4)
                            .xchannel(0x00000140, 5180, 36, 20)
                            .mcs(0x07, 0x05, 15)
                            .ampdu_status(0xA1B2C3D4, 0x0004, 0x55)
                            .vht(RadiotapVht{})
                            .timestamp(0x0123456789ABCDEF, 12, 0x11, 0)
                            .he({0, 0, 0, 0, 0, 0})
                            .he_mu(0, 0, {1, 2, 3, 4}, {5, 6, 7, 8})
                            .he_mu_other_user(1, 2, 3, 4)
                            .zero_length_psdu(1)
                            .lsig(0x1234, 0x5678)
                            .build(frame);
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    const auto& radio = decoded.radio;
    CHECK(radio.header == LinkHeaderType::radiotap);
    CHECK(radio.tsft == 0x1122334455667788u);
    CHECK(radio.short_preamble);
    CHECK(radio.data_pad);
    CHECK(radio.rate_500kbps == 108u);
    CHECK(radio.frequency_khz == 5180000u);
    CHECK(radio.channel == 36u);
    CHECK(radio.channel_flags == (rt::kChannelOfdm | rt::kChannel5Ghz));
    REQUIRE(radio.fhss);
    CHECK(radio.fhss->hop_set == 3);
    CHECK(radio.fhss->hop_pattern == 7);
    CHECK(radio.signal_dbm == -42);
    CHECK(radio.noise_dbm == -95);
    CHECK(radio.lock_quality == 77);
    CHECK(radio.tx_attenuation == 5);
    CHECK(radio.tx_attenuation_db == 6);
    CHECK(radio.tx_power_dbm == 17);
    CHECK(radio.antenna == 2);
    CHECK(radio.signal_db == 40);
    CHECK(radio.noise_db == 3);
    CHECK(radio.rx_flags == rt::kRxFlagBadPlcp);
    CHECK(radio.phy_error);
    CHECK(radio.tx_flags == 0x0008);
    CHECK(radio.rts_retries == 1);
    CHECK(radio.data_retries == 4);
    CHECK(radio.xchannel_flags == 0x00000140u);
    CHECK(radio.mcs_index == 15);  // VHT and HE say nothing known, so the MCS field's index stands
    CHECK(radio.bandwidth_mhz == 40);
    CHECK(radio.short_gi);
    CHECK(radio.ampdu_reference == 0xA1B2C3D4u);
    REQUIRE(radio.timestamp);
    CHECK(radio.timestamp->value == 0x0123456789ABCDEFu);
    CHECK(radio.timestamp->accuracy == 12);
    CHECK(radio.timestamp->unit_position == 0x11);
    CHECK(radio.encoding == PhyEncoding::he);  // the last PHY field present
    CHECK(radio.zero_length_psdu_type == 1);
    CHECK(radio.antenna_count == 1);
    CHECK(radio.fields_complete);
    CHECK_FALSE(radio.fcs_present);
    CHECK(decoded.payload.dlt == 105);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("radiotap field sizes and alignments follow the radiotap.org registry", "[linklayer][radiotap]") {
    // Written out from radiotap.org/fields, independently of the reader's table: {field, alignment, size}.
    struct Registered {
        unsigned field;
        std::size_t alignment;
        std::size_t size;
    };
    const Registered registry[] = {{0, 8, 8},   {1, 1, 1},  {2, 1, 1},  {3, 2, 4},   {4, 2, 2},   {5, 1, 1},
                                   {6, 1, 1},   {7, 2, 2},  {8, 2, 2},  {9, 2, 2},   {10, 1, 1},  {11, 1, 1},
                                   {12, 1, 1},  {13, 1, 1}, {14, 2, 2}, {15, 2, 2},  {16, 1, 1},  {17, 1, 1},
                                   {18, 4, 8},  {19, 1, 3}, {20, 4, 8}, {21, 2, 12}, {22, 8, 12}, {23, 2, 12},
                                   {24, 2, 12}, {25, 2, 6}, {26, 1, 1}, {27, 2, 4}};
    for (const auto& entry : registry) {
        INFO("field " << entry.field);
        const auto layout = rt::field_layout(entry.field);
        REQUIRE(layout);
        CHECK(layout->align == entry.alignment);
        CHECK(layout->size == entry.size);

        // Behind the 1-byte Flags field at offset 8 the field starts at the next multiple of its alignment
        // (fields 0 and 1 come first themselves), and the walk must end at it_len with the frame intact.
        RadiotapBuilder builder;
        if (entry.field >= 2) builder.flags(0);
        const std::vector<std::uint8_t> field_bytes(entry.size, 0);
        const auto header =
            builder.raw_field(entry.field, static_cast<std::uint8_t>(entry.alignment), field_bytes).header();
        const std::size_t start = entry.field >= 2 ? (9 + entry.alignment - 1) / entry.alignment * entry.alignment : 8;
        CHECK(header.size() == start + entry.size);
        const auto frame = sample_beacon();
        auto packet = header;
        packet.insert(packet.end(), frame.begin(), frame.end());
        const auto decoded = decode(packet);
        CHECK(decoded.error.ok());
        CHECK(decoded.radio.fields_complete);
        CHECK(same_bytes(decoded.payload.bytes, frame));
    }
    CHECK_FALSE(rt::field_layout(32));
}

TEST_CASE("radiotap pads each field to its natural alignment after odd-sized ones", "[linklayer][radiotap]") {
    // Laid out by hand from radiotap.org: Flags, Channel, dBm signal, lock quality, XChannel, timestamp.
    const std::vector<std::uint8_t> expected_header{
        0x00, 0x00, 0x2C, 0x00,                          // version 0, pad, it_len 44
        0xAA, 0x00, 0x44, 0x00,                          // present: bits 1, 3, 5, 7 | bits 18, 22
        0x10,                                            // 8: Flags = FCS present
        0x00,                                            // 9: pad to 2
        0x6C, 0x09, 0xA0, 0x00,                          // 10: Channel 2412 MHz, CCK | 2 GHz
        0xC4,                                            // 14: dBm signal -60
        0x00,                                            // 15: pad to 2
        0x2A, 0x00,                                      // 16: lock quality 42
        0x00, 0x00,                                      // 18: pad to 4
        0x80, 0x00, 0x00, 0x00, 0x6C, 0x09, 0x01, 0x14,  // 20: XChannel flags 0x80, 2412 MHz, ch 1, 20 dBm
        0x00, 0x00, 0x00, 0x00,                          // 28: pad to 8
        0xEF, 0xCD, 0xAB, 0x89, 0x67, 0x45, 0x23, 0x01,  // 32: timestamp
        0x00, 0x00, 0x01, 0x00,                          // 40: accuracy 0, unit microseconds, flags 0
    };
    const auto header = RadiotapBuilder{}
                            .channel(2412, rt::kChannelCck | rt::kChannel2Ghz)
                            .signal_dbm(-60)
                            .lock_quality(42)
                            .xchannel(0x80, 2412, 1, 20)
                            .timestamp(0x0123456789ABCDEF, 0, 0x01, 0)
                            .fcs()
                            .header();
    REQUIRE(header == expected_header);

    const auto frame = sample_beacon();
    auto packet = expected_header;
    packet.insert(packet.end(), frame.begin(), frame.end());
    const std::uint32_t crc = crc32(frame);
    for (int shift = 0; shift < 32; shift += 8) packet.push_back(static_cast<std::uint8_t>(crc >> shift));
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.frequency_khz == 2412000u);
    CHECK(decoded.radio.signal_dbm == -60);
    CHECK(decoded.radio.lock_quality == 42);
    CHECK(decoded.radio.xchannel_flags == 0x80u);
    REQUIRE(decoded.radio.timestamp);
    CHECK(decoded.radio.timestamp->value == 0x0123456789ABCDEFu);
    CHECK(decoded.radio.fcs_present);
    CHECK_FALSE(decoded.radio.bad_fcs);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("radiotap TSFT after a vendor namespace of odd length is realigned to 8", "[linklayer][radiotap]") {
    const std::vector<std::uint8_t> vendor_data{1, 2, 3, 4, 5};  // 8 + 4 + ... leaves TSFT misaligned
    const auto frame = sample_beacon();
    const auto packet = RadiotapBuilder{}
                            .rate(2)
                            .vendor_namespace({0x00, 0x11, 0x22}, 1, vendor_data, 0x0000000F)
                            .next_radiotap_namespace()
                            .tsft(0xDEADBEEF00C0FFEE)
                            .signal_dbm(-61)
                            .build(frame);
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.rate_500kbps == 2u);
    CHECK(decoded.radio.vendor_namespaces == 1);
    CHECK(decoded.radio.tsft == 0xDEADBEEF00C0FFEEu);
    CHECK(decoded.radio.signal_dbm == -61);
    CHECK(decoded.radio.fields_complete);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("radiotap presence words with namespace resets give one reading per antenna", "[linklayer][radiotap]") {
    // The Linux layout: the combined signal first, then one default-namespace word per receive chain.
    const auto frame = sample_beacon();
    const auto packet = RadiotapBuilder{}
                            .flags(0)
                            .channel(2437, rt::kChannelOfdm | rt::kChannel2Ghz)
                            .signal_dbm(-56)
                            .next_radiotap_namespace()
                            .signal_dbm(-58)
                            .antenna(0)
                            .next_radiotap_namespace()
                            .signal_dbm(-68)
                            .noise_dbm(-95)
                            .antenna(1)
                            .build(frame);
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    const auto& radio = decoded.radio;
    CHECK(radio.signal_dbm == -56);  // the first dBm signal is the packet's, as in Kismet
    CHECK(radio.noise_dbm == -95);
    CHECK(radio.antenna == 0);
    REQUIRE(radio.antenna_count == 2);
    CHECK(radio.antennas[0].antenna == 0);
    CHECK(radio.antennas[0].signal_dbm == -58);
    CHECK_FALSE(radio.antennas[0].noise_dbm);
    CHECK(radio.antennas[1].antenna == 1);
    CHECK(radio.antennas[1].signal_dbm == -68);
    CHECK(radio.antennas[1].noise_dbm == -95);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("radiotap skips vendor namespaces by skip_length, whatever their presence bits say",
          "[linklayer][radiotap]") {
    const std::vector<std::uint8_t> first_vendor{0xAA, 0xBB, 0xCC};
    const std::vector<std::uint8_t> second_vendor(17, 0xEE);
    const auto frame = sample_beacon();
    // Vendor words claim fields 0-3 and 0-27: none of them are default-namespace fields.
    const auto packet = RadiotapBuilder{}
                            .signal_dbm(-40)
                            .vendor_namespace({0x00, 0x88, 0x88}, 0, first_vendor, 0x0000000F)
                            .vendor_namespace({0x00, 0x99, 0x99}, 7, second_vendor, 0x0FFFFFFF)
                            .next_radiotap_namespace()
                            .channel(5745, rt::kChannelOfdm | rt::kChannel5Ghz)
                            .antenna(3)
                            .build(frame);
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.vendor_namespaces == 2);
    CHECK(decoded.radio.signal_dbm == -40);
    CHECK(decoded.radio.frequency_khz == 5745000u);
    CHECK(decoded.radio.channel == 149u);
    CHECK(decoded.radio.antenna == 3);
    CHECK(decoded.radio.fields_complete);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("radiotap continuation words number fields from 32; an unknown one stops the walk", "[linklayer][radiotap]") {
    const std::vector<std::uint8_t> unknown{1, 2, 3, 4};
    const auto frame = sample_beacon();
    const auto packet = RadiotapBuilder{}
                            .rate(12)
                            .continue_bitmap()
                            .raw_field(3, 4, unknown)  // field 35: not in the registry
                            .next_radiotap_namespace()
                            .antenna(5)  // cannot be located once field 35 is unknown
                            .build(frame);
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.rate_500kbps == 12u);
    CHECK_FALSE(decoded.radio.fields_complete);
    CHECK_FALSE(decoded.radio.antenna);
    CHECK(same_bytes(decoded.payload.bytes, frame));  // the frame still starts at it_len
}

TEST_CASE("radiotap with an empty continuation word decodes like a single word", "[linklayer][radiotap]") {
    const auto frame = sample_beacon();
    const auto packet = RadiotapBuilder{}.tsft(99).signal_dbm(-70).continue_bitmap().continue_bitmap().build(frame);
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.tsft == 99u);
    CHECK(decoded.radio.signal_dbm == -70);
    CHECK(decoded.radio.fields_complete);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("radiotap reads a TLV list, zero-filling fields a TLV cuts short", "[linklayer][radiotap]") {
    const std::vector<std::uint8_t> signal{0xCE};                       // type 5, dBm signal -50
    const std::vector<std::uint8_t> half_tsft{0x78, 0x56, 0x34, 0x12};  // type 0, high 4 bytes omitted: read 0
    const std::vector<std::uint8_t> mcs_without_index{0x01, 0x01};      // type 19: 40 MHz known, index omitted
    // Type 34 EHT: known, data[9], then one user_info with MCS known (0x2) and NSS known (0x10): MCS 13, 2 NSS.
    std::vector<std::uint8_t> eht(40, 0);
    const std::uint32_t user_info = 0x02 | 0x10 | (13u << 20) | (2u << 24);
    for (int shift = 0; shift < 32; shift += 8) eht.push_back(static_cast<std::uint8_t>(user_info >> shift));
    const std::vector<std::uint8_t> vendor{0x00, 0x11, 0x22, 0x01, 0x00, 0x00, 0x00, 0x00, 0x99};
    const auto frame = sample_beacon();
    const auto packet = RadiotapBuilder{}
                            .rate(4)
                            .tlv(rt::kDbmAntennaSignal, signal)
                            .tlv(rt::kTsft, half_tsft)
                            .tlv(rt::kMcs, mcs_without_index)
                            .tlv(rt::kVendorNamespace, vendor)
                            .tlv(rt::kTlvEht, eht)
                            .build(frame);
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.rate_500kbps == 4u);
    CHECK(decoded.radio.signal_dbm == -50);
    CHECK(decoded.radio.tsft == 0x12345678u);
    CHECK(decoded.radio.bandwidth_mhz == 40);
    CHECK(decoded.radio.encoding == PhyEncoding::eht);
    CHECK(decoded.radio.mcs_index == 13);
    CHECK(decoded.radio.spatial_streams == 2);
    CHECK(same_bytes(decoded.payload.bytes, frame));
}

TEST_CASE("radiotap TLV whose length runs past it_len is malformed", "[linklayer][radiotap]") {
    const std::vector<std::uint8_t> signal{0xCE};
    auto header = RadiotapBuilder{}.tlv(rt::kDbmAntennaSignal, signal).header();
    header[header.size() - 6] = 40;  // the TLV's length field (the item is 4 + 1 + 3 padding bytes long)
    const auto decoded = decode(header);
    CHECK(decoded.error.status == DissectStatus::malformed);
}

TEST_CASE("radiotap MCS field gives HT index, width, guard interval and streams", "[linklayer][radiotap]") {
    const auto frame = sample_beacon();
    // known: bandwidth | index | guard interval; flags: 40 MHz (1) | short GI (0x04); MCS 23 = 3 streams.
    const auto decoded = decode(RadiotapBuilder{}.mcs(0x07, 0x01 | 0x04, 23).build(frame));
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.encoding == PhyEncoding::ht);
    CHECK(decoded.radio.mcs_index == 23);
    CHECK(decoded.radio.bandwidth_mhz == 40);
    CHECK(decoded.radio.short_gi);
    CHECK(decoded.radio.spatial_streams == 3);
    CHECK_FALSE(decoded.radio.rate_500kbps);

    const auto unknown_index = decode(RadiotapBuilder{}.mcs(0x00, 0x00, 7).build(frame));
    CHECK_FALSE(unknown_index.radio.mcs_index);
}

TEST_CASE("radiotap VHT field gives the first user's MCS and streams and the occupied width", "[linklayer][radiotap]") {
    RadiotapVht vht;
    vht.known = 0x0044;             // bandwidth and guard interval known
    vht.flags = 0x04;               // short GI
    vht.bandwidth = 4;              // 80 MHz
    vht.mcs_nss = {0x92, 0, 0, 0};  // MCS 9, 2 streams
    const auto decoded = decode(RadiotapBuilder{}.vht(vht).build(sample_beacon()));
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.encoding == PhyEncoding::vht);
    CHECK(decoded.radio.mcs_index == 9);
    CHECK(decoded.radio.spatial_streams == 2);
    CHECK(decoded.radio.bandwidth_mhz == 80);
    CHECK(decoded.radio.short_gi);

    vht.bandwidth = 11;  // 160 MHz
    CHECK(decode(RadiotapBuilder{}.vht(vht).build(sample_beacon())).radio.bandwidth_mhz == 160);
}

TEST_CASE("radiotap HE field gives MCS, width and space-time streams when marked known", "[linklayer][radiotap]") {
    // data1: data MCS known (0x0020) | BW/RU known (0x4000); data3 bits 8-11 MCS 11; data5 BW code 2 (80 MHz);
    // data6 bits 0-3 NSTS 2.
    const auto decoded = decode(RadiotapBuilder{}.he({0x4020, 0, 11u << 8, 0, 2, 2}).build(sample_beacon()));
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.encoding == PhyEncoding::he);
    CHECK(decoded.radio.mcs_index == 11);
    CHECK(decoded.radio.bandwidth_mhz == 80);
    CHECK(decoded.radio.spatial_streams == 2);
}

TEST_CASE("radiotap XChannel supplies the frequency when the Channel field is absent", "[linklayer][radiotap]") {
    const auto decoded = decode(RadiotapBuilder{}.xchannel(0x00000140, 5825, 165, 30).build(sample_beacon()));
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.frequency_khz == 5825000u);
    CHECK(decoded.radio.channel == 165u);
    CHECK(decoded.radio.encoding == PhyEncoding::ofdm);
}

TEST_CASE("radiotap FCS flag cuts the last four bytes and checks them against the CRC-32", "[linklayer][radiotap]") {
    const auto frame = sample_beacon();
    SECTION("a matching FCS") {
        const auto packet = RadiotapBuilder{}.rate(2).fcs().build(frame);
        const auto decoded = decode(packet);
        REQUIRE(decoded.error.ok());
        CHECK(decoded.radio.fcs_present);
        CHECK_FALSE(decoded.radio.bad_fcs);
        CHECK(same_bytes(decoded.payload.bytes, frame));
    }
    SECTION("a corrupted FCS is detected although the header does not flag it") {
        const auto decoded = decode(RadiotapBuilder{}.rate(2).corrupt_fcs().build(frame));
        REQUIRE(decoded.error.ok());
        CHECK(decoded.radio.fcs_present);
        CHECK(decoded.radio.bad_fcs);
        CHECK(same_bytes(decoded.payload.bytes, frame));
    }
    SECTION("the bad-FCS flag is believed even when the CRC matches") {
        const auto decoded = decode(RadiotapBuilder{}.flags(rt::kFlagBadFcs).fcs().build(frame));
        CHECK(decoded.radio.bad_fcs);
    }
    SECTION("without the flag the whole frame is handed back, trailing bytes included") {
        auto with_crc = frame;
        const std::uint32_t crc = crc32(frame);
        for (int shift = 0; shift < 32; shift += 8) with_crc.push_back(static_cast<std::uint8_t>(crc >> shift));
        const auto decoded = decode(RadiotapBuilder{}.rate(2).build(with_crc));
        CHECK_FALSE(decoded.radio.fcs_present);
        CHECK(decoded.payload.bytes.size() == with_crc.size());
    }
    SECTION("an FCS flag with fewer than four bytes after the header is truncated") {
        const std::vector<std::uint8_t> stub{0xD4, 0x00, 0x00};
        const auto packet = RadiotapBuilder{}.flags(rt::kFlagFcsPresent).build(stub);
        CHECK(decode(packet).error.status == DissectStatus::truncated);
    }
}

TEST_CASE("radiotap zero-length PSDU hands back an empty frame", "[linklayer][radiotap]") {
    const auto packet = RadiotapBuilder{}.zero_length_psdu(0).header();
    const auto decoded = decode(packet);
    REQUIRE(decoded.error.ok());
    CHECK(decoded.radio.zero_length_psdu_type == 0);
    CHECK(decoded.payload.bytes.empty());
}

TEST_CASE("radiotap header cut at every length reports truncated, never more", "[linklayer][radiotap]") {
    const auto packet = RadiotapBuilder{}
                            .tsft(1)
                            .flags(0)
                            .channel(2412, 0)
                            .signal_dbm(-30)
                            .next_radiotap_namespace()
                            .signal_dbm(-31)
                            .antenna(0)
                            .vendor_namespace({1, 2, 3}, 0, std::vector<std::uint8_t>(9, 0))
                            .next_radiotap_namespace()
                            .mcs(0x02, 0, 3)
                            .vht(RadiotapVht{})
                            .timestamp(5, 0, 1, 0)
                            .tlv(rt::kTlvUSig, std::vector<std::uint8_t>(12, 0))
                            .fcs()
                            .build(sample_beacon());
    const std::size_t it_len = std::size_t{packet[2]} | (std::size_t{packet[3]} << 8);
    const auto wrong = kismetcore::testing::prefixes_not_reporting(packet, it_len, DissectStatus::truncated,
                                                                   [](std::span<const std::uint8_t> prefix) {
                                                                       RadioInfo radio;
                                                                       LinkPayload payload;
                                                                       return dissect_radiotap(prefix, radio, payload);
                                                                   });
    CHECK(wrong.empty());
    // Past it_len every cut decodes: only the FCS check can tell the frame was cut.
    for (std::size_t length = it_len + 4; length <= packet.size(); ++length) {
        const std::vector<std::uint8_t> prefix(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(length));
        const auto decoded = decode(prefix);
        INFO("length " << length);
        CHECK(decoded.error.ok());
        CHECK(decoded.radio.bad_fcs == (length != packet.size()));
    }
}

TEST_CASE("radiotap header damage is reported with its status", "[linklayer][radiotap]") {
    const auto frame = sample_beacon();
    SECTION("it_len past the captured bytes is truncated") {
        const auto packet = RadiotapBuilder{}.rate(2).length_override(200).build(std::vector<std::uint8_t>(20, 0));
        CHECK(decode(packet).error.status == DissectStatus::truncated);
    }
    SECTION("it_len below the 8-byte minimum is malformed") {
        for (std::uint16_t it_len = 0; it_len < 8; ++it_len) {
            const auto packet = RadiotapBuilder{}.length_override(it_len).build(frame);
            CHECK(decode(packet).error.status == DissectStatus::malformed);
        }
    }
    SECTION("a version other than 0 is unsupported") {
        const auto decoded = decode(RadiotapBuilder{}.version(1).build(frame));
        CHECK(decoded.error.status == DissectStatus::unsupported_version);
        CHECK(decoded.payload.bytes.empty());
    }
    SECTION("presence words running past it_len are malformed") {
        const auto packet = RadiotapBuilder{}.continue_bitmap().length_override(8).build(frame);
        CHECK(decode(packet).error.status == DissectStatus::malformed);
    }
    SECTION("a field running past it_len is malformed") {
        const auto packet = RadiotapBuilder{}.tsft(1).length_override(12).build(frame);
        CHECK(decode(packet).error.status == DissectStatus::malformed);
    }
    SECTION("a vendor namespace whose skip_length runs past it_len is malformed") {
        auto packet = RadiotapBuilder{}.vendor_namespace({1, 2, 3}, 0, std::vector<std::uint8_t>(2, 0)).build(frame);
        packet[16] = 0xFF;  // skip_length, after the two presence words and the OUI and sub namespace
        CHECK(decode(packet).error.status == DissectStatus::malformed);
    }
}
