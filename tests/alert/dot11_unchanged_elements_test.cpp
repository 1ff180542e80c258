// The shortcut for beacons, probe responses and probe requests whose elements are those their sender's record
// says were last checked in full: what it may skip, and what it must not.
#include <catch2/catch.hpp>

#include "alert/alert_test_harness.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "support/dot11_frames.h"

using namespace kismetcore;
using kismetcore::testing::AlertHarness;
using kismetcore::testing::kAp;
using kismetcore::testing::kClient;

namespace {

namespace capability = dissect::dot11::capability;

// Past the one-a-second burst of the rules' default rates, so a repeated alert is not throttled.
constexpr std::int64_t kPastBurstUs = 1'100'000;

std::vector<std::uint8_t> elements(std::string_view ssid = "office", std::uint8_t channel = 6) {
    return craft::ElementBuilder().ssid(ssid).supported_rates({0x82, 0x84}).ds_channel(channel).take();
}

std::vector<std::uint8_t> beacon(AlertHarness& h, const std::vector<std::uint8_t>& body,
                                 std::uint16_t capability_info = capability::kEss) {
    return craft::beacon({.bssid = kAp, .capability = capability_info, .elements = body, .options = h.options()});
}

std::vector<std::uint8_t> probe_response(AlertHarness& h, const std::vector<std::uint8_t>& body) {
    return craft::probe_response({.bssid = kAp, .destination = kClient, .elements = body, .options = h.options()});
}

std::vector<std::uint8_t> probe_request(AlertHarness& h, const std::vector<std::uint8_t>& body) {
    return craft::probe_request({.source = kClient, .elements = body, .options = h.options()});
}

void feed_apart(AlertHarness& h, const std::vector<std::uint8_t>& frame) {
    h.feed(frame, capture::dlt::kIeee80211, kPastBurstUs);
}

}  // namespace

TEST_CASE("unchanged elements: an element alert goes out for every frame that carries the sign", "[alert]") {
    // A frame whose elements raised something is never recorded as checked, so its twin raises again.
    AlertHarness h("alert=LONGSSID,60/min,1/sec");
    const auto long_ssid = elements(std::string(33, 'a'));
    feed_apart(h, beacon(h, long_ssid));
    feed_apart(h, beacon(h, long_ssid));
    CHECK(h.count("LONGSSID") == 2);
    feed_apart(h, probe_response(h, long_ssid));
    feed_apart(h, probe_response(h, long_ssid));
    CHECK(h.count("LONGSSID") == 4);
    feed_apart(h, probe_request(h, long_ssid));
    feed_apart(h, probe_request(h, long_ssid));
    CHECK(h.count("LONGSSID") == 6);
}

TEST_CASE("unchanged elements: a malformed element list raises MALFORMMGMT each time", "[alert]") {
    AlertHarness h;
    auto malformed = elements();
    malformed.insert(malformed.end(), {221, 40, 0});  // promises 40 bytes, one follows
    feed_apart(h, beacon(h, malformed));
    feed_apart(h, beacon(h, malformed));
    CHECK(h.count("MALFORMMGMT") == 2);
}

TEST_CASE("unchanged elements: a null probe response raises NULLPROBERESP each time", "[alert]") {
    AlertHarness h;
    const auto empty_ssid = elements("");
    feed_apart(h, probe_response(h, empty_ssid));
    feed_apart(h, probe_response(h, empty_ssid));
    CHECK(h.count("NULLPROBERESP") == 2);
}

TEST_CASE("unchanged elements: PROBECHAN for every answer on another channel than the beacons", "[alert]") {
    AlertHarness h;
    feed_apart(h, beacon(h, elements("office", 6)));
    feed_apart(h, probe_response(h, elements("office", 11)));
    feed_apart(h, probe_response(h, elements("office", 11)));
    CHECK(h.count("PROBECHAN") == 2);
}

TEST_CASE("unchanged elements: a beacon checked in full makes the next probe response checked in full", "[alert]") {
    // The response's elements are the ones checked before, but the network's beacons moved: PROBECHAN reads them.
    AlertHarness h;
    feed_apart(h, beacon(h, elements("office", 6)));
    feed_apart(h, probe_response(h, elements("office", 6)));
    feed_apart(h, probe_response(h, elements("office", 6)));
    CHECK(h.headers().empty());
    feed_apart(h, beacon(h, elements("office", 1)));
    CHECK(h.count("CHANCHANGE") == 1);
    feed_apart(h, probe_response(h, elements("office", 6)));
    CHECK(h.count("PROBECHAN") == 1);
}

TEST_CASE("unchanged elements: the privacy bit is part of what must be unchanged", "[alert]") {
    // The same elements with the privacy capability set: WEP, a change of the advertised crypt set.
    AlertHarness h;
    feed_apart(h, beacon(h, elements()));
    feed_apart(h, beacon(h, elements()));
    CHECK(h.headers().empty());
    feed_apart(h, beacon(h, elements(), capability::kEss | capability::kPrivacy));
    CHECK(h.count("ADVCRYPTCHANGE") == 1);
}

TEST_CASE("unchanged elements: the beacon interval is part of what must be unchanged", "[alert]") {
    AlertHarness h;
    const auto body = elements();
    feed_apart(h, craft::beacon({.bssid = kAp, .beacon_interval = 100, .elements = body, .options = h.options()}));
    feed_apart(h, craft::beacon({.bssid = kAp, .beacon_interval = 100, .elements = body, .options = h.options()}));
    feed_apart(h, craft::beacon({.bssid = kAp, .beacon_interval = 200, .elements = body, .options = h.options()}));
    CHECK(h.count("BEACONRATE") == 1);
}

TEST_CASE("unchanged elements: a TIM that changes is ignored, the elements beside it are not", "[alert]") {
    // Only the TIM is left out of the fingerprint: the DS element right after it and the country element after
    // that still count.
    AlertHarness h;
    const auto body = [](std::uint8_t dtim_count, std::uint8_t channel, std::string_view country) {
        return craft::ElementBuilder()
            .ssid("office")
            .supported_rates({0x82, 0x84})
            .tim(dtim_count, 3, 0, {0})
            .ds_channel(channel)
            .country(country, ' ', {{1, 11, 20}})
            .take();
    };
    feed_apart(h, beacon(h, body(0, 6, "US")));
    feed_apart(h, beacon(h, body(1, 6, "US")));
    feed_apart(h, beacon(h, body(2, 6, "US")));
    CHECK(h.headers().empty());
    feed_apart(h, beacon(h, body(0, 11, "US")));
    CHECK(h.count("CHANCHANGE") == 1);
    feed_apart(h, beacon(h, body(1, 11, "CA")));
    CHECK(h.count("DOT11D") == 1);
}

TEST_CASE("unchanged elements: a probing client's record is its own, apart from the AP's", "[alert]") {
    // kClient probes for a canary SSID after the AP (another address) beaconed the same elements: the client's
    // request is new to the client's record.
    AlertHarness h("ssidcanary=Trap:ssid=\"honeypot\"");
    feed_apart(h, beacon(h, elements("honeypot")));
    CHECK(h.count("SSIDCANARY") == 1);
    feed_apart(h, probe_request(h, elements("honeypot")));
    CHECK(h.count("SSIDCANARY") == 2);
    feed_apart(h, probe_request(h, elements("honeypot")));
    CHECK(h.count("SSIDCANARY") == 2);
}
