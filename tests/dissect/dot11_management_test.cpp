// Pins the fixed fields of every management subtype (IEEE 802.11-2020 9.3.3), where their element lists start,
// and the DMG and S1G beacons of the extension type (9.3.4).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/dissect/dot11_frame.h"
#include "support/dot11_frames.h"

namespace craft = kismetcore::craft;
namespace dot11 = kismetcore::dissect::dot11;
using kismetcore::dissect::dissect_dot11_frame;
using kismetcore::dissect::Dot11Frame;
using kismetcore::dissect::FrameProtection;
using namespace kismetcore::testing;

namespace {

// An SSID element for "kc": enough to see where the element list starts.
const std::vector<std::uint8_t> kElements{0x00, 0x02, 'k', 'c'};

std::vector<std::uint8_t> span_bytes(std::span<const std::uint8_t> span) {
    return {span.begin(), span.end()};
}

void check_management_addresses(const Dot11Frame& frame, const kismetcore::MacAddress& destination,
                                const kismetcore::MacAddress& source, const kismetcore::MacAddress& bssid) {
    CHECK(frame.receiver == destination);
    CHECK(frame.destination == destination);
    CHECK(frame.transmitter == source);
    CHECK(frame.source == source);
    CHECK(frame.bssid == bssid);
}

}  // namespace

TEST_CASE("beacon and probe response: timestamp, beacon interval, capability, then elements", "[dot11]") {
    const craft::BeaconSpec spec{.bssid = kAp,
                                 .timestamp = 0x0102030405060708,
                                 .beacon_interval = 102,
                                 .capability = dot11::capability::kEss | dot11::capability::kPrivacy,
                                 .elements = kElements,
                                 .options = {.sequence_number = 77}};
    const auto beacon = dissect_frame_ok(craft::beacon(spec));
    CHECK(std::string(beacon.type_name()) == "beacon");
    check_management_addresses(beacon, craft::kBroadcast, kAp, kAp);
    CHECK(beacon.sequence_number == 77);
    CHECK(beacon.timestamp == 0x0102030405060708u);
    CHECK(beacon.beacon_interval == 102);
    CHECK(beacon.capability_info == (dot11::capability::kEss | dot11::capability::kPrivacy));
    CHECK(beacon.elements_offset == 36);
    CHECK(span_bytes(beacon.elements) == kElements);

    auto response_spec = spec;
    response_spec.destination = kClient;
    const auto response = dissect_frame_ok(craft::probe_response(response_spec));
    CHECK(std::string(response.type_name()) == "probe_response");
    check_management_addresses(response, kClient, kAp, kAp);
    CHECK(response.elements_offset == 36);
}

TEST_CASE("management frames with +HTC carry HT control before the fixed fields", "[dot11]") {
    const auto beacon =
        dissect_frame_ok(craft::beacon({.bssid = kAp, .elements = kElements, .options = {.ht_control = 0x12345678}}));
    REQUIRE(beacon.ht_control);
    CHECK(beacon.ht_control->raw == 0x12345678);
    CHECK(beacon.header_length == 28);
    CHECK(beacon.beacon_interval == 100);
    CHECK(beacon.elements_offset == 40);
}

TEST_CASE("probe request: elements straight after the header", "[dot11]") {
    const auto frame = dissect_frame_ok(craft::probe_request({.source = kClient, .elements = kElements}));
    CHECK(std::string(frame.type_name()) == "probe_request");
    check_management_addresses(frame, craft::kBroadcast, kClient, craft::kBroadcast);
    CHECK(frame.elements_offset == 24);
    CHECK(span_bytes(frame.elements) == kElements);
}

TEST_CASE("association and reassociation requests: capability, listen interval, current AP", "[dot11]") {
    const auto association = dissect_frame_ok(craft::association_request(
        {.client = kClient, .bssid = kAp, .capability = 0x0431, .listen_interval = 5, .elements = kElements}));
    CHECK(std::string(association.type_name()) == "assoc_request");
    check_management_addresses(association, kAp, kClient, kAp);
    CHECK(association.capability_info == 0x0431);
    CHECK(association.listen_interval == 5);
    CHECK_FALSE(association.current_ap);
    CHECK(association.elements_offset == 28);

    const auto reassociation = dissect_frame_ok(
        craft::association_request({.client = kClient, .bssid = kAp, .current_ap = kPeerAp, .elements = kElements}));
    CHECK(std::string(reassociation.type_name()) == "reassoc_request");
    CHECK(reassociation.current_ap == kPeerAp);
    CHECK(reassociation.elements_offset == 34);
    CHECK(span_bytes(reassociation.elements) == kElements);
}

TEST_CASE("association and reassociation responses: capability, status, AID without its top bits", "[dot11]") {
    for (const bool reassociation : {false, true}) {
        const auto frame = dissect_frame_ok(craft::association_response({.bssid = kAp,
                                                                         .client = kClient,
                                                                         .status = 17,
                                                                         .association_id = 2007,
                                                                         .reassociation = reassociation,
                                                                         .elements = kElements}));
        CHECK(std::string(frame.type_name()) == (reassociation ? "reassoc_response" : "assoc_response"));
        check_management_addresses(frame, kClient, kAp, kAp);
        CHECK(frame.status_code == 17);
        CHECK(frame.association_id == 2007);
        CHECK(frame.elements_offset == 30);
    }
}

TEST_CASE("authentication: algorithm, sequence, status, then elements except for SAE", "[dot11]") {
    const auto shared_key =
        dissect_frame_ok(craft::authentication({.source = kAp,
                                                .destination = kClient,
                                                .bssid = kAp,
                                                .algorithm = dot11::auth_algorithm::kSharedKey,
                                                .sequence = 2,
                                                .status = 0,
                                                .elements = std::vector<std::uint8_t>{16, 2, 'c', 'h'}}));
    CHECK(std::string(shared_key.type_name()) == "authentication");
    CHECK(shared_key.auth_algorithm == dot11::auth_algorithm::kSharedKey);
    CHECK(shared_key.auth_sequence == 2);
    CHECK(shared_key.status_code == 0);
    CHECK(shared_key.elements_offset == 30);

    // SAE commit (12.4.7.4): the group, scalar and element are not elements.
    const auto sae = dissect_frame_ok(craft::authentication({.source = kClient,
                                                             .destination = kAp,
                                                             .bssid = kAp,
                                                             .algorithm = dot11::auth_algorithm::kSae,
                                                             .elements = std::vector<std::uint8_t>{19, 0, 1, 2, 3}}));
    CHECK(sae.auth_algorithm == dot11::auth_algorithm::kSae);
    CHECK(sae.elements_offset == 0);
    CHECK(sae.body.size() == 11);

    // Message 3 of shared-key authentication is WEP-encrypted: no fixed fields can be read.
    const auto encrypted = dissect_frame_ok(
        craft::authentication({.source = kClient,
                               .destination = kAp,
                               .bssid = kAp,
                               .elements = std::vector<std::uint8_t>{0xaa, 0xbb, 0xcc, 0x00, 1, 2, 3, 4},
                               .options = {.flags = dot11::fc_flag::kProtected}}));
    CHECK(encrypted.protection == FrameProtection::wep);
    CHECK_FALSE(encrypted.auth_algorithm);
}

TEST_CASE("deauthentication and disassociation: reason code", "[dot11]") {
    const craft::DisconnectSpec spec{.source = kAp, .destination = craft::kBroadcast, .bssid = kAp, .reason = 7};
    const auto deauth = dissect_frame_ok(craft::deauthentication(spec));
    CHECK(std::string(deauth.type_name()) == "deauthentication");
    check_management_addresses(deauth, craft::kBroadcast, kAp, kAp);
    CHECK(deauth.reason_code == 7);
    CHECK(deauth.elements_offset == 26);
    const auto disassoc = dissect_frame_ok(craft::disassociation(spec));
    CHECK(std::string(disassoc.type_name()) == "disassociation");
    CHECK(disassoc.reason_code == 7);

    // A protected (802.11w) deauthentication is a CCMP header and ciphertext: its reason code is hidden.
    const std::vector<std::uint8_t> ccmp_body{1, 0, 0, 0x20, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
    const auto hidden = dissect_frame_ok(craft::management_frame(
        dot11::management::kDeauthentication, kClient, kAp, kAp, ccmp_body, {.flags = dot11::fc_flag::kProtected}));
    CHECK_FALSE(hidden.reason_code);
    CHECK(hidden.protection == FrameProtection::ccmp);
}

TEST_CASE("action and action no-ack: category and action code, with status and reason where tshark shows them",
          "[dot11]") {
    SECTION("ADDBA response (Block Ack category): dialog token, status") {
        const auto frame =
            dissect_frame_ok(craft::action({.source = kAp,
                                            .destination = kClient,
                                            .bssid = kAp,
                                            .category = dot11::action_category::kBlockAck,
                                            .action_body = std::vector<std::uint8_t>{1, 9, 37, 0, 2, 0x10}}));
        CHECK(std::string(frame.type_name()) == "action");
        CHECK(frame.action_category == dot11::action_category::kBlockAck);
        CHECK(frame.action_code == 1);
        CHECK(frame.status_code == 37);
        CHECK(frame.elements_offset == 0);
    }
    SECTION("DELBA: parameters, reason") {
        const auto frame =
            dissect_frame_ok(craft::action({.source = kAp,
                                            .destination = kClient,
                                            .bssid = kAp,
                                            .category = dot11::action_category::kBlockAck,
                                            .action_body = std::vector<std::uint8_t>{2, 0x00, 0x08, 39, 0}}));
        CHECK(frame.reason_code == 39);
    }
    SECTION("a neighbor report response has elements after its dialog token, as Kismet reads them") {
        const auto frame = dissect_frame_ok(craft::action({.source = kAp,
                                                           .destination = kClient,
                                                           .bssid = kAp,
                                                           .category = dot11::action_category::kRadioMeasurement,
                                                           .action_body = std::vector<std::uint8_t>{5, 1, 52, 0}}));
        CHECK(frame.action_code == dot11::action_category::kNeighborReportResponse);
        CHECK(frame.elements_offset == 27);
        CHECK(frame.elements.size() == 2);
    }
    SECTION("vendor-specific actions have an OUI, not an action code") {
        const auto frame =
            dissect_frame_ok(craft::action({.source = kAp,
                                            .destination = kClient,
                                            .bssid = kAp,
                                            .category = dot11::action_category::kVendorSpecific,
                                            .action_body = std::vector<std::uint8_t>{0x00, 0x10, 0x18, 1},
                                            .no_ack = true}));
        CHECK(std::string(frame.type_name()) == "action_no_ack");
        CHECK(frame.action_category == dot11::action_category::kVendorSpecific);
        CHECK_FALSE(frame.action_code);
    }
}

TEST_CASE("ATIM has no body; timing advertisement has timestamp and capability", "[dot11]") {
    const auto atim = dissect_frame_ok(craft::management_frame(dot11::management::kAtim, kClient, kAp, kAp, {}));
    CHECK(std::string(atim.type_name()) == "atim");
    CHECK(atim.elements_offset == 0);

    std::vector<std::uint8_t> body{8, 7, 6, 5, 4, 3, 2, 1, 0x01, 0x00};
    body.insert(body.end(), kElements.begin(), kElements.end());
    const auto timing = dissect_frame_ok(
        craft::management_frame(dot11::management::kTimingAdvertisement, craft::kBroadcast, kAp, kAp, body));
    CHECK(std::string(timing.type_name()) == "timing_advertisement");
    CHECK(timing.timestamp == 0x0102030405060708u);
    CHECK(timing.capability_info == 1);
    CHECK(timing.elements_offset == 34);
}

TEST_CASE("DMG beacon: one address, the BSSID, which tshark also calls RA; fixed fields then elements", "[dot11]") {
    // 9.3.4.2: timestamp, sector sweep, beacon interval, beacon interval control (CC Present clear), DMG params.
    const auto bytes = craft::Dot11FrameBuilder::extension(dot11::extension::kDmgBeacon)
                           .duration(651)
                           .address1(kAp)
                           .body_le64(662220836)
                           .body(std::vector<std::uint8_t>{0x3c, 0x04, 0x00})
                           .body_le16(100)
                           .body(std::vector<std::uint8_t>{0xc0, 0x7c, 0x18, 0x08, 0x20, 0x18, 0x17})
                           .body(std::vector<std::uint8_t>{157, 2, 0xe8, 0x03})
                           .build();
    const auto frame = dissect_frame_ok(bytes);
    CHECK(std::string(frame.type_name()) == "dmg_beacon");
    CHECK(frame.receiver == kAp);
    CHECK(frame.bssid == kAp);
    CHECK_FALSE(frame.transmitter);
    CHECK(frame.timestamp == 662220836u);
    CHECK(frame.beacon_interval == 100);
    CHECK(frame.elements_offset == 30);
    CHECK(frame.elements.size() == 4);
}

TEST_CASE("S1G beacon: its flags octet is not DS bits, and optional fields move the elements", "[dot11]") {
    // FC flags B8 Next TBTT present (3 octets), B10 ANO present (1 octet).
    const auto bytes = craft::Dot11FrameBuilder::extension(dot11::extension::kS1gBeacon)
                           .flags(0x05)
                           .address1(kAp)
                           .body_le32(0x11223344)
                           .body_u8(1)
                           .body(std::vector<std::uint8_t>{0, 0, 0, 0})
                           .body(kElements)
                           .build();
    const auto frame = dissect_frame_ok(bytes);
    CHECK(std::string(frame.type_name()) == "s1g_beacon");
    CHECK_FALSE(frame.to_ds);
    CHECK_FALSE(frame.more_fragments);
    CHECK(frame.source == kAp);
    CHECK(frame.timestamp == 0x11223344u);
    CHECK(frame.elements_offset == 19);
    CHECK(span_bytes(frame.elements) == kElements);
}
