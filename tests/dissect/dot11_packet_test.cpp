// Pins dissect_dot11_packet: the frame, then its elements (management) or its EAPOL-Key frame (data), crypt bits
// for beacons and probe responses, and where errors from each stage end up.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/eapol_key_builder.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/crypt_set.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/dissect/dot11_packet.h"
#include "support/dot11_frames.h"

namespace craft = kismetcore::craft;
namespace crypt_set = kismetcore::dissect::crypt;
namespace dot11 = kismetcore::dissect::dot11;
using kismetcore::dissect::dissect_dot11_packet;
using kismetcore::dissect::DissectStatus;
using kismetcore::dissect::Dot11Packet;
using namespace kismetcore::testing;

namespace {

const std::vector<std::uint8_t>& wpa2_beacon_elements() {
    static const auto elements = craft::ElementBuilder().ssid("kismetcore").ds_channel(6).rsn({}).take();
    return elements;
}

std::vector<std::uint8_t> wpa2_beacon_bytes() {
    return craft::beacon({.bssid = kAp,
                          .capability = dot11::capability::kEss | dot11::capability::kPrivacy,
                          .elements = wpa2_beacon_elements()});
}

}  // namespace

TEST_CASE("a beacon's elements are parsed and its crypt bits computed from privacy and RSN", "[dot11]") {
    const auto bytes = craft::beacon({.bssid = kAp,
                                      .capability = dot11::capability::kEss | dot11::capability::kPrivacy,
                                      .elements = wpa2_beacon_elements()});
    Dot11Packet packet;
    REQUIRE(dissect_dot11_packet(bytes, packet).ok());
    CHECK(std::string(packet.frame.type_name()) == "beacon");
    REQUIRE(packet.has_elements);
    CHECK(packet.elements_error.ok());
    CHECK(packet.elements.ssid().text() == "kismetcore");
    CHECK(packet.elements.ds_channel() == 6);
    CHECK(packet.crypt_bits() == kismetcore::dissect::crypt_bits(true, packet.elements));
    // The builder's default RSN element: CCMP group and pairwise cipher, PSK.
    kismetcore::dissect::CryptText text;
    CHECK(kismetcore::dissect::crypt_string(packet.crypt_bits(), text) == "WPA2 WPA2-PSK AES-CCMP");
    CHECK_FALSE(packet.has_eapol);
}

TEST_CASE("crypt bits follow the packet last dissected: privacy alone is WEP, a data frame has none", "[dot11]") {
    Dot11Packet packet;
    const auto wep = craft::beacon({.bssid = kAp,
                                    .capability = dot11::capability::kEss | dot11::capability::kPrivacy,
                                    .elements = craft::ElementBuilder().ssid("wep").take()});
    REQUIRE(dissect_dot11_packet(wep, packet).ok());
    CHECK(packet.crypt_bits() == crypt_set::kWep);
    const auto open = craft::beacon(
        {.bssid = kAp, .capability = dot11::capability::kEss, .elements = craft::ElementBuilder().ssid("open").take()});
    REQUIRE(dissect_dot11_packet(open, packet).ok());
    CHECK(packet.crypt_bits() == crypt_set::kOpen);
    // crypt_bits() reads the packet's bytes when called, so they must outlive the call.
    const auto wpa2 = wpa2_beacon_bytes();
    REQUIRE(dissect_dot11_packet(wpa2, packet).ok());
    CHECK((packet.crypt_bits() & crypt_set::kWpa2) != 0);
    // The elements of the beacon before stay in `elements`; a data frame still has no crypt bits.
    const auto data = craft::handshake_frame(kAp, kClient, {.message = 1});
    REQUIRE(dissect_dot11_packet(data, packet).ok());
    CHECK_FALSE(packet.has_elements);
    CHECK(packet.crypt_bits() == 0);
}

TEST_CASE("a probe response gets crypt bits; a probe request gets elements but no crypt bits", "[dot11]") {
    Dot11Packet packet;
    const auto response = craft::probe_response({.bssid = kAp,
                                                 .destination = kClient,
                                                 .capability = dot11::capability::kEss | dot11::capability::kPrivacy,
                                                 .elements = wpa2_beacon_elements()});
    REQUIRE(dissect_dot11_packet(response, packet).ok());
    CHECK((packet.crypt_bits() & crypt_set::kWpa2) != 0);

    const auto request = craft::probe_request({.source = kClient, .elements = wpa2_beacon_elements()});
    REQUIRE(dissect_dot11_packet(request, packet).ok());
    CHECK(packet.has_elements);
    CHECK(packet.elements.ssid().text() == "kismetcore");
    CHECK(packet.crypt_bits() == 0);
}

TEST_CASE("an element list cut short is reported at its packet offset without failing the frame", "[dot11]") {
    auto elements = craft::ElementBuilder().ssid("kismetcore").take();
    elements.push_back(48);  // an RSN element header claiming 20 octets that are not there
    elements.push_back(20);
    const auto bytes = craft::beacon({.bssid = kAp, .elements = elements});
    Dot11Packet packet;
    CHECK(dissect_dot11_packet(bytes, packet).ok());
    CHECK(packet.has_elements);
    CHECK(packet.elements_error.status == DissectStatus::truncated);
    CHECK(packet.elements_error.offset == 36 + 12);
    CHECK(packet.elements.ssid().text() == "kismetcore");
}

TEST_CASE("a data frame carrying EAPOL-Key gets the key decoded", "[dot11]") {
    const auto pmkid = counting_bytes<16>(0x30);
    for (const bool qos : {false, true}) {
        const auto bytes =
            craft::handshake_frame(kAp, kClient, {.message = 1, .replay_counter = 3, .pmkid = pmkid}, qos);
        Dot11Packet packet;
        REQUIRE(dissect_dot11_packet(bytes, packet).ok());
        CHECK(std::string(packet.frame.type_name()) == (qos ? "qos_data" : "data"));
        CHECK(packet.frame.transmitter == kAp);
        CHECK(packet.frame.destination == kClient);
        REQUIRE(packet.has_eapol);
        CHECK(packet.eapol.message_number == 1);
        CHECK(packet.eapol.replay_counter == 3);
        CHECK(packet.eapol.pmkid == pmkid);
        CHECK_FALSE(packet.has_elements);
    }
}

TEST_CASE("an EAPOL frame that does not decode leaves has_eapol clear and says why", "[dot11]") {
    auto eapol = craft::handshake_eapol({.message = 2});
    eapol.resize(40);  // cut inside the nonce, though the header claims the whole body
    const auto bytes = craft::data_frame({.direction = craft::DsDirection::to_ap,
                                          .source = kClient,
                                          .destination = kAp,
                                          .bssid = kAp,
                                          .body = craft::llc_snap(dot11::kEthertypeEapol, eapol)});
    Dot11Packet packet;
    CHECK(dissect_dot11_packet(bytes, packet).ok());
    CHECK_FALSE(packet.has_eapol);
    CHECK(packet.eapol_error.status == DissectStatus::truncated);
    CHECK(packet.eapol_error.offset > 24 + 8);
}

TEST_CASE("a frame cut inside its header fails the packet; nothing stale is left from the packet before", "[dot11]") {
    Dot11Packet packet;
    REQUIRE(dissect_dot11_packet(craft::handshake_frame(kAp, kClient, {.message = 3}), packet).ok());
    REQUIRE(packet.has_eapol);
    const auto rts = craft::rts(kAp, kClient);
    const std::vector<std::uint8_t> cut(rts.begin(), rts.begin() + 12);
    CHECK(dissect_dot11_packet(cut, packet).status == DissectStatus::truncated);
    CHECK_FALSE(packet.has_eapol);
    CHECK_FALSE(packet.has_elements);
    CHECK(packet.frame.receiver == kAp);
    CHECK_FALSE(packet.frame.transmitter);
}

TEST_CASE("a handshake of every message through dissect_dot11_packet", "[dot11]") {
    std::string messages;
    for (int message = 1; message <= 4; ++message) {
        Dot11Packet packet;
        REQUIRE(dissect_dot11_packet(craft::handshake_frame(kAp, kClient, {.message = message}), packet).ok());
        REQUIRE(packet.has_eapol);
        messages += std::to_string(packet.eapol.message_number);
        CHECK(packet.frame.bssid == kAp);
    }
    CHECK(messages == "1234");
}

TEST_CASE("real captures: EAPOL message sequences and beacon crypt bits", "[dot11]") {
    // tshark -r FILE -Y eapol -T fields -e wlan_rsna_eapol.keydes.msgnr, concatenated.
    const std::map<std::string, std::string> handshakes{
        {"aircrack-ng__capture_wds-01.cap", "1234"},
        {"aircrack-ng__n-02.cap", "1234"},
        {"aircrack-ng__wpa-psk-linksys.cap", "1234"},
        {"aircrack-ng__wpa2-psk-linksys.cap", "123412341234"},
        {"aircrack-ng__pmkid-not-recognized.cap", "13131223123131234111133313"},
    };
    for (const auto& [file, expected] : handshakes) {
        const auto path = shared_capture(file);
        if (path.empty()) {
            WARN("shared capture missing: " << file);
            continue;
        }
        INFO(file);
        std::string messages;
        std::size_t beacons_with_crypt = 0;
        std::size_t beacons = 0;
        Dot11Packet packet;
        for (const auto& bytes : read_dot11_capture(path).frames) {
            (void)dissect_dot11_packet(bytes, packet);
            if (packet.has_eapol) messages += std::to_string(packet.eapol.message_number);
            if (packet.frame.type == dot11::kTypeManagement && packet.frame.subtype == dot11::management::kBeacon &&
                packet.has_elements) {
                ++beacons;
                if (packet.crypt_bits() != 0) ++beacons_with_crypt;
            }
        }
        CHECK(messages == expected);
        // Every one of these networks is protected, so every beacon advertises some encryption.
        CHECK(beacons_with_crypt == beacons);
    }
}
