// dissect_link_layer: dispatch by DLT, the FCS CRC, no allocation, and every real radiotap/PPI/Prism capture
// compared with what tshark 4.0 reports for it.
#include <catch2/catch.hpp>

#include <map>
#include <string_view>

#include "capture/allocation_counter.h"
#include "kismetcore/craft/avs_builder.h"
#include "kismetcore/craft/ppi_builder.h"
#include "kismetcore/craft/prism_builder.h"
#include "kismetcore/craft/radiotap_builder.h"
#include "kismetcore/dissect/fcs.h"
#include "kismetcore/dissect/link_layer.h"
#include "support/link_layer_frames.h"

using namespace kismetcore::dissect;
using kismetcore::testing::sample_ack;
using kismetcore::testing::sample_beacon;
using kismetcore::testing::shared_captures_with_dlt;

namespace {

bool same_bytes(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

std::vector<std::uint8_t> text_bytes(std::string_view text) {
    return {text.begin(), text.end()};
}

}  // namespace

TEST_CASE("CRC-32 matches the IEEE 802.3 check value and validates a trailing FCS", "[linklayer][fcs]") {
    CHECK(crc32(text_bytes("123456789")) == 0xCBF43926u);  // the standard check value of this CRC
    CHECK(crc32({}) == 0u);
    const auto long_text = text_bytes("The quick brown fox jumps over the lazy dog");  // exercises 8-byte slices
    CHECK(crc32(long_text) == 0x414FA339u);

    auto frame = sample_beacon();
    const std::uint32_t crc = crc32(frame);
    for (int shift = 0; shift < 32; shift += 8) frame.push_back(static_cast<std::uint8_t>(crc >> shift));
    CHECK(fcs_valid(frame));
    frame[3] ^= 0x01;
    CHECK_FALSE(fcs_valid(frame));
    CHECK_FALSE(fcs_valid(std::vector<std::uint8_t>{1, 2, 3}));
}

TEST_CASE("dissect_link_layer picks the reader by DLT and resets what the last packet left", "[linklayer]") {
    const auto frame = sample_beacon();
    RadioInfo radio;
    LinkPayload payload;

    const auto radiotap = kismetcore::craft::RadiotapBuilder{}.signal_dbm(-33).build(frame);
    REQUIRE(dissect_link_layer(127, radiotap, radio, payload).ok());
    CHECK(radio.header == LinkHeaderType::radiotap);
    CHECK(radio.signal_dbm == -33);

    REQUIRE(dissect_link_layer(105, frame, radio, payload).ok());
    CHECK(radio.header == LinkHeaderType::none);
    CHECK_FALSE(radio.signal_dbm);
    CHECK(payload.dlt == 105);
    CHECK(same_bytes(payload.bytes, frame));

    const auto ppi = kismetcore::craft::PpiBuilder{}.build(frame);
    REQUIRE(dissect_link_layer(192, ppi, radio, payload).ok());
    CHECK(radio.header == LinkHeaderType::ppi);

    const auto prism = kismetcore::craft::PrismBuilder{}.channel(1).build(frame);
    REQUIRE(dissect_link_layer(119, prism, radio, payload).ok());
    CHECK(radio.header == LinkHeaderType::prism);

    const auto avs = kismetcore::craft::AvsBuilder{}.build(frame);
    REQUIRE(dissect_link_layer(163, avs, radio, payload).ok());
    CHECK(radio.header == LinkHeaderType::avs);
    CHECK(same_bytes(payload.bytes, frame));

    const auto unsupported = dissect_link_layer(251, frame, radio, payload);
    CHECK(unsupported.status == DissectStatus::unsupported_link_type);
    CHECK(radio.header == LinkHeaderType::none);
    CHECK(payload.dlt == 251);
    CHECK(payload.bytes.size() == frame.size());
}

TEST_CASE("dissecting link-layer headers allocates nothing", "[linklayer]") {
    const auto frame = sample_ack();
    const auto radiotap = kismetcore::craft::RadiotapBuilder{}
                              .tsft(1)
                              .channel(2412, 0)
                              .signal_dbm(-40)
                              .next_radiotap_namespace()
                              .signal_dbm(-41)
                              .antenna(0)
                              .vendor_namespace({1, 2, 3}, 0, std::vector<std::uint8_t>(5, 0))
                              .next_radiotap_namespace()
                              .he({0x4020, 0, 0, 0, 0, 1})
                              .tlv(34, std::vector<std::uint8_t>(44, 0))
                              .fcs()
                              .build(frame);
    kismetcore::craft::PpiGps gps{std::nullopt, 1.0, 2.0, 3.0};
    const auto ppi = kismetcore::craft::PpiBuilder{}.common({}).n_mac_phy({}).gps(gps).fcs().build(frame);
    const auto prism = kismetcore::craft::PrismBuilder{}.channel(3).signal(-50).fcs().build(frame);
    const auto avs = kismetcore::craft::AvsBuilder{}.frequency(2412).build(frame);
    RadioInfo radio;
    LinkPayload payload;
    using kismetcore::testing::AllocationCounter;
    if (!AllocationCounter::available()) WARN("allocations are not counted in sanitizer builds");
    AllocationCounter counter;
    CHECK(dissect_link_layer(127, radiotap, radio, payload).ok());
    CHECK(dissect_link_layer(192, ppi, radio, payload).ok());
    CHECK(dissect_link_layer(119, prism, radio, payload).ok());
    CHECK(dissect_link_layer(163, avs, radio, payload).ok());
    CHECK(counter.allocations() == 0);
}

namespace {

// What tshark 4.0.17 says about one packet of a shared capture (-e radiotap.channel.freq -e
// radiotap.dbm_antsignal -e radiotap.dbm_antnoise -e radiotap.datarate -e radiotap.antenna).
struct TsharkPacket {
    std::string_view file;
    std::size_t index;            // 0-based
    std::uint32_t frequency_mhz;  // 0: no frequency
    std::optional<std::int16_t> signal_dbm;
    std::optional<std::int16_t> noise_dbm;
    std::optional<std::uint32_t> rate_500kbps;
    std::uint8_t antenna_readings;
};

// FCS checks with `tshark -o wlan.check_checksum:TRUE -e wlan.fcs.status`: good, bad, or no FCS.
struct FcsCounts {
    std::size_t good = 0, bad = 0, absent = 0;
    bool operator==(const FcsCounts&) const = default;
};

}  // namespace

TEST_CASE("every packet of the shared radiotap captures decodes as tshark reads it",
          "[linklayer][radiotap][captures]") {
    const TsharkPacket expected_packets[] = {
        {"aircrack-ng__test1.pcap", 0, 2437, -86, std::nullopt, 2, 2},
        {"aircrack-ng__test1.pcap", 3, 2437, -77, std::nullopt, 2, 2},
        {"tcpdump__ieee802.11_exthdr.pcap", 0, 2412, -22, -86, 2, 1},
        {"tcpdump__ieee802.11_exthdr.pcap", 2, 0, std::nullopt, -86, 2, 0},
        {"tcpdump__ieee802.11_meshid.pcap", 1, 5745, -38, std::nullopt, 12, 2},
        {"tcpdump__reason_code-7.pcap", 0, 2412, std::nullopt, std::nullopt, 2, 0},
        {"aircrack-ng__80211ad_beacon.pcap", 0, 60480, std::nullopt, std::nullopt, std::nullopt, 0},
        {"scapy__bad_rsn_parsing_overrides_ssid.pcap", 0, 2412, -50, std::nullopt, 12, 3},
        {"aircrack-ng__wpa3-psk.pcap", 0, 2412, std::nullopt, std::nullopt, 2, 0},
        {"fragattacks__ping_I_E_R_E__full-recon-fromclient.pcapng", 1, 2467, -39, std::nullopt, 2, 1},
    };
    const std::map<std::string_view, FcsCounts> expected_fcs{
        {"aircrack-ng__test1.pcap", {180, 0, 12}},
        {"aircrack-ng__wpa3-psk.pcap", {0, 0, 24}},
        {"aircrack-ng__80211ad_beacon.pcap", {0, 0, 1}},
        {"tcpdump__ieee802.11_meshid.pcap", {3, 0, 0}},
        {"tcpdump__reason_code-7.pcap", {0, 0, 1}},
        {"scapy__bad_rsn_parsing_overrides_ssid.pcap", {0, 1, 0}},  // the record is cut short
        {"fragattacks__eapol-amsdu_BP-fromap.pcapng", {138, 0, 120}},
        {"fragattacks__ping_I_E_R_E__full-recon-fromclient.pcapng", {84, 0, 32}},
        {"tcpdump__ieee802.11_exthdr.pcap", {18, 0, 8}},
    };

    const auto captures = shared_captures_with_dlt({127});
    if (captures.empty()) WARN("../shared/captures is missing: real-capture checks skipped");
    std::size_t compared = 0;
    for (const auto& capture : captures) {
        INFO(capture.name);
        FcsCounts fcs;
        for (std::size_t index = 0; index < capture.packets.size(); ++index) {
            INFO("packet " << index);
            RadioInfo radio;
            LinkPayload payload;
            const auto& packet = capture.packets[index];
            REQUIRE(dissect_link_layer(packet.dlt, packet.bytes(), radio, payload).ok());
            CHECK(payload.dlt == 105);
            (radio.fcs_present ? (radio.bad_fcs ? fcs.bad : fcs.good) : fcs.absent) += 1;
            for (const auto& expected : expected_packets) {
                if (expected.file != capture.name || expected.index != index) continue;
                ++compared;
                CHECK(radio.frequency_khz.value_or(0) == expected.frequency_mhz * 1000);
                CHECK(radio.signal_dbm == expected.signal_dbm);
                CHECK(radio.noise_dbm == expected.noise_dbm);
                CHECK(radio.rate_500kbps == expected.rate_500kbps);
                CHECK(radio.antenna_count == expected.antenna_readings);
            }
        }
        if (const auto counts = expected_fcs.find(capture.name); counts != expected_fcs.end()) {
            CHECK(fcs.good == counts->second.good);
            CHECK(fcs.bad == counts->second.bad);
            CHECK(fcs.absent == counts->second.absent);
        }
    }
    if (!captures.empty()) CHECK(compared == std::size(expected_packets));
}

TEST_CASE("the shared Prism capture decodes as tshark reads it", "[linklayer][prism][captures]") {
    const auto captures = shared_captures_with_dlt({119});
    if (captures.empty()) {
        WARN("../shared/captures is missing: real-capture checks skipped");
        return;
    }
    REQUIRE(captures.size() == 1);  // aircrack-ng__wpa.cap
    const auto& packets = captures.front().packets;
    REQUIRE(packets.size() == 13);
    for (std::size_t index = 0; index < packets.size(); ++index) {
        INFO("packet " << index);
        RadioInfo radio;
        LinkPayload payload;
        REQUIRE(dissect_link_layer(119, packets[index].bytes(), radio, payload).ok());
        CHECK(radio.channel == 7u);
        CHECK(radio.frequency_khz == 2442000u);
        CHECK(radio.rate_500kbps == (index == 0 ? 2u : 22u));  // tshark: 1.0 then 11.0 Mb/s
        // frmlen counts 4 more bytes than the frame: every packet ends with its FCS, which tshark shows as
        // frame bytes unless told `-o wlan.check_fcs:TRUE` (then it finds every FCS good).
        CHECK(payload.bytes.size() == packets[index].data.size() - 144 - 4);
        CHECK(radio.fcs_present);
        CHECK_FALSE(radio.bad_fcs);
    }
    RadioInfo radio;
    LinkPayload payload;
    REQUIRE(dissect_link_layer(119, packets[0].bytes(), radio, payload).ok());
    CHECK(radio.signal_rssi == 57u);  // madwifi's signal item, an RSSI
    CHECK(radio.tsft == 2039931272u);
    CHECK(payload.bytes[0] == 0x80);  // a beacon
}

TEST_CASE("the shared PPI captures decode, with 802.11 and BLE payloads", "[linklayer][ppi][captures]") {
    const auto captures = shared_captures_with_dlt({192});
    if (captures.empty()) {
        WARN("../shared/captures is missing: real-capture checks skipped");
        return;
    }
    for (const auto& capture : captures) {
        INFO(capture.name);
        for (std::size_t index = 0; index < capture.packets.size(); ++index) {
            INFO("packet " << index);
            const auto& packet = capture.packets[index];
            RadioInfo radio;
            LinkPayload payload;
            REQUIRE(dissect_link_layer(192, packet.bytes(), radio, payload).ok());
            if (capture.name == "derived__wpa2-psk-linksys.ppi.pcap") {
                // 802.11-common with TSFT only: rate and frequency 0, signal and noise -128 are invalid.
                CHECK(payload.dlt == 105);
                CHECK(payload.bytes.size() == packet.data.size() - 32);
                CHECK(radio.tsft);
                CHECK_FALSE(radio.frequency_khz);
                CHECK_FALSE(radio.rate_500kbps);
                CHECK_FALSE(radio.signal_dbm);
                CHECK_FALSE(radio.noise_dbm);
            } else {
                // Ubertooth: a 24-byte PPI header with field 30006 around BLE link-layer packets.
                CHECK(payload.dlt == 147);
                CHECK(payload.bytes.size() == packet.data.size() - 24);
            }
        }
    }
}
