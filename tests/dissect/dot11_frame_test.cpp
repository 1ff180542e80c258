// Pins the 802.11 frame dissector on crafted frames: frame control, addresses under every DS combination, sequence
// numbers, QoS and HT control, LLC/SNAP, protection, type names and truncation.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/eapol_key_builder.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/dissect/dot11_frame.h"
#include "support/dot11_frames.h"

namespace craft = kismetcore::craft;
namespace dot11 = kismetcore::dissect::dot11;
using kismetcore::dissect::dissect_dot11_frame;
using kismetcore::dissect::DissectStatus;
using kismetcore::dissect::Dot11Frame;
using kismetcore::dissect::FrameProtection;
using kismetcore::dissect::HtControlVariant;
using namespace kismetcore::testing;

namespace {

const std::vector<std::uint8_t> kIpv4Payload{0x45, 0x00, 0x00, 0x14};

}  // namespace

TEST_CASE("frame control gives version, type, subtype and every flag", "[dot11]") {
    const auto bytes =
        craft::data_frame({.direction = craft::DsDirection::to_ap,
                           .source = kClient,
                           .destination = kServer,
                           .bssid = kAp,
                           .subtype = dot11::data::kNull,
                           .options = {.flags = dot11::fc_flag::kRetry | dot11::fc_flag::kPowerManagement |
                                                dot11::fc_flag::kMoreData | dot11::fc_flag::kMoreFragments,
                                       .duration = 314}});
    const auto frame = dissect_frame_ok(bytes);
    CHECK(frame.version == 0);
    CHECK(frame.type == dot11::kTypeData);
    CHECK(frame.subtype == dot11::data::kNull);
    CHECK(frame.to_ds);
    CHECK_FALSE(frame.from_ds);
    CHECK(frame.retry);
    CHECK(frame.power_management);
    CHECK(frame.more_data);
    CHECK(frame.more_fragments);
    CHECK_FALSE(frame.protected_frame);
    CHECK_FALSE(frame.order);
    CHECK(frame.duration_id == 314);
    CHECK(frame.header_length == 24);
    CHECK(frame.body.empty());
    CHECK(std::string(frame.type_name()) == "null");
}

TEST_CASE("each of the 256 flag octets sets exactly its own eight flags", "[dot11]") {
    // A probe request with room for an HT Control field, so that every flag value decodes.
    auto bytes = craft::probe_request({.source = kClient});
    bytes.insert(bytes.end(), 8, 0);
    for (unsigned flags = 0; flags < 256; ++flags) {
        bytes[1] = static_cast<std::uint8_t>(flags);
        const auto frame = dissect_frame_ok(bytes);
        INFO("flags 0x" << std::hex << flags);
        CHECK(frame.flags == flags);
        CHECK(frame.to_ds == ((flags & dot11::fc_flag::kToDs) != 0));
        CHECK(frame.from_ds == ((flags & dot11::fc_flag::kFromDs) != 0));
        CHECK(frame.more_fragments == ((flags & dot11::fc_flag::kMoreFragments) != 0));
        CHECK(frame.retry == ((flags & dot11::fc_flag::kRetry) != 0));
        CHECK(frame.power_management == ((flags & dot11::fc_flag::kPowerManagement) != 0));
        CHECK(frame.more_data == ((flags & dot11::fc_flag::kMoreData) != 0));
        CHECK(frame.protected_frame == ((flags & dot11::fc_flag::kProtected) != 0));
        CHECK(frame.order == ((flags & dot11::fc_flag::kOrder) != 0));
        CHECK_FALSE(frame.control_frame_extension);
    }
}

TEST_CASE("data frame addresses resolve under every ToDS/FromDS combination as tshark names them", "[dot11]") {
    craft::DataSpec spec{.source = kClient, .destination = kServer, .bssid = kAp, .body = kIpv4Payload};

    SECTION("ToDS 0 FromDS 0: A1 = DA, A2 = SA, A3 = BSSID") {
        spec.direction = craft::DsDirection::within_bss;
        const auto frame = dissect_frame_ok(craft::data_frame(spec));
        CHECK(frame.receiver == kServer);
        CHECK(frame.destination == kServer);
        CHECK(frame.transmitter == kClient);
        CHECK(frame.source == kClient);
        CHECK(frame.bssid == kAp);
        CHECK_FALSE(frame.address4);
    }
    SECTION("ToDS 0 FromDS 1: A1 = DA, A2 = BSSID, A3 = SA") {
        spec.direction = craft::DsDirection::from_ap;
        const auto frame = dissect_frame_ok(craft::data_frame(spec));
        CHECK(frame.from_ds);
        CHECK(frame.receiver == kServer);
        CHECK(frame.destination == kServer);
        CHECK(frame.transmitter == kAp);
        CHECK(frame.bssid == kAp);
        CHECK(frame.source == kClient);
    }
    SECTION("ToDS 1 FromDS 0: A1 = BSSID, A2 = SA, A3 = DA") {
        spec.direction = craft::DsDirection::to_ap;
        const auto frame = dissect_frame_ok(craft::data_frame(spec));
        CHECK(frame.to_ds);
        CHECK(frame.receiver == kAp);
        CHECK(frame.bssid == kAp);
        CHECK(frame.transmitter == kClient);
        CHECK(frame.source == kClient);
        CHECK(frame.destination == kServer);
    }
    SECTION("ToDS 1 FromDS 1: A1 = RA, A2 = TA, A3 = DA, A4 = SA, and no BSSID") {
        spec.direction = craft::DsDirection::wds;
        spec.receiver = kPeerAp;
        spec.transmitter = kAp;
        const auto frame = dissect_frame_ok(craft::data_frame(spec));
        CHECK(frame.header_length == 30);
        CHECK(frame.receiver == kPeerAp);
        CHECK(frame.transmitter == kAp);
        CHECK(frame.destination == kServer);
        CHECK(frame.source == kClient);
        CHECK(frame.address4 == kClient);
        CHECK_FALSE(frame.bssid);
    }
}

TEST_CASE("sequence control splits into sequence and fragment numbers", "[dot11]") {
    const auto frame =
        dissect_frame_ok(craft::data_frame({.direction = craft::DsDirection::from_ap,
                                            .source = kServer,
                                            .destination = kClient,
                                            .bssid = kAp,
                                            .body = kIpv4Payload,
                                            .options = {.sequence_number = 4095, .fragment_number = 3}}));
    CHECK(frame.sequence_number == 4095);
    CHECK(frame.fragment_number == 3);
    // A later fragment carries no LLC header.
    CHECK_FALSE(frame.ethertype);
}

TEST_CASE("QoS data carries QoS control and, with +HTC, an HT control field before the body", "[dot11]") {
    const auto llc = craft::llc_snap(0x0800, kIpv4Payload);
    craft::DataSpec spec{.direction = craft::DsDirection::to_ap,
                         .source = kClient,
                         .destination = kServer,
                         .bssid = kAp,
                         .subtype = dot11::data::kQosData,
                         .qos_control = 0x0006,  // TID 6, normal ack
                         .body = llc};

    SECTION("QoS control without +HTC: 26-octet header") {
        const auto frame = dissect_frame_ok(craft::data_frame(spec));
        REQUIRE(frame.qos_control);
        CHECK(frame.qos_control->tid() == 6);
        CHECK_FALSE(frame.qos_control->amsdu_present());
        CHECK_FALSE(frame.ht_control);
        CHECK(frame.header_length == 26);
        CHECK(frame.ethertype == 0x0800);
        CHECK(frame.is_qos_data());
    }
    SECTION("+HTC adds four octets of HT control (VHT variant here)") {
        spec.options.ht_control = 0x00000001;
        const auto frame = dissect_frame_ok(craft::data_frame(spec));
        CHECK(frame.order);
        REQUIRE(frame.ht_control);
        CHECK(frame.ht_control->raw == 0x00000001);
        CHECK(frame.ht_control->variant() == HtControlVariant::vht);
        CHECK(frame.header_length == 30);
        CHECK(frame.ethertype == 0x0800);
    }
    SECTION("four addresses, QoS and +HTC: 36-octet header") {
        spec.direction = craft::DsDirection::wds;
        spec.receiver = kPeerAp;
        spec.transmitter = kAp;
        spec.options.ht_control = 0x00000003;
        const auto frame = dissect_frame_ok(craft::data_frame(spec));
        CHECK(frame.header_length == 36);
        CHECK(frame.ht_control->variant() == HtControlVariant::he);
        CHECK(frame.ethertype == 0x0800);
    }
    SECTION("the Order bit in non-QoS data means strictly ordered and adds nothing") {
        spec.subtype = dot11::data::kData;
        spec.options.flags = dot11::fc_flag::kOrder;
        const auto frame = dissect_frame_ok(craft::data_frame(spec));
        CHECK(frame.order);
        CHECK_FALSE(frame.ht_control);
        CHECK(frame.header_length == 24);
        CHECK(frame.ethertype == 0x0800);
    }
}

TEST_CASE("an A-MSDU's first subframe gives the EtherType", "[dot11]") {
    const auto llc = craft::llc_snap(dot11::kEthertypeEapol, kIpv4Payload);
    std::vector<std::uint8_t> amsdu(kClient.octets().begin(), kClient.octets().end());
    amsdu.insert(amsdu.end(), kServer.octets().begin(), kServer.octets().end());
    amsdu.push_back(0);
    amsdu.push_back(static_cast<std::uint8_t>(llc.size()));
    amsdu.insert(amsdu.end(), llc.begin(), llc.end());
    const auto frame = dissect_frame_ok(craft::data_frame({.direction = craft::DsDirection::from_ap,
                                                           .source = kServer,
                                                           .destination = kClient,
                                                           .bssid = kAp,
                                                           .subtype = dot11::data::kQosData,
                                                           .qos_control = 0x0080,
                                                           .body = amsdu}));
    CHECK(frame.amsdu);
    CHECK(frame.ethertype == dot11::kEthertypeEapol);
    CHECK(frame.llc_payload.size() == kIpv4Payload.size());
}

TEST_CASE("LLC/SNAP gives the EtherType and the payload after it; EAPOL is 0x888e", "[dot11]") {
    const auto eapol = craft::handshake_eapol({.message = 1});
    const auto frame = dissect_frame_ok(craft::handshake_frame(kAp, kClient, {.message = 1}));
    CHECK(frame.ethertype == dot11::kEthertypeEapol);
    CHECK(std::vector<std::uint8_t>(frame.llc_payload.begin(), frame.llc_payload.end()) == eapol);

    SECTION("null data carries no MSDU even if bytes follow") {
        const auto null_frame = dissect_frame_ok(craft::data_frame({.direction = craft::DsDirection::to_ap,
                                                                    .source = kClient,
                                                                    .destination = kAp,
                                                                    .bssid = kAp,
                                                                    .subtype = dot11::data::kQosNull,
                                                                    .body = craft::llc_snap(0x0800, {})}));
        CHECK(std::string(null_frame.type_name()) == "qos_null");
        CHECK_FALSE(null_frame.ethertype);
    }
    SECTION("the bridge-tunnel SNAP header (802.1H) gives the EtherType too") {
        std::vector<std::uint8_t> body(dot11::kBridgeTunnelHeader.begin(), dot11::kBridgeTunnelHeader.end());
        body.insert(body.end(), {0x80, 0xf3});  // AppleTalk ARP, the EtherType 802.1H bridges this way
        body.insert(body.end(), kIpv4Payload.begin(), kIpv4Payload.end());
        const auto tunnel = dissect_frame_ok(
            craft::data_frame({.source = kClient, .destination = kServer, .bssid = kAp, .body = body}));
        CHECK(tunnel.ethertype == 0x80f3);
        CHECK(tunnel.llc_payload.size() == kIpv4Payload.size());
    }
    SECTION("a SNAP header with another OUI, or one cut before its EtherType, gives none") {
        auto body = craft::llc_snap(0x0800, kIpv4Payload);
        body[5] = 0x01;
        CHECK_FALSE(
            dissect_frame_ok(craft::data_frame({.source = kClient, .destination = kServer, .bssid = kAp, .body = body}))
                .ethertype);
        const std::vector<std::uint8_t> cut(dot11::kRfc1042Header.begin(), dot11::kRfc1042Header.end());
        CHECK_FALSE(
            dissect_frame_ok(craft::data_frame({.source = kClient, .destination = kServer, .bssid = kAp, .body = cut}))
                .ethertype);
    }
    SECTION("a body that is not SNAP has no EtherType") {
        const auto raw = dissect_frame_ok(
            craft::data_frame({.source = kClient, .destination = kServer, .bssid = kAp, .body = kIpv4Payload}));
        CHECK_FALSE(raw.ethertype);
        CHECK(raw.body.size() == kIpv4Payload.size());
    }
}

TEST_CASE("protected frames are WEP without ExtIV, TKIP or CCMP with it", "[dot11]") {
    auto protected_frame = [](std::vector<std::uint8_t> security_header) {
        security_header.resize(security_header.size() + 12, 0x77);  // ciphertext and MIC/ICV
        return dissect_frame_ok(craft::data_frame({.direction = craft::DsDirection::to_ap,
                                                   .source = kClient,
                                                   .destination = kServer,
                                                   .bssid = kAp,
                                                   .body = security_header,
                                                   .options = {.flags = dot11::fc_flag::kProtected}}));
    };
    SECTION("WEP: IV and key ID 2, ExtIV clear (12.3.2.2)") {
        const auto frame = protected_frame({0x11, 0x22, 0x33, 0x80});
        CHECK(frame.protected_frame);
        CHECK(frame.protection == FrameProtection::wep);
        CHECK(frame.key_id == 2);
        CHECK_FALSE(frame.packet_number);
        CHECK_FALSE(frame.ethertype);
    }
    SECTION("TKIP: octet 1 is the WEPSeed of TSC1 (12.5.2.2)") {
        const auto frame = protected_frame({0x12, (0x12 | 0x20) & 0x7f, 0x34, 0x20, 0x01, 0x02, 0x03, 0x04});
        CHECK(frame.protection == FrameProtection::tkip);
        CHECK(frame.packet_number == 0x040302011234u);
    }
    SECTION("CCMP: PN0 PN1, reserved zero, key ID with ExtIV, PN2-PN5 (12.5.3.2)") {
        const auto frame = protected_frame({0x01, 0x00, 0x00, 0x60, 0x05, 0x00, 0x00, 0x00});
        CHECK(frame.protection == FrameProtection::ccmp);
        CHECK(frame.key_id == 1);
        CHECK(frame.packet_number == 0x050001u);  // PN2 = 5, PN0 = 1
    }
    SECTION("a body too short for a security header is unreadable") {
        const auto frame = dissect_frame_ok(craft::data_frame({.source = kClient,
                                                               .destination = kServer,
                                                               .bssid = kAp,
                                                               .body = std::vector<std::uint8_t>{1, 2},
                                                               .options = {.flags = dot11::fc_flag::kProtected}}));
        CHECK(frame.protection == FrameProtection::unreadable);
    }
}

TEST_CASE("every type and subtype has its snake_case name", "[dot11]") {
    const std::vector<std::string> expected{"assoc_request",
                                            "assoc_response",
                                            "reassoc_request",
                                            "reassoc_response",
                                            "probe_request",
                                            "probe_response",
                                            "timing_advertisement",
                                            "reserved",
                                            "beacon",
                                            "atim",
                                            "disassociation",
                                            "authentication",
                                            "deauthentication",
                                            "action",
                                            "action_no_ack",
                                            "reserved",
                                            "reserved",
                                            "reserved",
                                            "trigger",
                                            "reserved",
                                            "beamforming_report_poll",
                                            "vht_ndp_announcement",
                                            "control_frame_extension",
                                            "control_wrapper",
                                            "block_ack_request",
                                            "block_ack",
                                            "ps_poll",
                                            "rts",
                                            "cts",
                                            "ack",
                                            "cf_end",
                                            "cf_end_ack",
                                            "data",
                                            "data_cf_ack",
                                            "data_cf_poll",
                                            "data_cf_ack_poll",
                                            "null",
                                            "cf_ack",
                                            "cf_poll",
                                            "cf_ack_poll",
                                            "qos_data",
                                            "qos_data_cf_ack",
                                            "qos_data_cf_poll",
                                            "qos_data_cf_ack_poll",
                                            "qos_null",
                                            "reserved",
                                            "qos_cf_poll",
                                            "qos_cf_ack_poll",
                                            "dmg_beacon",
                                            "s1g_beacon"};
    for (std::uint8_t type = 0; type < 4; ++type) {
        for (std::uint8_t subtype = 0; subtype < 16; ++subtype) {
            const std::size_t index = type * 16u + subtype;
            const std::string name = kismetcore::dissect::dot11_type_name(type, subtype);
            INFO("type " << int{type} << " subtype " << int{subtype});
            CHECK(name == (index < expected.size() ? expected[index] : "reserved"));
            // The frame itself names the same, however short it is.
            const std::vector<std::uint8_t> frame_control{static_cast<std::uint8_t>((type << 2) | (subtype << 4)), 0};
            Dot11Frame frame;
            (void)dissect_dot11_frame(frame_control, frame);
            CHECK(frame.type_name() == name);
        }
    }
}

TEST_CASE("a protocol version other than 0 is reported, with type and subtype still read", "[dot11]") {
    auto bytes = craft::ack(kClient);
    bytes[0] = static_cast<std::uint8_t>(bytes[0] | 0x01);
    Dot11Frame frame;
    const auto error = dissect_dot11_frame(bytes, frame);
    CHECK(error.status == DissectStatus::unsupported_version);
    CHECK(frame.version == 1);
    CHECK(std::string(frame.type_name()) == "ack");
}

TEST_CASE("a frame cut at any length before its fixed part ends reports truncation and never reads past it",
          "[dot11]") {
    auto dissect = [](std::span<const std::uint8_t> bytes) {
        Dot11Frame frame;
        return dissect_dot11_frame(bytes, frame);
    };
    const auto llc = craft::llc_snap(0x0800, kIpv4Payload);
    struct Case {
        const char* name;
        std::vector<std::uint8_t> bytes;
        std::size_t complete_length;
    };
    const std::vector<Case> cases{
        {"qos data, wds, +htc",
         craft::data_frame({.direction = craft::DsDirection::wds,
                            .source = kClient,
                            .destination = kServer,
                            .transmitter = kAp,
                            .receiver = kPeerAp,
                            .subtype = dot11::data::kQosData,
                            .body = llc,
                            .options = {.ht_control = 0}}),
         36},
        {"beacon", craft::beacon({.bssid = kAp, .elements = std::vector<std::uint8_t>{0, 1, 'x'}}), 36},
        {"reassociation request", craft::association_request({.client = kClient, .bssid = kAp, .current_ap = kPeerAp}),
         34},
        {"authentication", craft::authentication({.source = kClient, .destination = kAp, .bssid = kAp}), 30},
        {"deauthentication", craft::deauthentication({.source = kAp, .destination = kClient, .bssid = kAp}), 26},
        {"action",
         craft::action({.source = kAp,
                        .destination = kClient,
                        .bssid = kAp,
                        .category = 3,
                        .action_body = std::vector<std::uint8_t>{2, 0, 0, 39, 0}}),
         30},
        {"rts", craft::rts(kAp, kClient), 16},
        {"cts", craft::cts(kAp), 10},
        {"block ack", craft::block_ack(kAp, kClient, 0, 10, ~0ull), 20},
        {"control wrapper",
         craft::control_frame({.subtype = dot11::control::kControlWrapper,
                               .receiver = kAp,
                               .body = std::vector<std::uint8_t>{0xd4, 0, 1, 2, 3, 4}}),
         16},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        CHECK(truncation_failures(c.bytes, c.complete_length, dissect).empty());
    }
}
