// The DHCP rules: DHCPCLIENTID, DHCPNAMECHANGE and DHCPOSCHANGE on clients' cleartext DHCP discovers.
#include <catch2/catch.hpp>

#include <optional>
#include <string_view>

#include "alert/alert_test_harness.h"
#include "kismetcore/craft/dhcp_builder.h"
#include "support/dot11_frames.h"

using namespace kismetcore;
using kismetcore::testing::AlertHarness;
using kismetcore::testing::kAp;
using kismetcore::testing::kClient;
using kismetcore::testing::kServer;

namespace {

constexpr MacAddress kBroadcast{std::array<std::uint8_t, 6>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
namespace message_type = dissect::dhcp::message_type;

struct Discover {
    std::optional<std::string_view> host{};
    std::optional<std::string_view> vendor{};
    std::optional<std::vector<std::uint8_t>> client_id{};
    MacAddress bssid = kAp;
    MacAddress destination = kBroadcast;
    std::uint8_t type = message_type::kDiscover;
    bool from_server = false;  // ports 67 to 68
};

std::vector<std::uint8_t> discover(AlertHarness& h, const Discover& d) {
    std::optional<std::span<const std::uint8_t>> client_id;
    if (d.client_id) client_id = *d.client_id;
    const auto ipv4 = craft::dhcp_ipv4_packet(
        {.source_port = d.from_server ? dissect::dhcp::kServerPort : dissect::dhcp::kClientPort,
         .destination_port = d.from_server ? dissect::dhcp::kClientPort : dissect::dhcp::kServerPort,
         .client_hardware = kClient,
         .message_type = d.type,
         .host_name = d.host,
         .vendor_class = d.vendor,
         .client_identifier = client_id});
    const auto body = craft::llc_snap(dissect::dot11::kEthertypeIpv4, ipv4);
    return craft::data_frame({.direction = craft::DsDirection::to_ap,
                              .source = kClient,
                              .destination = d.destination,
                              .bssid = d.bssid,
                              .body = body,
                              .options = h.options()});
}

std::vector<std::uint8_t> identifier(const MacAddress& mac) {
    const auto id = craft::dhcp_client_identifier(mac);
    return {id.begin(), id.end()};
}

}  // namespace

TEST_CASE("DHCPCLIENTID: a discover whose client ID names another MAC", "[alert][dhcp]") {
    AlertHarness h;
    h.feed(discover(h, {.client_id = identifier(kClient)}));
    CHECK(h.headers().empty());
    // Not a 7-octet identifier: nothing to compare.
    h.feed(discover(h, {.client_id = std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6}}));
    CHECK(h.headers().empty());
    // Not a discover, not broadcast, not from the client port: not read.
    h.feed(discover(h, {.client_id = identifier(kServer), .type = message_type::kRequest}));
    h.feed(discover(h, {.client_id = identifier(kServer), .destination = kServer}));
    h.feed(discover(h, {.client_id = identifier(kServer), .from_server = true}));
    CHECK(h.headers().empty());

    h.feed(discover(h, {.client_id = identifier(kServer)}));
    REQUIRE(h.count("DHCPCLIENTID") == 1);
    const auto alert = h.last();
    CHECK(alert->text ==
          "DHCP request from 02:00:00:00:00:0B doesn't match DHCP DISCOVER client id 02:00:00:00:00:0C which can "
          "indicate a DHCP spoofing attack");
    CHECK(alert->severity == 5);
    CHECK(alert->alert_class == "SPOOF");
    CHECK(alert->phy == alert::phy::kUnknown);
    CHECK(alert->source == kClient);
    CHECK(alert->transmitter == kAp);
}

TEST_CASE("DHCPNAMECHANGE: a client's DHCP host name changing in one BSS", "[alert][dhcp]") {
    AlertHarness h;
    h.feed(discover(h, {.host = "alice"}));
    h.feed(discover(h, {.host = "alice"}));
    h.feed(discover(h, {}));  // no host name: nothing to compare, the last one stays
    CHECK(h.headers().empty());
    h.feed(discover(h, {.host = "mallory"}));
    REQUIRE(h.count("DHCPNAMECHANGE") == 1);
    CHECK(h.last()->text ==
          "IEEE80211 network BSSID 02:00:00:00:00:0A client 02:00:00:00:00:0Bchanged advertised DHCP hostname from "
          "'alice' to 'mallory' which may indicate client spoofing or impersonation");
    CHECK(h.last()->severity == 5);
    // Another BSS keeps a record of its own: its first name is no change.
    h.advance(2'000'000);
    h.feed(discover(h, {.host = "alice", .bssid = kServer}));
    CHECK(h.count("DHCPNAMECHANGE") == 1);
    CHECK(h.count("DHCPOSCHANGE") == 0);
}

TEST_CASE("DHCPOSCHANGE: a client's DHCP vendor class changing, vendor before host", "[alert][dhcp]") {
    AlertHarness h;
    h.feed(discover(h, {.host = "alice", .vendor = "MSFT 5.0"}));
    CHECK(h.headers().empty());
    h.feed(discover(h, {.host = "bob", .vendor = "android-dhcp-13"}));
    REQUIRE(h.headers() == std::vector<std::string>{"DHCPOSCHANGE", "DHCPNAMECHANGE"});
    CHECK(h.last()->header == "DHCPNAMECHANGE");
    const auto all = h.engine.alerts().all();
    CHECK(all.front()->text ==
          "IEEE80211 network BSSID 02:00:00:00:00:0A client 02:00:00:00:00:0Bchanged advertised DHCP vendor from "
          "'MSFT 5.0' to 'android-dhcp-13' which may indicate client spoofing or impersonation");
}

TEST_CASE("a throttled DHCP change is still remembered", "[alert][dhcp]") {
    AlertHarness h;  // DHCPNAMECHANGE: 5/min, burst 1/sec
    h.feed(discover(h, {.host = "a"}));
    h.feed(discover(h, {.host = "b"}));
    h.feed(discover(h, {.host = "c"}));  // within the second: throttled
    CHECK(h.count("DHCPNAMECHANGE") == 1);
    h.advance(2'000'000);
    h.feed(discover(h, {.host = "d"}));
    REQUIRE(h.count("DHCPNAMECHANGE") == 2);
    CHECK(h.last()->text.find("from 'c' to 'd'") != std::string::npos);
}

TEST_CASE("disabled DHCP rules raise nothing", "[alert][dhcp]") {
    AlertHarness h(
        "alert=DHCPNAMECHANGE,0/min,1/sec\nalert=DHCPOSCHANGE,0/min,1/sec\nalert=DHCPCLIENTID,0/min,1/sec\n");
    h.feed(discover(h, {.host = "a", .vendor = "x", .client_id = identifier(kServer)}));
    h.feed(discover(h, {.host = "b", .vendor = "y", .client_id = identifier(kServer)}));
    CHECK(h.headers().empty());
}
