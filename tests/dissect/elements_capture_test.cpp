// Element lists from real captures, checked against what tshark and real Kismet show for them.
#include <catch2/catch.hpp>

#include "kismetcore/dissect/crypt_set.h"
#include "kismetcore/dissect/information_elements.h"
#include "support/element_frames.h"

using namespace kismetcore;
using namespace kismetcore::dissect;
using kismetcore::testing::captured_beacon;
using kismetcore::testing::parse_elements;

namespace {

std::string crypt_text(const kismetcore::testing::CapturedBeacon& beacon, const InformationElements& parsed) {
    CryptText buffer;
    return std::string(crypt_string(crypt_bits(beacon.privacy(), parsed), buffer));
}

}  // namespace

// scapy's bad_rsn_parsing_overrides_ssid.pcap: a radiotap beacon (with FCS) whose RSN element once made scapy
// lose the SSID. tshark decodes every element; so must we.
TEST_CASE("the scapy 'bad RSN' beacon keeps its SSID and decodes like tshark", "[elements][captures]") {
    const auto beacon = captured_beacon("scapy__bad_rsn_parsing_overrides_ssid.pcap", 0, true);
    if (!beacon) {
        WARN("capture not present");
        return;
    }
    REQUIRE(beacon->elements.size() == 231);  // tshark: "Tagged parameters (231 bytes)"
    const auto parsed = parse_elements(beacon->elements);

    CHECK(parsed.ssid().text() == "ROUTE-821E295");
    CHECK(parsed.ds_channel() == 1);
    REQUIRE(parsed.supported_rates().size() == 1);
    CHECK(parsed.supported_rates()[0].basic());
    CHECK(parsed.supported_rates()[0].mbps() == 6.0);
    REQUIRE(parsed.tim());
    CHECK(parsed.tim()->dtim_period == 2);
    REQUIRE(parsed.country());
    CHECK(parsed.country()->country_code() == "IL");
    CHECK(parsed.country()->environment == 0x20);
    CHECK(parsed.country()->triplets.size() == 11);
    CHECK(parsed.country()->triplets[10].first_channel() == 11);
    CHECK(parsed.country()->triplets[10].max_tx_power_dbm() == 20);

    REQUIRE(parsed.rsn());
    const auto& rsn = *parsed.rsn();
    CHECK_FALSE(rsn.malformed);
    CHECK(rsn.group_cipher == make_suite(oui::kIeee80211, cipher::kCcmp128));
    CHECK(rsn.has_pairwise(make_suite(oui::kIeee80211, cipher::kCcmp128)));
    CHECK(rsn.has_akm(make_suite(oui::kIeee80211, akm::kPsk)));
    CHECK(rsn.capabilities == 0x008c);
    CHECK(rsn.mfp_capable());
    CHECK_FALSE(rsn.mfp_required());
    CHECK(rsn.ptksa_replay_counters() == 16);
    CHECK(rsn.pmkid_count == 0);
    CHECK(rsn.group_management_cipher == make_suite(oui::kIeee80211, cipher::kBipCmac128));

    REQUIRE(parsed.ht_capabilities());
    CHECK(parsed.ht_capabilities()->info == 0x018d);
    CHECK(parsed.ht_capabilities()->rx_spatial_streams() == 2);
    REQUIRE(parsed.ht_operation());
    CHECK(parsed.ht_operation()->primary_channel == 1);
    CHECK(parsed.ht_operation()->secondary_channel_offset() == SecondaryChannelOffset::none);
    REQUIRE(parsed.wmm());
    CHECK(parsed.wmm()->ac_parameters[2].txop_limit == 94);
    CHECK(parsed.wmm()->ac_parameters[3].txop_limit == 47);
    CHECK(parsed.extended_capabilities()->extended_channel_switching());
    CHECK(parsed.has_vendor(0x00a0c6, 2));  // Qualcomm
    CHECK(parsed.has_vendor(0xec172f, 0x52));
    CHECK(parsed.element_count() == 14);
    CHECK(parsed.malformed_count() == 0);

    CHECK(beacon->privacy());
    CHECK(crypt_text(*beacon, parsed) == "WPA2 WPA2-PSK AES-CCMP");

    // Left with its FCS the last four octets read as one more element that runs past the end: the walk stops
    // there, truncated, and keeps everything before it.
    const auto with_fcs = captured_beacon("scapy__bad_rsn_parsing_overrides_ssid.pcap", 0, false);
    REQUIRE(with_fcs);
    InformationElements cut;
    const auto status = parse_information_elements(with_fcs->elements, cut);
    CHECK(status.status == DissectStatus::truncated);
    CHECK(status.offset == 231);
    CHECK(cut.ssid().text() == "ROUTE-821E295");
    CHECK(cut.rsn());
}

TEST_CASE("the GBK SSID of aircrack-ng's Chinese-SSID-Name.pcap stays bytes", "[elements][captures][ssid]") {
    const auto beacon = captured_beacon("aircrack-ng__Chinese-SSID-Name.pcap", 0, false);
    if (!beacon) {
        WARN("capture not present");
        return;
    }
    const auto parsed = parse_elements(beacon->elements);
    const std::vector<std::uint8_t> gbk{0xb2, 0xe2, 0xca, 0xd4};
    CHECK(std::vector<std::uint8_t>(parsed.ssid().bytes.begin(), parsed.ssid().bytes.end()) == gbk);
    CHECK_FALSE(parsed.ssid().valid_utf8);
    CHECK_FALSE(parsed.ssid().hidden);
    CHECK(parsed.ds_channel() == 6);
    CHECK(parsed.element_count() == 16);  // tshark: 0,1,3,50,51,51,5,42,45,61,127,221,11,221,221,221
    CHECK(parsed.bss_load());
    // Privacy without RSN or WPA elements: WEP.
    CHECK(crypt_text(*beacon, parsed) == "WEP");
}

TEST_CASE("the WPS 2.0 beacon of aircrack-ng's wps2.0.pcap", "[elements][captures][wps]") {
    const auto beacon = captured_beacon("aircrack-ng__wps2.0.pcap", 0, false);
    if (!beacon) {
        WARN("capture not present");
        return;
    }
    const auto parsed = parse_elements(beacon->elements);
    CHECK(parsed.ssid().text() == "WLAN_666");
    CHECK(parsed.ds_channel() == 13);
    REQUIRE(parsed.wps());
    CHECK_FALSE(parsed.wps()->malformed);
    CHECK(parsed.wps()->version == 0x10);
    CHECK(parsed.wps()->configured());
    CHECK(parsed.wps()->version2 == 0x20);
    REQUIRE(parsed.wpa());
    REQUIRE(parsed.rsn());
    // WPA and RSN elements both with CCMP and PSK: the bitfield Kismet logged for test1's mixed networks.
    const auto bits = crypt_bits(beacon->privacy(), parsed);
    CHECK(bits == 274945016846ull);
    CHECK(crypt_text(*beacon, parsed) == "WPA2 WPA2-PSK AES-CCMP");
}

TEST_CASE("the mesh beacon of tcpdump's ieee802.11_meshid.pcap carries a Mesh ID", "[elements][captures]") {
    const auto beacon = captured_beacon("tcpdump__ieee802.11_meshid.pcap", 0, true);
    if (!beacon) {
        WARN("capture not present");
        return;
    }
    const auto parsed = parse_elements(beacon->elements);
    CHECK(parsed.ssid().present);
    CHECK(parsed.ssid().hidden);
    CHECK(parsed.mesh_id().text() == "11s-mesh-network");
    CHECK(parsed.has_tag(element_id::kMeshConfiguration));
    CHECK(parsed.vht_operation());
    CHECK(parsed.malformed_count() == 0);
}
