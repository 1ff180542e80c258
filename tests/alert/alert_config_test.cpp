// The alert configuration lines of kismet_alerts.conf and kismet_memory.conf.
#include <catch2/catch.hpp>

#include "kismetcore/alert/alert_config.h"

using namespace kismetcore;
using namespace kismetcore::alert;

TEST_CASE("alert= lines set an alert's rate and burst, upper-casing its name", "[alert]") {
    AlertConfig config;
    CHECK(config.apply_line("alert=deauthflood,10/min,5/sec").empty());
    REQUIRE(config.rates.size() == 1);
    CHECK(config.rates[0].header == "DEAUTHFLOOD");
    CHECK(config.rates[0].limit == Rate{10, TimeUnit::minute});
    CHECK(config.rates[0].burst == Rate{5, TimeUnit::second});
    // A later line for the same alert replaces the first.
    CHECK(config.apply_line("alert=DEAUTHFLOOD,0/min,1/sec").empty());
    REQUIRE(config.rates.size() == 1);
    CHECK(config.rates[0].limit.count == 0);
}

TEST_CASE("alert= lines that Kismet refuses are errors", "[alert]") {
    AlertConfig config;
    CHECK_FALSE(config.apply_line("alert=DEAUTHFLOOD,10/min").empty());
    CHECK_FALSE(config.apply_line("alert=DEAUTHFLOOD,10/min,1/week").empty());
    CHECK_FALSE(config.apply_line("alert=DEAUTHFLOOD,10/min,1/hour").empty());  // burst unit longer than rate unit
    CHECK(config.rates.empty());
}

TEST_CASE("rule options: backlog, apspoof, ssidcanary, watchlists, max signal, load_alert", "[alert]") {
    AlertConfig config;
    const auto errors = config.apply_text(R"(# kismet_alerts.conf
alertbacklog=7
apspoof=Foo1:ssid="Foobar",validmacs="00:11:22:33:44:55,aa:bb:cc:dd:ee:ff"
ssidcanary=Canary:ssid="honeypot"
devicefound=00:11:22:33:44:55
devicelost=00:11:22:00:00:00/FF:FF:FF:00:00:00,office printers
devicefound_timeout=30
dot11_max_signal=-20
load_alert=TEST:hello there
some_other_option=ignored
)");
    CHECK(errors.empty());
    CHECK(config.backlog == 7);
    REQUIRE(config.apspoof.size() == 1);
    CHECK(config.apspoof[0].name == "Foo1");
    CHECK(config.apspoof[0].ssid == "Foobar");
    REQUIRE(config.apspoof[0].valid_macs.size() == 2);
    CHECK(config.apspoof[0].valid_macs[1] == *MacAddress::parse("aa:bb:cc:dd:ee:ff"));
    REQUIRE(config.ssid_canaries.size() == 1);
    CHECK(config.ssid_canaries[0].ssid == "honeypot");
    REQUIRE(config.device_found.size() == 1);
    CHECK(config.device_found[0].matches(*MacAddress::parse("00:11:22:33:44:55")));
    CHECK_FALSE(config.device_found[0].matches(*MacAddress::parse("00:11:22:33:44:56")));
    REQUIRE(config.device_lost.size() == 1);
    CHECK(config.device_lost[0].label == "office printers");
    CHECK(config.device_lost[0].matches(*MacAddress::parse("00:11:22:99:88:77")));
    CHECK_FALSE(config.device_lost[0].matches(*MacAddress::parse("00:11:23:00:00:00")));
    CHECK(config.devicefound_timeout == 30);
    CHECK(config.dot11_max_signal == -20);
    REQUIRE(config.load_alerts.size() == 1);
    CHECK(config.load_alerts[0].first == "TEST");
    CHECK(config.load_alerts[0].second == "hello there");
}

TEST_CASE("malformed rule options are errors", "[alert]") {
    AlertConfig config;
    CHECK_FALSE(config.apply_line("apspoof=Foo1:ssid=\"Foobar\"").empty());  // no validmacs
    CHECK_FALSE(config.apply_line("apspoof=Foo1:ssid=\"x\",validmacs=\"zz:11\"").empty());
    CHECK_FALSE(config.apply_line("devicefound=not-a-mac").empty());
    CHECK_FALSE(config.apply_line("alertbacklog=lots").empty());
    CHECK(config.apspoof.empty());
    CHECK(config.device_found.empty());
}
