// Rules that fingerprint one frame's elements: long SSIDs, bad fixed lengths, exploit signatures, MFP.
#include <catch2/catch.hpp>

#include "alert/alert_test_harness.h"
#include "kismetcore/craft/element_builder.h"
#include "support/dot11_frames.h"

using namespace kismetcore;
using kismetcore::testing::AlertHarness;
using kismetcore::testing::kAp;
using kismetcore::testing::kClient;

namespace {

std::vector<std::uint8_t> beacon_with(AlertHarness& h, const std::vector<std::uint8_t>& elements,
                                      MacAddress bssid = kAp) {
    return craft::beacon({.bssid = bssid, .elements = elements, .options = h.options()});
}

craft::RsnSpec rsn_with_capabilities(std::uint16_t capabilities) {
    craft::RsnSpec rsn;
    rsn.capabilities = capabilities;
    return rsn;
}

craft::RsnSpec rsn_announcing(std::uint16_t pairwise_count) {
    craft::RsnSpec rsn;
    rsn.pairwise_count_sent = pairwise_count;
    return rsn;
}

std::vector<std::uint8_t> plain_elements(std::string_view ssid = "office") {
    craft::ElementBuilder elements;
    elements.ssid(ssid).supported_rates({0x82, 0x84, 0x8b, 0x96}).ds_channel(6);
    return elements.take();
}

}  // namespace

TEST_CASE("LONGSSID: an SSID element over 32 bytes; exactly 32 is fine", "[alert]") {
    AlertHarness h;
    h.feed(beacon_with(h, plain_elements(std::string(32, 'a'))));
    CHECK(h.headers().empty());
    h.feed(beacon_with(h, plain_elements(std::string(33, 'a'))));
    REQUIRE(h.count("LONGSSID") == 1);
    CHECK(h.last()->severity == 20);
    CHECK(h.last()->channel == "6");
}

TEST_CASE("BADFIXLENIE: a DS parameter set longer than one byte", "[alert]") {
    AlertHarness h;
    h.feed(beacon_with(h, craft::ElementBuilder().ssid("x").raw(3, {6}).take()));
    CHECK(h.headers().empty());
    h.feed(beacon_with(h, craft::ElementBuilder().ssid("x").raw(3, {6, 0}).take()));
    CHECK(h.count("BADFIXLENIE") == 1);
}

TEST_CASE("MSFDLINKRATE: the Metasploit D-Link bytes in a rates element", "[alert]") {
    AlertHarness h;
    h.feed(beacon_with(h, craft::ElementBuilder().ssid("x").raw(1, {0x82, 0x75, 0xeb, 0x48}).take()));
    CHECK(h.headers().empty());
    h.feed(beacon_with(h, craft::ElementBuilder().ssid("x").raw(50, {0x82, 0x75, 0xeb, 0x49}).take()));
    CHECK(h.count("MSFDLINKRATE") == 1);
}

TEST_CASE("MSFBCOMSSID: a beacon from the Metasploit Broadcom exploit's OUI", "[alert]") {
    AlertHarness h;
    const MacAddress msf = testing::mac("90:e9:75:00:00:01");
    h.feed(craft::probe_response({.bssid = msf, .elements = plain_elements(), .options = h.options()}));
    CHECK(h.headers().empty());
    h.feed(beacon_with(h, plain_elements(), msf));
    CHECK(h.count("MSFBCOMSSID") == 1);
}

TEST_CASE("KARMAOUI: a probe response from the KARMA OUI, not a beacon", "[alert]") {
    AlertHarness h;
    const MacAddress karma = testing::mac("00:13:37:00:00:01");
    h.feed(beacon_with(h, plain_elements(), karma));
    CHECK(h.headers().empty());
    h.feed(craft::probe_response({.bssid = karma, .elements = plain_elements(), .options = h.options()}));
    REQUIRE(h.count("KARMAOUI") == 1);
    CHECK(h.last()->source == karma);
}

TEST_CASE("MSFNETGEARBEACON: the Metasploit Netgear signature at byte 1180 of a long beacon", "[alert]") {
    const auto long_beacon = [](AlertHarness& h, std::size_t signature_at) {
        craft::ElementBuilder elements;
        elements.ssid("x");
        const std::vector<std::uint8_t> filler(250, 0x41);
        for (int i = 0; i < 5; ++i) elements.vendor(0x001122, 1, filler);
        auto frame = beacon_with(h, elements.take());
        REQUIRE(frame.size() > 1190);
        const std::uint8_t signature[] = {0x6a, 0x39, 0x58, 0x01};
        std::copy(std::begin(signature), std::end(signature), frame.begin() + static_cast<long>(signature_at));
        return frame;
    };
    AlertHarness h;
    h.feed(long_beacon(h, 1179));
    CHECK(h.headers().empty());
    h.feed(long_beacon(h, 1180));
    CHECK(h.count("MSFNETGEARBEACON") == 1);
}

TEST_CASE("WMMOVERFLOW: a beaconed WMM element over 24 bytes", "[alert]") {
    AlertHarness h;
    const std::vector<std::uint8_t> fits(20, 0);  // OUI + type + 20 = 24 bytes
    const std::vector<std::uint8_t> overflows(21, 0);
    h.feed(beacon_with(h, craft::ElementBuilder().ssid("x").vendor(0x0050F2, 2, fits).take()));
    CHECK(h.headers().empty());
    h.feed(beacon_with(h, craft::ElementBuilder().ssid("x").vendor(0x0050F2, 2, overflows).take()));
    CHECK(h.count("WMMOVERFLOW") == 1);
}

TEST_CASE("WMMTSPEC: an association response with more than 4 WMM TSPEC elements", "[alert]") {
    const auto response = [](AlertHarness& h, int tspecs) {
        craft::ElementBuilder elements;
        elements.supported_rates({0x82});
        for (int i = 0; i < tspecs; ++i) elements.wmm_tspec({});
        const auto body = elements.take();
        return craft::association_response({.bssid = kAp, .client = kClient, .elements = body, .options = h.options()});
    };
    AlertHarness h;
    h.feed(response(h, 4));
    CHECK(h.headers().empty());
    h.feed(response(h, 5));
    CHECK(h.count("WMMTSPEC") == 1);
}

TEST_CASE("NOCLIENTMFP: an association request, as Kismet reads its RSN capabilities", "[alert]") {
    const auto request = [](AlertHarness& h, std::optional<std::uint16_t> rsn_capabilities) {
        craft::ElementBuilder elements;
        elements.ssid("office").supported_rates({0x82});
        if (rsn_capabilities) elements.rsn(rsn_with_capabilities(*rsn_capabilities));
        const auto body = elements.take();
        return craft::association_request({.client = kClient, .bssid = kAp, .elements = body, .options = h.options()});
    };
    AlertHarness h;
    // Kismet tests MFP-capable on the byte-swapped field, i.e. bit 15: only that bit keeps the alert quiet.
    h.feed(request(h, std::uint16_t{0x8000}));
    CHECK(h.headers().empty());
    h.feed(request(h, std::uint16_t{0x0080}));  // MFPC, raised all the same (kismet-samples n-02, wpa3-psk)
    REQUIRE(h.count("NOCLIENTMFP") == 1);
    const auto alert = h.last();
    CHECK(alert->transmitter == kAp);
    CHECK(alert->source == kClient);
    CHECK(alert->destination == kAp);
    CHECK(alert->text ==
          "IEEE80211 network BSSID 02:00:00:00:00:0A client 02:00:00:00:00:0B does not support management frame "
          "protection (MFP) which may ease client disassocation or deauthentication");
    h.advance(2'000'000);
    h.feed(request(h, std::nullopt));  // Kismet's release raises it without an RSN element too
    CHECK(h.count("NOCLIENTMFP") == 2);
}

TEST_CASE("RSNLOOP: an RSN element announcing more than 1024 pairwise ciphers", "[alert]") {
    AlertHarness h;
    h.feed(beacon_with(h, craft::ElementBuilder().ssid("x").rsn(rsn_announcing(1024)).take()));
    CHECK(h.headers().empty());
    h.feed(beacon_with(h, craft::ElementBuilder().ssid("x").rsn(rsn_announcing(1025)).take()));
    CHECK(h.count("RSNLOOP") == 1);
}

TEST_CASE("QCOMEXTENDED: off as shipped; an extended capabilities element over 13 bytes once enabled", "[alert]") {
    const auto frame = [](AlertHarness& h, std::size_t length) {
        return beacon_with(h, craft::ElementBuilder().ssid("x").extended_capabilities(length, {}).take());
    };
    AlertHarness off;
    off.feed(frame(off, 14));
    CHECK(off.headers().empty());
    AlertHarness on("alert=QCOMEXTENDED,5/min,1/sec");
    on.feed(frame(on, 13));
    CHECK(on.headers().empty());
    on.feed(frame(on, 14));
    CHECK(on.count("QCOMEXTENDED") == 1);
}

TEST_CASE("BCOM11KCHAN: a neighbor report naming a channel above 224", "[alert]") {
    const auto report = [](AlertHarness& h, std::uint8_t channel) {
        // Radio measurement (5), neighbor report response (5), dialog token, then one Neighbor Report element.
        craft::ElementBuilder element;
        element.raw(52, {0x02, 0, 0, 0, 0, 0x0c, 0, 0, 0, 0, 81, channel, 7});
        std::vector<std::uint8_t> body{5, 1};
        const auto bytes = element.take();
        body.insert(body.end(), bytes.begin(), bytes.end());
        return craft::action({.source = kAp,
                              .destination = kClient,
                              .bssid = kAp,
                              .category = 5,
                              .action_body = body,
                              .options = h.options()});
    };
    AlertHarness h;
    h.feed(report(h, 224));
    CHECK(h.headers().empty());
    h.feed(report(h, 225));
    CHECK(h.count("BCOM11KCHAN") == 1);
}

TEST_CASE("MALFORMMGMT: an element list running past the end of the frame", "[alert]") {
    AlertHarness h;
    auto elements = plain_elements();
    h.feed(beacon_with(h, elements));
    CHECK(h.headers().empty());
    elements.push_back(221);
    elements.push_back(40);  // promises 40 bytes, none follow
    elements.push_back(0);
    h.feed(beacon_with(h, elements));
    CHECK(h.count("MALFORMMGMT") == 1);
}

TEST_CASE("element rules read every copy of a repeated element, not only the first", "[alert]") {
    // The rules take the dissector's first element of each kind unless the kind repeats; these frames hide the
    // sign in the second copy.
    AlertHarness h("alert=QCOMEXTENDED,5/min,1/sec");
    h.feed(beacon_with(h, craft::ElementBuilder().ssid("x").ds_channel(6).raw(3, {6, 0}).take()));
    CHECK(h.count("BADFIXLENIE") == 1);
    h.feed(beacon_with(
        h, craft::ElementBuilder().ssid("x").supported_rates({0x82, 0x84}).raw(1, {0x82, 0x75, 0xeb, 0x49}).take()));
    CHECK(h.count("MSFDLINKRATE") == 1);
    h.feed(beacon_with(h, craft::ElementBuilder().ssid("x").rsn(rsn_announcing(2)).rsn(rsn_announcing(1025)).take()));
    CHECK(h.count("RSNLOOP") == 1);
    h.feed(beacon_with(
        h, craft::ElementBuilder().ssid("x").extended_capabilities(8, {}).extended_capabilities(14, {}).take()));
    CHECK(h.count("QCOMEXTENDED") == 1);
    h.feed(beacon_with(h, craft::ElementBuilder()
                              .ssid("x")
                              .raw(52, {0x02, 0, 0, 0, 0, 0x0c, 0, 0, 0, 0, 81, 6, 7})
                              .raw(52, {0x02, 0, 0, 0, 0, 0x0d, 0, 0, 0, 0, 81, 230, 7})
                              .take()));
    CHECK(h.count("BCOM11KCHAN") == 1);
}
