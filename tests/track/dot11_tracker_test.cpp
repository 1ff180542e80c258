// The 802.11 tracker's update rules, one behaviour per test, on frames built in code.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "kismetcore/craft/arp_builder.h"
#include "kismetcore/craft/dhcp_builder.h"
#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/craft/radiotap_builder.h"
#include "kismetcore/engine/engine.h"
#include "kismetcore/fields/serializer.h"
#include "kismetcore/track/device_schema.h"
#include "kismetcore/track/dot11/dot11_device.h"
#include "support/dot11_frames.h"

namespace {

using namespace kismetcore;
namespace craft = kismetcore::craft;
using testing::kAp;
using testing::kClient;
using testing::kServer;

constexpr std::uint64_t kWallClock = 1'800'000'000;

// An engine fed raw 802.11 frames (DLT 105), one per second of packet time unless told otherwise.
EngineConfig fixed_clock_config() {
    EngineConfig config;
    config.clock = [] { return kWallClock; };
    return config;
}

struct Harness {
    explicit Harness(EngineConfig config = fixed_clock_config()) : engine(std::move(config)) {}

    Engine engine;
    std::int64_t time = 1'000'000;
    std::uint16_t sequence = 0;

    void feed(const std::vector<std::uint8_t>& frame, std::int64_t at = 0,
              std::uint32_t dlt = capture::dlt::kIeee80211) {
        capture::Packet packet;
        packet.data = frame;
        packet.dlt = dlt;
        packet.ts_sec = at != 0 ? at : time++;
        packet.original_length = static_cast<std::uint32_t>(frame.size());
        engine.feed(packet);
    }
    craft::FrameOptions options(std::uint8_t flags = 0) { return {.flags = flags, .sequence_number = ++sequence}; }

    std::shared_ptr<const track::Device> device(const MacAddress& mac) const {
        return engine.device(DeviceKey(kDot11PhyHash, mac));
    }
};

std::vector<std::uint8_t> ap_elements(std::string_view ssid, std::uint8_t channel, bool rsn) {
    craft::ElementBuilder elements;
    elements.ssid(ssid).supported_rates({0x82, 0x84, 0x8b, 0x96, 0x24}).ds_channel(channel);
    if (rsn) elements.rsn({});
    return elements.take();
}

}  // namespace

TEST_CASE("a beacon makes its BSSID an access point with an advertised SSID record", "[track]") {
    Harness h;
    const auto elements = ap_elements("linksys", 6, true);
    h.feed(craft::beacon({.bssid = kAp, .timestamp = 4242, .elements = elements, .options = h.options()}));
    auto ap = h.device(kAp);
    REQUIRE(ap);
    CHECK(ap->type == "Wi-Fi AP");
    CHECK(ap->basic_type_set == track::basic_type::kAp);
    CHECK(ap->name == "linksys");
    CHECK(ap->commonname() == "linksys");
    CHECK(ap->crypt == "WPA2 WPA2-PSK AES-CCMP");
    CHECK(ap->channel == "6");
    CHECK(ap->packets.total == 1);
    CHECK(ap->packets.tx_total == 1);
    CHECK(ap->packets.llc == 1);
    CHECK(ap->mod_time == kWallClock);
    const auto& dot11 = *ap->dot11;
    CHECK(dot11.typeset == track::dot11::typeset::kBeaconAp);
    CHECK(dot11.bss_timestamp == 4242);
    REQUIRE(dot11.advertised_ssid_map.size() == 1);
    const auto& ssid = dot11.advertised_ssid_map[0].second;
    CHECK(ssid.ssid == "linksys");
    CHECK(ssid.ssid_hash == 1767661273u);  // Kismet's own value for "linksys"
    CHECK(ssid.beacon == 1);
    CHECK(ssid.beaconrate == 10);  // 100 TU
    CHECK(ssid.maxrate == 18);
    CHECK(ssid.crypt_set == 268436160u);  // Kismet's legacy set for WPA2-PSK-CCMP
    CHECK(dot11.last_beaconed_ssid_record() == &ssid);
    // Broadcast destinations never become devices.
    CHECK(h.engine.all_devices().size() == 1);
}

TEST_CASE("a repeated beacon with the same elements only moves times and counters", "[track]") {
    Harness h;
    const auto elements = ap_elements("net", 1, false);
    h.feed(craft::beacon({.bssid = kAp, .elements = elements, .options = h.options()}), 100);
    h.feed(craft::beacon({.bssid = kAp, .elements = elements, .options = h.options()}), 107);
    auto ap = h.device(kAp);
    REQUIRE(ap);
    CHECK(ap->packets.total == 2);
    CHECK(ap->first_time == 100);
    CHECK(ap->last_time == 107);
    const auto& ssid = ap->dot11->advertised_ssid_map.at(0).second;
    CHECK(ssid.first_time == 100);
    CHECK(ssid.last_time == 107);
    CHECK(ssid.crypt_string == "Open");
}

TEST_CASE("a byte-identical frame within the last 1024 is not counted again", "[track]") {
    Harness h;
    const auto elements = ap_elements("net", 1, false);
    const auto frame = craft::beacon({.bssid = kAp, .elements = elements, .options = h.options()});
    h.feed(frame);
    h.feed(frame);
    CHECK(h.device(kAp)->packets.total == 1);
    CHECK(h.engine.stats().duplicates == 1);
}

namespace {

std::uint64_t seenby_packets(const std::shared_ptr<const track::Device>& device) {
    const track::DeviceReadLock lock(*device);
    REQUIRE(device->seenby.records.size() == 1);
    return device->seenby.records[0].num_packets;
}

}  // namespace

TEST_CASE("a duplicate management frame refreshes the seen-by records of its source and destination only",
          "[track][duplicates]") {
    Harness h;
    h.feed(craft::beacon({.bssid = kAp, .elements = ap_elements("net", 1, false), .options = h.options()}), 100);
    const auto from_client = craft::authentication(
        {.source = kClient, .destination = kAp, .bssid = kAp, .sequence = 1, .options = h.options()});
    const auto from_ap = craft::authentication(
        {.source = kAp, .destination = kClient, .bssid = kAp, .sequence = 2, .options = h.options()});
    h.feed(from_client, 101);
    h.feed(from_ap, 102);
    const auto client = h.device(kClient);
    const auto ap = h.device(kAp);
    REQUIRE(client);
    REQUIRE(ap);
    // Each device takes a seen-by update from every frame that names it.
    CHECK(seenby_packets(client) == 2);
    CHECK(seenby_packets(ap) == 3);
    CHECK(client->packets.total == 2);
    CHECK(ap->packets.total == 2);  // as BSSID of the client's frame it takes a seen-by update only

    // The client's frame again: the client as source gets a seen-by update, the AP as BSSID none.
    h.feed(from_client, 110);
    CHECK(seenby_packets(client) == 3);
    CHECK(seenby_packets(ap) == 3);
    // The AP's frame again: the client as destination gets one; the AP, source and BSSID at once, none.
    h.feed(from_ap, 111);
    CHECK(seenby_packets(client) == 4);
    CHECK(seenby_packets(ap) == 3);
    CHECK(h.engine.stats().duplicates == 2);
    // Nothing else changes: packet counts, times, types.
    CHECK(client->packets.total == 2);
    CHECK(ap->packets.total == 2);  // as BSSID of the client's frame it takes a seen-by update only
    CHECK(ap->last_time == 102);
    CHECK(client->last_time == 111);  // Kismet's update moves last_time like any other
    const track::DeviceReadLock lock(*client);
    CHECK(client->seenby.records[0].last_time == 111);
}

TEST_CASE("a duplicate data frame changes nothing", "[track][duplicates]") {
    Harness h;
    const std::vector<std::uint8_t> payload(40, 0x42);
    const auto data = craft::data_frame({.direction = craft::DsDirection::to_ap,
                                         .source = kClient,
                                         .destination = kServer,
                                         .bssid = kAp,
                                         .body = payload,
                                         .options = h.options(dissect::dot11::fc_flag::kProtected)});
    h.feed(data, 101);
    const auto client = h.device(kClient);
    const auto server = h.device(kServer);
    REQUIRE(client);
    REQUIRE(server);
    h.feed(data, 102);
    CHECK(h.engine.stats().duplicates == 1);
    CHECK(seenby_packets(client) == 1);
    CHECK(seenby_packets(server) == 1);
    CHECK(client->last_time == 101);
}

TEST_CASE("a duplicate does not bring back a device that was removed", "[track][duplicates]") {
    EngineConfig config = fixed_clock_config();
    config.tracker.device_timeout_seconds = 10;
    Harness h(config);
    const auto from_client =
        craft::authentication({.source = kClient, .destination = kAp, .bssid = kAp, .options = h.options()});
    h.feed(from_client, 100);
    REQUIRE(h.device(kClient));
    const MacAddress other = MacAddress::from_bytes(std::array<std::uint8_t, 6>{0x02, 0, 0, 0, 0, 0x77});
    h.feed(craft::beacon({.bssid = other, .elements = ap_elements("other", 1, false), .options = h.options()}), 200);
    CHECK(h.engine.expire() == 2);
    REQUIRE_FALSE(h.device(kClient));

    h.feed(from_client, 201);
    CHECK(h.engine.stats().duplicates == 1);
    CHECK_FALSE(h.device(kClient));
    CHECK_FALSE(h.device(kAp));
}

TEST_CASE("a probe request makes its source a client with a probed SSID", "[track]") {
    Harness h;
    craft::ElementBuilder elements;
    elements.ssid("corp").supported_rates({0x02, 0x04});
    const auto bytes = elements.take();
    h.feed(craft::probe_request({.source = kClient, .elements = bytes, .options = h.options()}));
    auto client = h.device(kClient);
    REQUIRE(client);
    CHECK(client->type == "Wi-Fi Client");
    CHECK(client->basic_type_set == track::basic_type::kClient);
    CHECK(client->name.empty());
    CHECK(client->commonname() == "02:00:00:00:00:0B");
    const auto& probed = client->dot11->probed_ssid_map;
    REQUIRE(probed.size() == 1);
    CHECK(probed[0].second.ssid == "corp");
    CHECK(probed[0].second.crypt_string == "Open");
    CHECK(client->dot11->last_bssid == MacAddress{});  // no BSSID device for a wildcard probe
    CHECK(client->dot11->client_map.empty());
}

TEST_CASE("data to the AP links the client and the access point both ways", "[track]") {
    Harness h;
    const std::vector<std::uint8_t> payload(100, 0x42);
    h.feed(craft::data_frame({.direction = craft::DsDirection::to_ap,
                              .source = kClient,
                              .destination = kServer,
                              .bssid = kAp,
                              .body = payload,
                              .options = h.options(dissect::dot11::fc_flag::kProtected)}));
    auto client = h.device(kClient);
    auto ap = h.device(kAp);
    auto server = h.device(kServer);
    REQUIRE(client);
    REQUIRE(ap);
    REQUIRE(server);
    CHECK(client->type == "Wi-Fi Client");
    CHECK(client->packets.tx_total == 1);
    CHECK(client->packets.data == 1);
    CHECK(client->datasize == 100);
    CHECK(client->basic_crypt_set == track::basic_crypt::kEncrypted);
    CHECK(ap->packets.total == 0);  // a frame to the AP is not the AP's packet
    CHECK(ap->dot11->datasize == 100);
    REQUIRE(client->dot11->client_map.size() == 1);
    CHECK(client->dot11->client_map[0].first == kAp);
    CHECK(client->dot11->client_map[0].second.bssid_key == ap->key);
    CHECK(client->dot11->last_bssid == kAp);
    REQUIRE(ap->dot11->associated_client_map.size() == 2);  // the client, and the wired destination behind the AP
    CHECK(ap->dot11->associated_client_map[0].first == kClient);
    CHECK(server->type == "Wi-Fi Device");
    CHECK(server->packets.rx_total == 1);
}

TEST_CASE("data from the AP on behalf of another station marks that station bridged", "[track]") {
    Harness h;
    const std::vector<std::uint8_t> payload(10, 0);
    h.feed(craft::data_frame({.direction = craft::DsDirection::from_ap,
                              .source = kServer,
                              .destination = kClient,
                              .bssid = kAp,
                              .body = payload,
                              .options = h.options()}));
    CHECK(h.device(kServer)->type == "Wi-Fi Bridged");
    CHECK(h.device(kServer)->basic_type_set == track::basic_type::kWired);
    CHECK(h.device(kAp)->type == "Wi-Fi AP");
    CHECK(h.device(kClient)->packets.rx_total == 1);
}

TEST_CASE("a device's channel is its packets' frequency again after a beacon's DS channel named another", "[track]") {
    Harness h;
    // Heard on 2437 MHz (channel 6) while its beacons say channel 1, as an adjacent-channel capture does.
    const auto on_channel_6 = [&h](const std::vector<std::uint8_t>& frame) {
        h.feed(craft::RadiotapBuilder().channel(2437, 0x00a0).build(frame), 0, capture::dlt::kRadiotap);
    };
    const std::vector<std::uint8_t> payload(10, 0);
    const auto from_ap = [&] {
        return craft::data_frame({.direction = craft::DsDirection::from_ap,
                                  .source = kAp,
                                  .destination = kClient,
                                  .bssid = kAp,
                                  .body = payload,
                                  .options = h.options()});
    };
    on_channel_6(from_ap());
    CHECK(h.device(kAp)->channel == "6");
    on_channel_6(craft::beacon({.bssid = kAp, .elements = ap_elements("net", 1, false), .options = h.options()}));
    CHECK(h.device(kAp)->channel == "1");
    // Kismet sets the channel from every packet's frequency: the same frequency as before still rewrites it.
    on_channel_6(from_ap());
    CHECK(h.device(kAp)->channel == "6");
    CHECK(h.device(kAp)->frequency == 2437000);
}

TEST_CASE("null data only updates devices that exist", "[track]") {
    Harness h;
    h.feed(craft::data_frame({.direction = craft::DsDirection::to_ap,
                              .source = kClient,
                              .destination = kAp,
                              .bssid = kAp,
                              .subtype = dissect::dot11::data::kNull,
                              .options = h.options()}));
    CHECK(h.engine.all_devices().empty());
}

TEST_CASE("control frames and frames too short for Kismet make no devices", "[track]") {
    Harness h;
    h.feed(craft::ack(kClient));
    h.feed(craft::rts(kAp, kClient));
    // An action frame of 27 bytes: Kismet's dissector calls anything under 30 corrupt.
    h.feed(craft::management_frame(dissect::dot11::management::kAction, kClient, kAp, kAp,
                                   std::vector<std::uint8_t>{4, 0, 0}, h.options()));
    CHECK(h.engine.all_devices().empty());
}

TEST_CASE("a WDS frame makes both radios WDS access points", "[track]") {
    Harness h;
    const std::vector<std::uint8_t> payload(20, 1);
    h.feed(craft::data_frame({.direction = craft::DsDirection::wds,
                              .source = kClient,
                              .destination = kServer,
                              .transmitter = kAp,
                              .receiver = testing::kPeerAp,
                              .body = payload,
                              .options = h.options()}));
    CHECK(h.device(kAp)->type == "Wi-Fi WDS AP");
    CHECK(h.device(testing::kPeerAp)->type == "Wi-Fi WDS AP");
    CHECK(h.device(kAp)->basic_type_set == (track::basic_type::kAp | track::basic_type::kPeer));
}

TEST_CASE("an IBSS beacon makes an ad-hoc device", "[track]") {
    Harness h;
    const auto elements = ap_elements("party", 11, false);
    h.feed(craft::beacon(
        {.bssid = kAp, .capability = dissect::dot11::capability::kIbss, .elements = elements, .options = h.options()}));
    auto peer = h.device(kAp);
    REQUIRE(peer);
    CHECK(peer->type == "Wi-Fi Ad-Hoc");
    CHECK((peer->dot11->typeset & track::dot11::typeset::kAdhoc) != 0);
    CHECK((peer->basic_type_set & track::basic_type::kPeer) != 0);
}

TEST_CASE("a hidden SSID is cloaked in the beacon and named by the probe response", "[track]") {
    Harness h;
    craft::ElementBuilder hidden;
    hidden.ssid(std::vector<std::uint8_t>(8, 0)).ds_channel(3);
    const auto hidden_bytes = hidden.take();
    h.feed(craft::beacon({.bssid = kAp, .elements = hidden_bytes, .options = h.options()}));
    auto ap = h.device(kAp);
    REQUIRE(ap);
    CHECK(ap->name.empty());
    REQUIRE(ap->dot11->advertised_ssid_map.size() == 1);
    CHECK(ap->dot11->advertised_ssid_map[0].second.cloaked == 1);
    CHECK(ap->dot11->advertised_ssid_map[0].second.ssid.empty());
    CHECK(ap->dot11->advertised_ssid_map[0].second.ssidlen == 8);

    const auto named = ap_elements("secret", 3, false);
    h.feed(craft::probe_response({.bssid = kAp, .destination = kClient, .elements = named, .options = h.options()}));
    CHECK(ap->name == "secret");
    REQUIRE(ap->dot11->responded_ssid_map.size() == 1);
    CHECK(ap->dot11->responded_ssid_map[0].second.ssid == "secret");
    CHECK(ap->dot11->responded_ssid_map[0].second.probe_response == 1);
    CHECK((ap->dot11->typeset & track::dot11::typeset::kProbeAp) != 0);
}

TEST_CASE("deauthentications from an AP are counted in bursts", "[track]") {
    Harness h;
    for (int i = 0; i < 3; ++i)
        h.feed(craft::deauthentication(
                   {.source = kAp, .destination = kClient, .bssid = kAp, .reason = 7, .options = h.options()}),
               500);
    CHECK(h.device(kAp)->dot11->client_disconnects == 3);
    h.feed(craft::deauthentication({.source = kAp, .destination = kClient, .bssid = kAp, .options = h.options()}), 510);
    CHECK(h.device(kAp)->dot11->client_disconnects == 1);
    CHECK(h.device(kAp)->dot11->client_disconnects_last == 510);
}

TEST_CASE("the device limit removes the least recently seen devices", "[track]") {
    EngineConfig config = fixed_clock_config();
    config.tracker.max_devices = 2;
    Harness h(std::move(config));
    const auto elements = ap_elements("a", 1, false);
    for (std::uint8_t i = 1; i <= 4; ++i) {
        const MacAddress bssid(std::array<std::uint8_t, 6>{0x02, 0, 0, 0, 1, i});
        h.feed(craft::beacon({.bssid = bssid, .elements = elements, .options = h.options()}), 100 + i);
    }
    CHECK(h.engine.expire() == 2);
    const auto remaining = h.engine.all_devices();
    REQUIRE(remaining.size() == 2);
    CHECK(remaining[0]->macaddr[5] == 3);
    CHECK(remaining[1]->macaddr[5] == 4);
}

TEST_CASE("the last beaconed and last probed records follow the SSID that came last", "[track]") {
    Harness h;
    for (const char* name : {"first", "second"}) {
        const auto elements = ap_elements(name, 1, false);
        h.feed(craft::beacon({.bssid = kAp, .elements = elements, .options = h.options()}));
        craft::ElementBuilder probe;
        probe.ssid(name);
        const auto probe_bytes = probe.take();
        h.feed(craft::probe_request({.source = kClient, .elements = probe_bytes, .options = h.options()}));
    }
    const auto* beaconed = h.device(kAp)->dot11->last_beaconed_ssid_record();
    REQUIRE(beaconed != nullptr);
    CHECK(beaconed->ssid == "second");
    const auto& client = *h.device(kClient)->dot11;
    REQUIRE(client.last_probed_ssid);
    CHECK(client.probed_ssid_map.at(*client.last_probed_ssid).second.ssid == "second");
}

namespace {

// A client's DHCP DISCOVER to the broadcast address through `bssid`, in the clear unless `flags` say otherwise.
std::vector<std::uint8_t> dhcp_discover(Harness& h, const MacAddress& bssid, std::optional<std::string_view> host,
                                        std::optional<std::string_view> vendor, std::uint8_t flags = 0,
                                        std::uint8_t message_type = dissect::dhcp::message_type::kDiscover) {
    constexpr MacAddress kBroadcast{std::array<std::uint8_t, 6>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
    const auto ipv4 = craft::dhcp_ipv4_packet(
        {.client_hardware = kClient, .message_type = message_type, .host_name = host, .vendor_class = vendor});
    const auto body = craft::llc_snap(dissect::dot11::kEthertypeIpv4, ipv4);
    return craft::data_frame({.direction = craft::DsDirection::to_ap,
                              .source = kClient,
                              .destination = kBroadcast,
                              .bssid = bssid,
                              .body = body,
                              .options = h.options(flags)});
}

const track::dot11::ClientIdentity* identity_of(const Harness& h, const MacAddress& bssid) {
    const auto client = h.device(kClient);
    REQUIRE(client);
    for (const auto& [record_bssid, record] : client->dot11->client_map)
        if (record_bssid == bssid) return record.identity.get();
    FAIL("no client record for the BSSID");
    return nullptr;
}

}  // namespace

TEST_CASE("a client's DHCP discover names its host and vendor in its client record", "[track][dhcp]") {
    Harness h;
    h.feed(dhcp_discover(h, kAp, "alices-laptop", "MSFT 5.0"));
    const auto* identity = identity_of(h, kAp);
    REQUIRE(identity != nullptr);
    CHECK(identity->dhcp_host == "alices-laptop");
    CHECK(identity->dhcp_vendor == "MSFT 5.0");
    CHECK_FALSE(identity->eap_identity.has_value());

    // A discover without the options keeps what the last one said; a new value replaces it.
    h.feed(dhcp_discover(h, kAp, std::nullopt, std::nullopt));
    CHECK(identity_of(h, kAp)->dhcp_host == "alices-laptop");
    h.feed(dhcp_discover(h, kAp, "", ""));  // options present but empty count as absent
    CHECK(identity_of(h, kAp)->dhcp_host == "alices-laptop");
    CHECK(identity_of(h, kAp)->dhcp_vendor == "MSFT 5.0");
    h.feed(dhcp_discover(h, kAp, "alice\n", std::nullopt));
    CHECK(identity_of(h, kAp)->dhcp_host == "alice\\n");  // munged as Kismet munges text from the air
    CHECK(identity_of(h, kAp)->dhcp_vendor == "MSFT 5.0");
}

TEST_CASE("only cleartext broadcast discovers name a client's DHCP identity", "[track][dhcp]") {
    Harness h;
    // Encrypted, a request instead of a discover, and a discover without options: no identity is made.
    h.feed(dhcp_discover(h, kAp, "hidden", "v", dissect::dot11::fc_flag::kProtected));
    h.feed(dhcp_discover(h, kAp, "requesting", "v", 0, dissect::dhcp::message_type::kRequest));
    h.feed(dhcp_discover(h, kAp, std::nullopt, std::nullopt));
    CHECK(identity_of(h, kAp) == nullptr);
    // A discover sent to one server rather than broadcast is not read either (Kismet's IP-data dissector).
    const auto ipv4 = craft::dhcp_ipv4_packet({.host_name = "unicast"});
    const auto body = craft::llc_snap(dissect::dot11::kEthertypeIpv4, ipv4);
    h.feed(craft::data_frame({.direction = craft::DsDirection::to_ap,
                              .source = kClient,
                              .destination = kServer,
                              .bssid = kAp,
                              .body = body,
                              .options = h.options()}));
    CHECK(identity_of(h, kAp) == nullptr);
    // Each BSS has its own client record.
    const MacAddress other_ap = testing::mac("02:00:00:00:00:77");
    h.feed(dhcp_discover(h, other_ap, "roaming", std::nullopt));
    REQUIRE(identity_of(h, other_ap) != nullptr);
    CHECK(identity_of(h, other_ap)->dhcp_host == "roaming");
    CHECK(identity_of(h, kAp) == nullptr);
}

TEST_CASE("cleartext TCP, ARP and CDP fill a client record's ipdata and CDP names", "[track][ipdata]") {
    Harness h;
    // TCP from the client (10.0.0.2) to a server beyond the AP: its own address, type udptcp (2).
    std::vector<std::uint8_t> tcp{0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 2, 93, 184, 216, 34};
    tcp.resize(40, 0);
    h.feed(craft::data_frame({.direction = craft::DsDirection::to_ap,
                              .source = kClient,
                              .destination = kServer,
                              .bssid = kAp,
                              .body = craft::llc_snap(0x0800, tcp),
                              .options = h.options()}));
    const auto* identity = identity_of(h, kAp);
    REQUIRE(identity != nullptr);
    REQUIRE(identity->ipdata);
    CHECK(identity->ipdata->type == track::ip_data_type::kUdpTcp);
    CHECK(identity->ipdata->address == 0x0200000Au);  // 10.0.0.2 as Kismet's in_addr number
    CHECK_FALSE(identity->cdp_device.has_value());

    // A padded ARP request from the client (more than 36 octets, as Kismet requires) makes it type arp (3).
    craft::ArpSpec request{
        .sender_hardware = kClient, .sender_address = {10, 0, 0, 9}, .target_address = {10, 0, 0, 1}, .padding = 4};
    const auto arp = craft::arp_packet(request);
    h.feed(craft::data_frame({.direction = craft::DsDirection::to_ap,
                              .source = kClient,
                              .destination = kServer,
                              .bssid = kAp,
                              .body = craft::llc_snap(craft::kEthertypeArp, arp),
                              .options = h.options()}));
    CHECK(identity_of(h, kAp)->ipdata->type == track::ip_data_type::kArp);
    CHECK(identity_of(h, kAp)->ipdata->address == 0x0900000Au);
    // The gateway's ARP reply to the client is not the client's address: Kismet takes ARP from the client only.
    const auto reply = craft::arp_packet({.operation = craft::arp_operation::kReply,
                                          .sender_hardware = kAp,
                                          .sender_address = {10, 0, 0, 1},
                                          .target_hardware = kClient,
                                          .target_address = {10, 0, 0, 9},
                                          .padding = 4});
    h.feed(craft::data_frame({.direction = craft::DsDirection::from_ap,
                              .source = kAp,
                              .destination = kClient,
                              .bssid = kAp,
                              .body = craft::llc_snap(craft::kEthertypeArp, reply),
                              .options = h.options()}));
    CHECK(identity_of(h, kAp)->ipdata->address == 0x0900000Au);

    // An ARP naming another address, encrypted, changes nothing: its body is ciphertext.
    request.sender_address = {10, 0, 0, 77};
    const auto other_arp = craft::arp_packet(request);
    h.feed(craft::data_frame({.direction = craft::DsDirection::to_ap,
                              .source = kClient,
                              .destination = kServer,
                              .bssid = kAp,
                              .body = craft::llc_snap(craft::kEthertypeArp, other_arp),
                              .options = h.options(dissect::dot11::fc_flag::kProtected)}));
    CHECK(identity_of(h, kAp)->ipdata->address == 0x0900000Au);

    // The serialized record carries Kismet's field names, the address as a number.
    const auto client = h.device(kClient);
    std::string json;
    {
        std::lock_guard lock(client->mutex);
        json = fields::serialize_record(fields::OutputFormat::json, track::device_schema(), *client);
    }
    INFO(json);
    CHECK(json.find("\"dot11.client.ipdata\": {\"kismet.common.ipdata.type\": 3,\"kismet.common.ipdata.address\": "
                    "150994954,\"kismet.common.ipdata.netmask\": 0,\"kismet.common.ipdata.gateway\": 0}") !=
          std::string::npos);
    CHECK(json.find("dot11.client.cdp_device") == std::string::npos);
}

TEST_CASE("a switch's CDP frame through the AP names its device and port", "[track][ipdata]") {
    Harness h;
    const MacAddress kSwitch = testing::mac("00:1b:2c:3d:4e:5f");
    const MacAddress kCdpMulticast = testing::mac("01:00:0c:cc:cc:cc");
    std::vector<std::uint8_t> cdp{0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, 0x20, 0x00, 2, 180, 0, 0};
    for (const auto& [type, value] : {std::pair<std::uint16_t, std::string_view>{1, "core-sw1"}, {3, "Gi1/0/24"}}) {
        cdp.push_back(static_cast<std::uint8_t>(type >> 8));
        cdp.push_back(static_cast<std::uint8_t>(type));
        cdp.push_back(0);
        cdp.push_back(static_cast<std::uint8_t>(value.size() + 4));
        cdp.insert(cdp.end(), value.begin(), value.end());
    }
    cdp.push_back(0);
    h.feed(craft::data_frame({.direction = craft::DsDirection::from_ap,
                              .source = kSwitch,
                              .destination = kCdpMulticast,
                              .bssid = kAp,
                              .body = cdp,
                              .options = h.options()}));
    const auto wired = h.device(kSwitch);
    REQUIRE(wired);
    REQUIRE(wired->dot11->client_map.size() == 1);
    const auto& identity = wired->dot11->client_map[0].second.identity;
    REQUIRE(identity);
    CHECK(identity->cdp_device == "core-sw1");
    CHECK(identity->cdp_port == "Gi1/0/24");
    CHECK_FALSE(identity->ipdata);
}

TEST_CASE("a client record keeps the positions of its frames with a fix of 2D or better", "[track][gps]") {
    Harness h;
    const auto data = [&h] {
        return craft::data_frame({.direction = craft::DsDirection::to_ap,
                                  .source = kClient,
                                  .destination = kServer,
                                  .bssid = kAp,
                                  .body = std::vector<std::uint8_t>(20, 0),
                                  .options = h.options(dissect::dot11::fc_flag::kProtected)});
    };
    const auto client_record = [&h]() -> const track::dot11::ClientRecord& {
        const auto client = h.device(kClient);
        REQUIRE(client);
        REQUIRE(client->dot11->client_map.size() == 1);
        return client->dot11->client_map[0].second;
    };
    h.feed(data());
    CHECK_FALSE(client_record().location);  // no fix: absent, as Kismet's dynamic field
    h.engine.set_gps_fix(track::GpsFix{.lat = 51.5, .lon = -0.12, .alt = 30, .fix = 1});
    h.feed(data());
    CHECK_FALSE(client_record().location);  // a fix below 2D is not a position
    h.engine.set_gps_fix(track::GpsFix{.lat = 51.5, .lon = -0.12, .alt = 30, .fix = 3});
    h.feed(data());
    h.engine.set_gps_fix(track::GpsFix{.lat = 51.6, .lon = -0.10, .alt = 35, .fix = 2});
    h.feed(data());
    const auto& location = client_record().location;
    REQUIRE(location);
    CHECK(location->loc_fix == 3);
    REQUIRE(location->last.has_value());
    CHECK(location->last->lat == Approx(51.6));
    REQUIRE(location->min_loc.has_value());
    CHECK(location->min_loc->lat == Approx(51.5));
    CHECK(location->max_loc->lat == Approx(51.6));
    CHECK_FALSE(location->avg_loc.has_value());  // add_loc keeps no average
}
