// Deauthentication and disassociation rules: floods, broadcast disconnects and reserved reason codes.
#include <catch2/catch.hpp>

#include "alert/alert_test_harness.h"
#include "support/dot11_frames.h"

using namespace kismetcore;
using kismetcore::testing::AlertHarness;
using kismetcore::testing::kAp;
using kismetcore::testing::kClient;

namespace {

std::vector<std::uint8_t> deauth(AlertHarness& h, std::uint16_t reason = 7, MacAddress to = kClient) {
    return craft::deauthentication(
        {.source = kAp, .destination = to, .bssid = kAp, .reason = reason, .options = h.options()});
}

}  // namespace

TEST_CASE("DEAUTHFLOOD: more than 10 disconnects for one BSSID within a second each", "[alert]") {
    AlertHarness h;
    for (int i = 0; i < 10; ++i) h.feed(deauth(h));
    CHECK(h.count("DEAUTHFLOOD") == 0);
    h.feed(deauth(h));
    REQUIRE(h.count("DEAUTHFLOOD") == 1);
    const auto alert = h.last();
    CHECK(alert->text == "Deauth/Disassociate flood on 02:00:00:00:00:0A");
    CHECK(alert->transmitter == kAp);
    CHECK(alert->source == kAp);
    CHECK(alert->destination == kClient);
    CHECK(alert->alert_class == "DENIAL");
    CHECK(alert->severity == 10);
    CHECK(alert->channel == "0");
    // The count restarts after an alert: 11 more make the second, and the burst (2/sec) stops the third.
    for (int i = 0; i < 10; ++i) h.feed(deauth(h));
    CHECK(h.count("DEAUTHFLOOD") == 1);
    h.feed(deauth(h));
    CHECK(h.count("DEAUTHFLOOD") == 2);
    for (int i = 0; i < 11; ++i) h.feed(deauth(h));
    CHECK(h.count("DEAUTHFLOOD") == 2);
}

TEST_CASE("DEAUTHFLOOD: disconnects more than a second apart are no flood", "[alert]") {
    AlertHarness h;
    for (int i = 0; i < 30; ++i) h.feed(deauth(h), capture::dlt::kIeee80211, 2'100'000);
    CHECK(h.count("DEAUTHFLOOD") == 0);
}

TEST_CASE("DEAUTHFLOOD: at most 5 a minute however long the flood", "[alert]") {
    AlertHarness h;
    for (int i = 0; i < 11 * 8; ++i) h.feed(deauth(h), capture::dlt::kIeee80211, 200'000);  // 17.6 s
    CHECK(h.count("DEAUTHFLOOD") == 5);
}

TEST_CASE("BCASTDISCON: a disconnect sent to broadcast", "[alert]") {
    AlertHarness h;
    h.feed(deauth(h, 3, craft::kBroadcast));
    REQUIRE(h.count("BCASTDISCON") == 1);
    const auto alert = h.last();
    CHECK(alert->destination.is_broadcast());
    CHECK(alert->text ==
          "IEEE80211 Access Point BSSID 02:00:00:00:00:0A broadcast deauthentication or disassociation of all "
          "clients; Either the AP is shutting down or this is indicative of a possible denial of service attack.");
    h.feed(
        craft::disassociation({.source = kAp, .destination = craft::kBroadcast, .bssid = kAp, .options = h.options()}));
    CHECK(h.count("BCASTDISCON") == 2);  // burst of 2 a second
    h.feed(deauth(h, 3, craft::kBroadcast));
    CHECK(h.count("BCASTDISCON") == 2);
}

TEST_CASE("BCASTDISCON: a disconnect sent to one client is not raised", "[alert]") {
    AlertHarness h;
    h.feed(deauth(h, 3, kClient));
    CHECK(h.headers().empty());
}

TEST_CASE("DISCONCODEINVALID: disassociation with a reserved reason code", "[alert]") {
    AlertHarness h;
    h.feed(craft::disassociation(
        {.source = kAp, .destination = kClient, .bssid = kAp, .reason = 30, .options = h.options()}));
    REQUIRE(h.count("DISCONCODEINVALID") == 1);
    CHECK(h.last()->text == "Unknown disassociation code 1e from network 02:00:00:00:00:0A");
    h.advance(2'000'000);
    h.feed(craft::disassociation(
        {.source = kAp, .destination = kClient, .bssid = kAp, .reason = 227, .options = h.options()}));
    CHECK(h.count("DISCONCODEINVALID") == 2);
    CHECK(h.last()->text == "Unknown disassociation code e3 from network 02:00:00:00:00:0A");
}

TEST_CASE("DISCONCODEINVALID: assigned reason codes are not raised", "[alert]") {
    AlertHarness h;
    for (int reason : {1, 8, 24, 32, 45}) {
        h.feed(craft::disassociation({.source = kAp,
                                      .destination = kClient,
                                      .bssid = kAp,
                                      .reason = static_cast<std::uint16_t>(reason),
                                      .options = h.options()}));
        h.advance(2'000'000);
    }
    CHECK(h.headers().empty());
}

TEST_CASE("DEAUTHCODEINVALID: off as Kismet ships it, raised once enabled", "[alert]") {
    AlertHarness off;
    off.feed(deauth(off, 30));
    CHECK(off.count("DEAUTHCODEINVALID") == 0);
    AlertHarness on("alert=DEAUTHCODEINVALID,5/min,1/sec");
    on.feed(deauth(on, 30));
    REQUIRE(on.count("DEAUTHCODEINVALID") == 1);
    CHECK(on.last()->text == "Unknown deauthentication code 1e from network 02:00:00:00:00:0A");
    on.advance(2'000'000);
    on.feed(deauth(on, 7));
    CHECK(on.count("DEAUTHCODEINVALID") == 1);
}

TEST_CASE("an alert disabled by configuration is never raised", "[alert]") {
    AlertHarness h("alert=BCASTDISCON,0/min,1/sec");
    h.feed(deauth(h, 3, craft::kBroadcast));
    CHECK(h.headers().empty());
}

TEST_CASE("DISCONCODEINVALID: Kismet reads a protected frame's first octet as its reason", "[alert]") {
    AlertHarness h;
    // An 802.11w disassociation: the body is a CCMP header and ciphertext, whose first octet here is 0xe3.
    const std::vector<std::uint8_t> ciphertext{0xe3, 0x60, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x11, 0x22};
    const auto protected_frame = [&](std::uint8_t first) {
        auto body = ciphertext;
        body[0] = first;
        return craft::Dot11FrameBuilder::management(dissect::dot11::management::kDisassociation)
            .flags(dissect::dot11::fc_flag::kProtected)
            .address1(testing::mac("28:6c:07:1b:db:3d"))
            .address2(kAp)
            .address3(kAp)
            .sequence(++h.sequence)
            .body(body)
            .build();
    };
    h.feed(protected_frame(0x07));
    CHECK(h.headers().empty());
    h.feed(protected_frame(0xe3));
    REQUIRE(h.count("DISCONCODEINVALID") == 1);
    CHECK(h.last()->text == "Unknown disassociation code e3 from network 02:00:00:00:00:0A");
}
