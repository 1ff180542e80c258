// Pins the EAPOL-Key dissector (IEEE 802.11-2020 12.7.2): descriptor fields, 4-way handshake message numbers as
// tshark gives them, the PMKID KDE of message 1, and what happens to short or odd frames.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/eapol_key_builder.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/dissect/dot11_frame.h"
#include "kismetcore/dissect/eapol_key.h"
#include "support/dot11_frames.h"

namespace craft = kismetcore::craft;
namespace dot11 = kismetcore::dissect::dot11;
namespace key_info = kismetcore::dissect::key_info;
using kismetcore::dissect::dissect_eapol;
using kismetcore::dissect::DissectStatus;
using kismetcore::dissect::EapolKey;
using namespace kismetcore::testing;

namespace {

const auto kAnonce = counting_bytes<32>(0x10);
const auto kSnonce = counting_bytes<32>(0x80);
const auto kMic = counting_bytes<16>(0xc0);
const auto kPmkid = counting_bytes<16>(0xa0);

}  // namespace

TEST_CASE("the four messages of an RSN 4-way handshake are told apart", "[dot11]") {
    const auto m1 = dissect_eapol_ok(craft::handshake_eapol({.message = 1, .replay_counter = 7, .nonce = kAnonce}));
    CHECK(m1.message_number == 1);
    CHECK(m1.ack);
    CHECK_FALSE(m1.mic_present);
    CHECK(m1.nonce == kAnonce);
    CHECK(m1.replay_counter == 7);

    const auto m2 =
        dissect_eapol_ok(craft::handshake_eapol({.message = 2, .replay_counter = 7, .nonce = kSnonce, .mic = kMic}));
    CHECK(m2.message_number == 2);
    CHECK(m2.mic_present);
    CHECK_FALSE(m2.ack);
    CHECK(m2.nonce == kSnonce);
    CHECK(std::vector<std::uint8_t>(m2.mic.begin(), m2.mic.end()) ==
          std::vector<std::uint8_t>(kMic.begin(), kMic.end()));
    CHECK(m2.key_data_length == 22);  // the client's RSN element

    const auto m3 =
        dissect_eapol_ok(craft::handshake_eapol({.message = 3, .replay_counter = 8, .nonce = kAnonce, .mic = kMic}));
    CHECK(m3.message_number == 3);
    CHECK(m3.install);
    CHECK(m3.ack);
    CHECK(m3.secure);
    CHECK(m3.encrypted_key_data);
    CHECK(m3.key_information == 0x13ca);

    const auto m4 = dissect_eapol_ok(craft::handshake_eapol({.message = 4, .replay_counter = 8, .mic = kMic}));
    CHECK(m4.message_number == 4);
    CHECK(m4.secure);
    CHECK(m4.nonce_is_zero());
    CHECK(m4.key_data.empty());

    for (const EapolKey* key_pointer : {&m1, &m2, &m3, &m4}) {
        const EapolKey& key = *key_pointer;
        CHECK(key.has_key_descriptor);
        CHECK(key.descriptor_type == kismetcore::dissect::eapol_descriptor::kRsn);
        CHECK(key.descriptor_version == 2);
        CHECK(key.pairwise);
        CHECK(key.group_message_number == 0);
    }
}

TEST_CASE("message numbers follow tshark where the bits alone are ambiguous", "[dot11]") {
    // wpa2-psk-linksys.cap frame 90: Secure set and a nonce in message 2 of a rekey (tshark: 2).
    const auto rekey_m2 = dissect_eapol_ok(craft::eapol_key(
        {.key_information = 0x030a, .nonce = kSnonce, .key_data = std::vector<std::uint8_t>(22, 0x30)}));
    CHECK(rekey_m2.message_number == 2);
    // wpa.cap frame 8: a WPA1 message 4 that repeats the SNonce (tshark: 4).
    const auto wpa_m4 = dissect_eapol_ok(
        craft::eapol_key({.protocol_version = 1, .descriptor_type = 254, .key_information = 0x0109, .nonce = kSnonce}));
    CHECK(wpa_m4.message_number == 4);
    // Ack with MIC but no Install is still message 1 to tshark.
    CHECK(dissect_eapol_ok(craft::eapol_key({.key_information = 0x018a})).message_number == 1);
}

TEST_CASE("WPA1 handshakes use descriptor 254 and the same message numbers", "[dot11]") {
    for (int message = 1; message <= 4; ++message) {
        const auto key = dissect_eapol_ok(craft::handshake_eapol({.message = message, .wpa1 = true, .nonce = kAnonce}));
        CHECK(key.descriptor_type == kismetcore::dissect::eapol_descriptor::kWpa);
        CHECK(key.descriptor_version == 1);
        CHECK(key.message_number == message);
    }
}

TEST_CASE("group key handshake messages are numbered apart from the 4-way handshake", "[dot11]") {
    const auto g1 = dissect_eapol_ok(
        craft::eapol_key({.key_information = 0x1382, .key_data = std::vector<std::uint8_t>(40, 0x11)}));
    CHECK(g1.message_number == 0);
    CHECK(g1.group_message_number == 1);
    const auto g2 = dissect_eapol_ok(craft::eapol_key({.key_information = 0x0302}));
    CHECK(g2.message_number == 0);
    CHECK(g2.group_message_number == 2);
}

TEST_CASE("message 1 with a PMKID KDE yields the PMKID", "[dot11]") {
    const auto m1 = dissect_eapol_ok(craft::handshake_eapol({.message = 1, .nonce = kAnonce, .pmkid = kPmkid}));
    REQUIRE(m1.pmkid);
    CHECK(*m1.pmkid == kPmkid);
    CHECK(m1.key_data_length == 22);

    SECTION("after another element, and before padding") {
        std::vector<std::uint8_t> key_data{0x30, 0x02, 0x01, 0x00};
        const auto kde = craft::pmkid_kde(kPmkid);
        key_data.insert(key_data.end(), kde.begin(), kde.end());
        key_data.insert(key_data.end(), {0xdd, 0x00, 0x00, 0x00});
        const auto key = dissect_eapol_ok(craft::handshake_eapol({.message = 1, .key_data = key_data}));
        CHECK(key.pmkid == kPmkid);
    }
    SECTION("not from encrypted key data, and not from a KDE of another type") {
        const auto m3 = dissect_eapol_ok(craft::handshake_eapol({.message = 3, .key_data = craft::pmkid_kde(kPmkid)}));
        CHECK_FALSE(m3.pmkid);
        auto gtk_kde = craft::pmkid_kde(kPmkid);
        gtk_kde[5] = 1;  // GTK KDE
        CHECK_FALSE(dissect_eapol_ok(craft::handshake_eapol({.message = 1, .key_data = gtk_kde})).pmkid);
    }
    SECTION("none without key data") {
        CHECK_FALSE(dissect_eapol_ok(craft::handshake_eapol({.message = 1})).pmkid);
    }
}

TEST_CASE("EAPOL is read with or without its LLC/SNAP header, and padding after it is ignored", "[dot11]") {
    auto eapol = craft::handshake_eapol({.message = 2, .nonce = kSnonce, .mic = kMic});
    const auto with_llc = craft::llc_snap(dot11::kEthertypeEapol, eapol);
    CHECK(dissect_eapol_ok(with_llc).message_number == 2);
    eapol.insert(eapol.end(), 10, 0x00);  // Ethernet padding
    const auto padded = dissect_eapol_ok(eapol);
    CHECK(padded.message_number == 2);
    CHECK(padded.key_data.size() == 22);
}

TEST_CASE("a 24-octet MIC (Suite B 192-bit AKMs) is recognised from the lengths", "[dot11]") {
    const auto mic24 = counting_bytes<24>(0x40);
    const auto key = dissect_eapol_ok(
        craft::eapol_key({.key_information = 0x0108, .mic = mic24, .key_data = std::vector<std::uint8_t>(22, 0x30)}));
    CHECK(key.mic.size() == 24);
    CHECK(key.key_data_length == 22);
    CHECK(key.message_number == 2);
}

TEST_CASE("non-key EAPOL frames and other descriptors decode only their header", "[dot11]") {
    // EAP-Request/Identity: version 1, type 0 (EAP packet), body length 5.
    const std::vector<std::uint8_t> eap{0x01, 0x00, 0x00, 0x05, 0x01, 0x01, 0x00, 0x05, 0x01};
    const auto request = dissect_eapol_ok(eap);
    CHECK(request.packet_type == kismetcore::dissect::eapol_packet_type::kEapPacket);
    CHECK_FALSE(request.has_key_descriptor);

    // An RC4 descriptor (dynamic WEP, 802.1X-2004 7.6.1).
    const std::vector<std::uint8_t> rc4{0x01, 0x03, 0x00, 0x02, 0x01, 0x00};
    const auto legacy = dissect_eapol_ok(rc4);
    CHECK(legacy.descriptor_type == kismetcore::dissect::eapol_descriptor::kRc4);
    CHECK_FALSE(legacy.has_key_descriptor);
    CHECK(legacy.message_number == 0);
}

TEST_CASE("EAPOL-Key cut at any length reports truncation; a body too short for its fields is malformed", "[dot11]") {
    const auto m1 = craft::handshake_eapol({.message = 1, .nonce = kAnonce, .pmkid = kPmkid});
    auto dissect = [](std::span<const std::uint8_t> bytes) {
        EapolKey key;
        return dissect_eapol(bytes, key);
    };
    CHECK(truncation_failures(m1, m1.size(), dissect).empty());

    // The EAPOL header claims fewer octets than the descriptor needs; the capture holds them all.
    auto short_body = m1;
    short_body[3] = 50;
    EapolKey key;
    CHECK(dissect_eapol(short_body, key).status == DissectStatus::malformed);
    CHECK_FALSE(key.has_key_descriptor);
}

TEST_CASE("the handshakes of real captures get tshark's message numbers, replay counters and PMKIDs", "[dot11]") {
    const auto path = shared_capture("aircrack-ng__wpa2-psk-linksys.cap");
    if (path.empty()) {
        WARN("shared capture aircrack-ng__wpa2-psk-linksys.cap missing");
        return;
    }
    // tshark -r wpa2-psk-linksys.cap -Y eapol -T fields -e wlan_rsna_eapol.keydes.msgnr
    //   -e eapol.keydes.replay_counter -e wlan.rsn.ie.pmkid: 1 1 d42ce8b0...; 2 1; 3 2; 4 2; (three handshakes)
    std::string messages;
    std::vector<std::uint64_t> replay_counters;
    std::size_t pmkids = 0;
    std::optional<std::array<std::uint8_t, 16>> first_pmkid;
    for (const auto& bytes : read_dot11_capture(path).frames) {
        kismetcore::dissect::Dot11Frame frame;
        if (!kismetcore::dissect::dissect_dot11_frame(bytes, frame).ok() || frame.ethertype != dot11::kEthertypeEapol)
            continue;
        const auto key = dissect_eapol_ok(frame.llc_payload);
        messages += std::to_string(key.message_number);
        replay_counters.push_back(key.replay_counter);
        if (key.pmkid) {
            ++pmkids;
            if (!first_pmkid) first_pmkid = key.pmkid;
        }
    }
    CHECK(messages == "123412341234");
    CHECK(std::vector<std::uint64_t>(replay_counters.begin(), replay_counters.begin() + 4) ==
          std::vector<std::uint64_t>{1, 1, 2, 2});
    CHECK(pmkids == 3);
    REQUIRE(first_pmkid);
    CHECK((*first_pmkid)[0] == 0xd4);
    CHECK((*first_pmkid)[1] == 0x2c);
    CHECK((*first_pmkid)[15] == 0x52);
}
