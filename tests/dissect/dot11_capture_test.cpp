// Checks the 802.11 frame dissector against tshark 4.0.17 on the shared aircrack-ng captures: frame types,
// addresses and DS bits, and the protection of encrypted frames.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "kismetcore/dissect/dot11_frame.h"
#include "support/dot11_frames.h"

using kismetcore::dissect::dissect_dot11_frame;
using kismetcore::dissect::Dot11Frame;
using kismetcore::dissect::FrameProtection;
using namespace kismetcore::testing;

TEST_CASE("every 802.11 frame of the aircrack-ng captures dissects, and types match tshark's counts", "[dot11]") {
    // Counts from `tshark -r FILE -T fields -e wlan.fc.type_subtype` (tshark 4.0.17), by kismetcore's names.
    struct Expected {
        const char* file;
        std::map<std::string, std::size_t> types;
    };
    const std::vector<Expected> captures{
        {"aircrack-ng__capture_wds-01.cap",
         {{"ack", 75},
          {"action", 5},
          {"assoc_request", 1},
          {"assoc_response", 1},
          {"authentication", 2},
          {"beacon", 1},
          {"cts", 1},
          {"deauthentication", 1},
          {"null", 1},
          {"qos_data", 50},
          {"rts", 1}}},
        {"aircrack-ng__n-02.cap",
         {{"ack", 49},
          {"action", 25},
          {"action_no_ack", 1},
          {"assoc_request", 1},
          {"assoc_response", 1},
          {"authentication", 4},
          {"beacon", 1},
          {"block_ack", 3},
          {"block_ack_request", 1},
          {"cts", 3},
          {"data", 81},
          {"null", 16},
          {"probe_request", 9},
          {"probe_response", 9},
          {"qos_data", 4},
          {"reassoc_request", 1},
          {"reassoc_response", 1},
          {"vht_ndp_announcement", 8}}},
        {"aircrack-ng__pmkid-not-recognized.cap",
         {{"ack", 6858},
          {"action", 55},
          {"assoc_request", 142},
          {"assoc_response", 162},
          {"authentication", 343},
          {"beacon", 1},
          {"block_ack", 613},
          {"block_ack_request", 798},
          {"cts", 292},
          {"data", 2028},
          {"deauthentication", 6153},
          {"disassociation", 29},
          {"null", 137},
          {"probe_request", 128},
          {"probe_response", 877},
          {"ps_poll", 15},
          {"qos_data", 547},
          {"qos_null", 188},
          {"rts", 660},
          {"vht_ndp_announcement", 30}}},
        {"aircrack-ng__wep.shared.key.authentication.cap",
         {{"ack", 6}, {"assoc_request", 1}, {"assoc_response", 1}, {"authentication", 4}, {"beacon", 1}}},
    };
    for (const auto& expected : captures) {
        const auto path = shared_capture(expected.file);
        if (path.empty()) {
            WARN("shared capture missing: " << expected.file);
            continue;
        }
        INFO(expected.file);
        const auto capture = read_dot11_capture(path);
        CHECK(capture.undecodable == 0);
        std::map<std::string, std::size_t> types;
        for (const auto& bytes : capture.frames) {
            Dot11Frame frame;
            (void)dissect_dot11_frame(bytes, frame);
            ++types[frame.type_name()];
        }
        CHECK(types == expected.types);
    }
}

TEST_CASE("addresses, DS bits and protection of real frames match tshark", "[dot11]") {
    const auto wds_path = shared_capture("aircrack-ng__capture_wds-01.cap");
    const auto wep_path = shared_capture("aircrack-ng__wep_64_ptw.cap");
    const auto tkip_path = shared_capture("aircrack-ng__wpa-psk-linksys.cap");
    if (wds_path.empty() || wep_path.empty() || tkip_path.empty()) {
        WARN("shared captures missing");
        return;
    }
    // tshark -r capture_wds-01.cap -Y frame.number==24 -T fields -e wlan.ra -e wlan.ta -e wlan.sa -e wlan.da
    //   -e wlan.bssid: 00:11:22:00:00:01 00:11:22:00:00:00 00:11:22:00:00:00 33:33:00:00:00:16 (no BSSID)
    const auto wds = read_dot11_capture(wds_path);
    REQUIRE(wds.frames.size() == 139);
    const auto qos = dissect_frame_ok(wds.frames[23]);
    CHECK(std::string(qos.type_name()) == "qos_data");
    CHECK(qos.to_ds);
    CHECK(qos.from_ds);
    CHECK(qos.receiver == mac("00:11:22:00:00:01"));
    CHECK(qos.transmitter == mac("00:11:22:00:00:00"));
    CHECK(qos.source == mac("00:11:22:00:00:00"));
    CHECK(qos.destination == mac("33:33:00:00:00:16"));
    CHECK_FALSE(qos.bssid);
    // Frame 2 is an ACK: only an RA.
    const auto ack = dissect_frame_ok(wds.frames[1]);
    CHECK(ack.receiver == mac("00:11:22:00:00:01"));
    CHECK_FALSE(ack.transmitter);
    CHECK_FALSE(ack.source);

    // Protected frames: tshark -Y wlan.wep.iv counts 30630 in wep_64_ptw.cap, -Y wlan.tkip.extiv 59 in
    // wpa-psk-linksys.cap, and the WDS link's 46 protected frames are CCMP.
    auto count = [](const Dot11Capture& capture, FrameProtection kind) {
        std::size_t n = 0;
        for (const auto& bytes : capture.frames) {
            Dot11Frame frame;
            (void)dissect_dot11_frame(bytes, frame);
            if (frame.protection == kind) ++n;
        }
        return n;
    };
    CHECK(count(read_dot11_capture(wep_path), FrameProtection::wep) == 30630);
    const auto tkip = read_dot11_capture(tkip_path);
    CHECK(count(tkip, FrameProtection::tkip) == 59);
    CHECK(count(tkip, FrameProtection::ccmp) == 0);
    CHECK(count(wds, FrameProtection::ccmp) == 46);
}
