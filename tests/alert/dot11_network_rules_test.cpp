// Rules that compare an advertised network with what it advertised before, and the new-SSID rules.
#include <catch2/catch.hpp>

#include "alert/alert_test_harness.h"
#include "kismetcore/craft/element_builder.h"
#include "support/dot11_frames.h"

using namespace kismetcore;
using kismetcore::testing::AlertHarness;
using kismetcore::testing::kAp;
using kismetcore::testing::kClient;

namespace {

struct Advert {
    std::string ssid = "office";
    std::uint8_t channel = 6;
    bool rsn = true;
    std::uint16_t interval = 100;
    std::string_view country{};
    std::uint64_t tsf = 0;
    MacAddress bssid = kAp;
};

std::vector<std::uint8_t> elements_of(const Advert& advert) {
    craft::ElementBuilder elements;
    elements.ssid(advert.ssid).supported_rates({0x82, 0x84}).ds_channel(advert.channel);
    if (!advert.country.empty()) elements.country(advert.country, ' ', {{1, 11, 20}});
    if (advert.rsn) elements.rsn({});
    return elements.take();
}

std::vector<std::uint8_t> beacon(AlertHarness& h, const Advert& advert) {
    const auto elements = elements_of(advert);
    return craft::beacon({.bssid = advert.bssid,
                          .timestamp = advert.tsf,
                          .beacon_interval = advert.interval,
                          .elements = elements,
                          .options = h.options()});
}

std::vector<std::uint8_t> probe_response(AlertHarness& h, const Advert& advert) {
    const auto elements = elements_of(advert);
    return craft::probe_response({.bssid = advert.bssid,
                                  .destination = kClient,
                                  .timestamp = advert.tsf,
                                  .beacon_interval = advert.interval,
                                  .elements = elements,
                                  .options = h.options()});
}

}  // namespace

TEST_CASE("CHANCHANGE: a network beaconing on a new channel", "[alert]") {
    AlertHarness h;
    h.feed(beacon(h, {.channel = 1}));
    h.feed(beacon(h, {.channel = 1}));
    CHECK(h.headers().empty());
    h.feed(beacon(h, {.channel = 11}));
    REQUIRE(h.count("CHANCHANGE") == 1);
    CHECK(h.last()->channel == "11");
    CHECK(h.last()->severity == 5);
    // Another SSID of the same BSSID on another channel is another network.
    h.advance(2'000'000);
    h.feed(beacon(h, {.ssid = "guest", .channel = 1}));
    CHECK(h.count("CHANCHANGE") == 1);
}

TEST_CASE("BEACONRATE: a network changing its beacon interval", "[alert]") {
    AlertHarness h;
    h.feed(beacon(h, {.interval = 100}));
    h.feed(beacon(h, {.interval = 100}));
    CHECK(h.headers().empty());
    h.feed(beacon(h, {.interval = 20}));
    CHECK(h.count("BEACONRATE") == 1);
}

TEST_CASE("CRYPTODROP and ADVCRYPTCHANGE: a protected network advertised open", "[alert]") {
    AlertHarness h;
    h.feed(beacon(h, {.rsn = true}));
    h.feed(beacon(h, {.rsn = true}));
    CHECK(h.headers().empty());
    h.feed(beacon(h, {.rsn = false}));
    CHECK(h.count("CRYPTODROP") == 1);
    CHECK(h.count("ADVCRYPTCHANGE") == 1);
}

TEST_CASE("ADVCRYPTCHANGE without CRYPTODROP: an open network starting to encrypt", "[alert]") {
    AlertHarness h;
    h.feed(beacon(h, {.rsn = false}));
    h.feed(beacon(h, {.rsn = true}));
    CHECK(h.count("ADVCRYPTCHANGE") == 1);
    CHECK(h.count("CRYPTODROP") == 0);
}

TEST_CASE("DOT11D: a network changing its advertised country", "[alert]") {
    AlertHarness h;
    h.feed(beacon(h, {.country = "US"}));
    h.feed(beacon(h, {.country = "US"}));
    h.feed(beacon(h, {}));  // no country element is no change
    CHECK(h.headers().empty());
    h.feed(beacon(h, {.country = "CA"}));
    CHECK(h.count("DOT11D") == 1);
}

TEST_CASE("PROBECHAN: a probe response naming another channel than the beacons", "[alert]") {
    AlertHarness h;
    h.feed(beacon(h, {.channel = 6}));
    h.feed(probe_response(h, {.channel = 6}));
    CHECK(h.headers().empty());
    h.feed(probe_response(h, {.channel = 11}));
    CHECK(h.count("PROBECHAN") == 1);
}

TEST_CASE("NULLPROBERESP: a probe response with an empty SSID; a hidden beacon is fine", "[alert]") {
    AlertHarness h;
    h.feed(beacon(h, {.ssid = ""}));
    CHECK(h.headers().empty());
    h.feed(probe_response(h, {.ssid = ""}));
    CHECK(h.count("NULLPROBERESP") == 1);
}

TEST_CASE("NULLPROBERESP: a mesh station's empty SSID beside its Mesh ID is not raised", "[alert]") {
    AlertHarness h;
    const auto elements = craft::ElementBuilder().ssid("").mesh_id("backhaul").supported_rates({0x82}).take();
    h.feed(craft::probe_response({.bssid = kAp, .destination = kClient, .elements = elements, .options = h.options()}));
    CHECK(h.headers().empty());
}

TEST_CASE("BSSTIMESTAMP: beacon timestamps alternating between two clocks", "[alert]") {
    AlertHarness h;
    // Two radios beaconing one BSSID, one clock 100 s ahead of the other, 10 beacons a second.
    std::uint64_t tsf = 5'000'000;
    for (int i = 0; i < 12; ++i) {
        const std::uint64_t offset = (i % 2) != 0 ? 100'000'000 : 0;
        h.feed(beacon(h, {.tsf = tsf + offset}), capture::dlt::kIeee80211, 100'000);
        tsf += 100'000;
    }
    CHECK(h.count("BSSTIMESTAMP") == 1);
}

TEST_CASE("BSSTIMESTAMP: one reset of the clock, as an AP reboot does, is no anomaly", "[alert]") {
    AlertHarness h;
    std::uint64_t tsf = 500'000'000;
    for (int i = 0; i < 40; ++i) {
        if (i == 20) tsf = 0;
        h.feed(beacon(h, {.tsf = tsf}), capture::dlt::kIeee80211, 100'000);
        tsf += 100'000;
    }
    CHECK(h.headers().empty());
}

TEST_CASE("AIRJACKSSID and FORMATSTRING: raised once for a new network", "[alert]") {
    AlertHarness h;
    h.feed(beacon(h, {.ssid = "AirJacks"}));
    h.feed(beacon(h, {.ssid = "100% free"}));
    CHECK(h.headers().empty());
    for (int i = 0; i < 3; ++i) h.feed(beacon(h, {.ssid = "AirJack"}), capture::dlt::kIeee80211, 2'000'000);
    CHECK(h.count("AIRJACKSSID") == 1);
    h.feed(beacon(h, {.ssid = "free%nwifi"}));
    CHECK(h.count("FORMATSTRING") == 1);
}

TEST_CASE("APSPOOF: a configured SSID advertised by a MAC not listed as valid", "[alert]") {
    AlertHarness h("apspoof=Corp:ssid=\"corp\",validmacs=\"02:00:00:00:00:0a\"");
    h.feed(beacon(h, {.ssid = "corp"}));
    h.feed(beacon(h, {.ssid = "office", .bssid = testing::mac("02:00:00:00:00:99")}));
    CHECK(h.headers().empty());
    h.feed(beacon(h, {.ssid = "corp", .bssid = testing::mac("02:00:00:00:00:99")}));
    REQUIRE(h.count("APSPOOF") == 1);
    CHECK(h.last()->text ==
          "IEEE80211 Unauthorized device (02:00:00:00:00:99) advertising for SSID 'corp', matching APSPOOF rule "
          "Corp which may indicate spoofing or impersonation.");
}

TEST_CASE("APSPOOF and SSIDCANARY: ssid= is a regular expression, searched as Kismet's PCRE", "[alert]") {
    AlertHarness h(
        "apspoof=Corp:ssid=\"^corp(-guest)?$\",validmacs=\"02:00:00:00:00:0a\"\n"
        "apspoof=Lab:ssid=\"Lab (5G)\",validmacs=\"02:00:00:00:00:0a\"\n"
        "ssidcanary=Trap:ssid=\"honey\"");
    const auto rogue = testing::mac("02:00:00:00:00:99");
    h.feed(beacon(h, {.ssid = "corp-guest"}));  // a valid MAC
    h.feed(beacon(h, {.ssid = "corporate", .bssid = rogue}));
    h.feed(beacon(h, {.ssid = "", .bssid = rogue}));  // cloaked: no rule applies
    CHECK(h.headers().empty());
    h.feed(beacon(h, {.ssid = "corp-guest", .bssid = rogue}), capture::dlt::kIeee80211, 2'000'000);
    REQUIRE(h.count("APSPOOF") == 1);
    CHECK(h.last()->text.find("SSID 'corp-guest', matching APSPOOF rule Corp ") != std::string::npos);
    // A literal SSID with regex characters still matches itself; as a regex it is "Lab 5G".
    h.feed(beacon(h, {.ssid = "Lab (5G)", .bssid = rogue}), capture::dlt::kIeee80211, 2'000'000);
    h.feed(beacon(h, {.ssid = "Lab 5G", .bssid = rogue}), capture::dlt::kIeee80211, 2'000'000);
    CHECK(h.count("APSPOOF") == 3);
    // Unanchored, as PCRE searches: "honey" is found in "free-honeypot".
    h.feed(beacon(h, {.ssid = "free-honeypot", .bssid = rogue}), capture::dlt::kIeee80211, 2'000'000);
    CHECK(h.count("SSIDCANARY") == 1);
    // Each network is tried once, when first seen.
    for (int i = 0; i < 3; ++i)
        h.feed(beacon(h, {.ssid = "Lab 5G", .bssid = rogue}), capture::dlt::kIeee80211, 2'000'000);
    CHECK(h.count("APSPOOF") == 3);
}

TEST_CASE("a bad ssid= regex is a configuration error", "[alert]") {
    alert::AlertConfig config;
    const auto error = config.apply_line("apspoof=Corp:ssid=\"corp(\",validmacs=\"02:00:00:00:00:0a\"");
    CHECK(error.find("apspoof Corp: invalid ssid regex \"corp(\"") == 0);
    CHECK(config.apspoof.empty());
    CHECK_FALSE(config.apply_line("ssidcanary=Trap:ssid=\"[z-a]\"").empty());
    CHECK(config.ssid_canaries.empty());
    CHECK(config.apply_line("ssidcanary=Trap:ssid=\"honey.*pot\"").empty());
    REQUIRE(config.ssid_canaries.size() == 1);
    CHECK(config.ssid_canaries[0].matches_ssid("honeyXpot"));
    CHECK_FALSE(config.ssid_canaries[0].matches_ssid("honey"));
}

TEST_CASE("SSIDCANARY: a canary SSID probed for or advertised", "[alert]") {
    AlertHarness h("ssidcanary=Trap:ssid=\"honeypot\"");
    const auto probe = [&h](std::string_view ssid) {
        const auto elements = craft::ElementBuilder().ssid(ssid).supported_rates({0x82}).take();
        return craft::probe_request({.source = kClient, .elements = elements, .options = h.options()});
    };
    h.feed(probe("office"));
    CHECK(h.headers().empty());
    h.feed(probe("honeypot"));
    CHECK(h.count("SSIDCANARY") == 1);
    h.advance(2'000'000);
    h.feed(beacon(h, {.ssid = "honeypot"}));
    CHECK(h.count("SSIDCANARY") == 2);
}

TEST_CASE("rules that need configuration stay off without it", "[alert]") {
    AlertHarness h;
    CHECK_FALSE(h.engine.alert_rules().enabled(alert::Dot11Alert::apspoof));
    CHECK_FALSE(h.engine.alert_rules().enabled(alert::Dot11Alert::ssid_canary));
    CHECK_FALSE(h.engine.alert_rules().enabled(alert::Dot11Alert::device_found));
    CHECK(h.engine.alert_rules().enabled(alert::Dot11Alert::deauth_flood));
    CHECK_FALSE(h.engine.alert_rules().enabled(alert::Dot11Alert::overpowered));  // 0/min as shipped
}

TEST_CASE("ADVCRYPTCHANGE: changes the crypt fingerprint must not hide", "[alert]") {
    // The rules skip crypt_bits() for a beacon whose privacy bit, RSN element and vendor elements (where a WPA
    // element is) hash as the last beacon's.
    const auto beacon_with = [](AlertHarness& h, std::uint16_t capability, const std::vector<std::uint8_t>& tail) {
        auto bytes = craft::ElementBuilder().ssid("office").supported_rates({0x82, 0x84}).ds_channel(6).take();
        bytes.insert(bytes.end(), tail.begin(), tail.end());
        return craft::beacon({.bssid = kAp, .capability = capability, .elements = bytes, .options = h.options()});
    };
    constexpr std::uint16_t kEss = dissect::dot11::capability::kEss;
    constexpr std::uint16_t kPrivate = kEss | dissect::dot11::capability::kPrivacy;
    craft::RsnSpec sae;
    sae.akm_suites = {craft::rsn_suite(dissect::akm::kSae)};
    craft::WpaSpec ccmp;
    ccmp.group_cipher = craft::wpa_suite(dissect::cipher::kCcmp128);
    ccmp.pairwise_ciphers = {craft::wpa_suite(dissect::cipher::kCcmp128)};

    AlertHarness h("alert=ADVCRYPTCHANGE,60/min,10/sec");
    h.feed(beacon_with(h, kPrivate, craft::ElementBuilder().rsn({}).take()));
    h.feed(beacon_with(h, kPrivate, craft::ElementBuilder().rsn({}).take()));
    CHECK(h.headers().empty());
    h.feed(beacon_with(h, kPrivate, craft::ElementBuilder().rsn(sae).take()), capture::dlt::kIeee80211, 2'000'000);
    CHECK(h.count("ADVCRYPTCHANGE") == 1);  // the same length of RSN element, another AKM
    h.feed(beacon_with(h, kPrivate, std::vector<std::uint8_t>{}), capture::dlt::kIeee80211, 2'000'000);
    CHECK(h.count("ADVCRYPTCHANGE") == 2);  // WEP now
    h.feed(beacon_with(h, kEss, std::vector<std::uint8_t>{}), capture::dlt::kIeee80211, 2'000'000);
    CHECK(h.count("CRYPTODROP") == 1);  // the privacy bit alone
    CHECK(h.count("ADVCRYPTCHANGE") == 3);
    h.feed(beacon_with(h, kPrivate, craft::ElementBuilder().wpa({}).take()), capture::dlt::kIeee80211, 2'000'000);
    h.feed(beacon_with(h, kPrivate, craft::ElementBuilder().wpa({}).take()), capture::dlt::kIeee80211, 2'000'000);
    CHECK(h.count("ADVCRYPTCHANGE") == 4);  // open to WPA once, then unchanged
    h.feed(beacon_with(h, kPrivate, craft::ElementBuilder().wpa(ccmp).take()));
    CHECK(h.count("ADVCRYPTCHANGE") == 5);  // a WPA element's cipher
}

TEST_CASE("a BSSID's SSIDs are networks of their own, its first and any later one alike", "[alert]") {
    // The rules keep a sender's first network beside its other per-sender state and the rest in a shared table;
    // which one holds a network must not change what it raises.
    AlertHarness h;
    for (int round = 0; round < 3; ++round) {
        h.feed(beacon(h, {.ssid = "office", .channel = 6}));
        h.feed(beacon(h, {.ssid = "guest", .channel = 1, .rsn = false}));
        h.feed(beacon(h, {.ssid = "50%n", .channel = 11}));
    }
    CHECK(h.count("FORMATSTRING") == 1);  // each network is new once, though the three beacons alternate
    CHECK(h.count("CHANCHANGE") == 0);
    h.advance(2'000'000);
    h.feed(beacon(h, {.ssid = "guest", .channel = 11, .rsn = false}));  // a later SSID moves
    REQUIRE(h.count("CHANCHANGE") == 1);
    CHECK(h.last()->text.find("SSID \"guest\" changed advertised channel from 1 to 11") != std::string::npos);
    h.advance(2'000'000);
    h.feed(beacon(h, {.ssid = "office", .channel = 6}));  // the first one stays put
    CHECK(h.count("CHANCHANGE") == 1);
    h.feed(beacon(h, {.ssid = "office", .channel = 6, .rsn = false}));  // then drops its encryption
    REQUIRE(h.count("CRYPTODROP") == 1);
    CHECK(h.last()->text.find("SSID \"office\"") != std::string::npos);
    h.advance(2'000'000);
    h.feed(beacon(h, {.ssid = "office", .channel = 1, .rsn = false}));
    REQUIRE(h.count("CHANCHANGE") == 2);
    CHECK(h.last()->text.find("SSID \"office\" changed advertised channel from 6 to 1") != std::string::npos);
}
