// Pins control frames (IEEE 802.11-2020 9.3.1): which addresses each subtype has, as tshark's wlan.ra/ta/bssid
// show them, and the fields right after them.
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
using namespace kismetcore::testing;

namespace {

void check_no_sa_da(const Dot11Frame& frame) {
    CHECK_FALSE(frame.source);
    CHECK_FALSE(frame.destination);
    CHECK_FALSE(frame.sequence_number);
}

}  // namespace

TEST_CASE("RTS has RA and TA; CTS and ACK only RA", "[dot11]") {
    const auto rts = dissect_frame_ok(craft::rts(kAp, kClient, 120));
    CHECK(std::string(rts.type_name()) == "rts");
    CHECK(rts.receiver == kAp);
    CHECK(rts.transmitter == kClient);
    CHECK(rts.duration_id == 120);
    CHECK_FALSE(rts.bssid);
    check_no_sa_da(rts);

    for (const auto& bytes : {craft::cts(kClient), craft::ack(kClient)}) {
        const auto frame = dissect_frame_ok(bytes);
        CHECK(frame.receiver == kClient);
        CHECK_FALSE(frame.transmitter);
        CHECK_FALSE(frame.bssid);
        check_no_sa_da(frame);
        CHECK(frame.header_length == 10);
    }
}

TEST_CASE("PS-Poll: AID from Duration/ID, BSSID as RA, and TA", "[dot11]") {
    const auto frame = dissect_frame_ok(craft::ps_poll(42, kAp, kClient));
    CHECK(std::string(frame.type_name()) == "ps_poll");
    CHECK(frame.association_id == 42);
    CHECK(frame.receiver == kAp);
    CHECK(frame.bssid == kAp);
    CHECK(frame.transmitter == kClient);
    check_no_sa_da(frame);
}

TEST_CASE("CF-End and CF-End+CF-Ack: RA and the BSSID, which tshark does not call TA", "[dot11]") {
    for (const bool with_ack : {false, true}) {
        const auto frame = dissect_frame_ok(craft::cf_end(kAp, with_ack));
        CHECK(std::string(frame.type_name()) == (with_ack ? "cf_end_ack" : "cf_end"));
        CHECK(frame.receiver == craft::kBroadcast);
        CHECK(frame.bssid == kAp);
        CHECK_FALSE(frame.transmitter);
    }
}

TEST_CASE("block ack request and block ack: RA, TA, control and starting sequence", "[dot11]") {
    const auto bar = dissect_frame_ok(craft::block_ack_request(kAp, kClient, 5, 1234));
    CHECK(std::string(bar.type_name()) == "block_ack_request");
    CHECK(bar.receiver == kAp);
    CHECK(bar.transmitter == kClient);
    REQUIRE(bar.block_ack_control);
    CHECK((*bar.block_ack_control >> 12) == 5);
    CHECK(bar.starting_sequence_control == (1234 << 4));

    const auto ba = dissect_frame_ok(craft::block_ack(kClient, kAp, 5, 1234, 0xff));
    CHECK(std::string(ba.type_name()) == "block_ack");
    CHECK(ba.receiver == kClient);
    CHECK(ba.transmitter == kAp);
    CHECK(ba.starting_sequence_control == (1234 << 4));
    CHECK(ba.body.size() == 12);

    // Multi-TID (BA type 3) puts per-TID info first: no single starting sequence.
    const auto multi_tid =
        dissect_frame_ok(craft::control_frame({.subtype = dot11::control::kBlockAckRequest,
                                               .receiver = kAp,
                                               .transmitter = kClient,
                                               .body = std::vector<std::uint8_t>{0x06, 0x10, 0, 0, 0, 0}}));
    CHECK(multi_tid.block_ack_control == 0x1006);
    CHECK_FALSE(multi_tid.starting_sequence_control);
}

TEST_CASE("VHT NDP announcement, beamforming report poll and trigger have RA and TA", "[dot11]") {
    const std::vector<std::uint8_t> body{0x1c, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    for (const std::uint8_t subtype :
         {dot11::control::kVhtNdpAnnouncement, dot11::control::kBeamformingReportPoll, dot11::control::kTrigger}) {
        const auto frame = dissect_frame_ok(craft::control_frame(
            {.subtype = subtype, .receiver = craft::kBroadcast, .transmitter = kAp, .body = body}));
        INFO(frame.type_name());
        CHECK(frame.receiver == craft::kBroadcast);
        CHECK(frame.transmitter == kAp);
        CHECK(frame.header_length == 16);
        if (subtype == dot11::control::kVhtNdpAnnouncement) {
            CHECK(std::string(frame.type_name()) == "vht_ndp_announcement");
            CHECK(frame.sounding_dialog_token == 0x1c);
        }
    }
}

TEST_CASE("control wrapper: RA, carried frame control and HT control", "[dot11]") {
    const auto frame =
        dissect_frame_ok(craft::control_frame({.subtype = dot11::control::kControlWrapper,
                                               .receiver = kClient,
                                               .body = std::vector<std::uint8_t>{0xd4, 0x00, 0x78, 0x56, 0x34, 0x12}}));
    CHECK(std::string(frame.type_name()) == "control_wrapper");
    CHECK(frame.receiver == kClient);
    CHECK_FALSE(frame.transmitter);
    CHECK(frame.carried_frame_control == 0x00d4);
    REQUIRE(frame.ht_control);
    CHECK(frame.ht_control->raw == 0x12345678);
    CHECK(frame.header_length == 16);
}

TEST_CASE("control frame extension: B8-B11 are the extension value, not DS bits", "[dot11]") {
    const auto grant = dissect_frame_ok(craft::control_frame({.subtype = dot11::control::kControlFrameExtension,
                                                              .receiver = kClient,
                                                              .transmitter = kAp,
                                                              .options = {.flags = dot11::control::kExtensionGrant}}));
    CHECK(std::string(grant.type_name()) == "control_frame_extension");
    CHECK(grant.control_frame_extension == dot11::control::kExtensionGrant);
    CHECK_FALSE(grant.more_fragments);
    CHECK(grant.transmitter == kAp);

    // B12-B15 keep their usual meaning.
    auto every_flag = craft::control_frame({.subtype = dot11::control::kControlFrameExtension,
                                            .receiver = kClient,
                                            .transmitter = kAp,
                                            .options = {.flags = 0xff}});
    const auto flagged = dissect_frame_ok(every_flag);
    CHECK(flagged.control_frame_extension == 0x0f);
    CHECK_FALSE(flagged.to_ds);
    CHECK_FALSE(flagged.from_ds);
    CHECK_FALSE(flagged.more_fragments);
    CHECK_FALSE(flagged.retry);
    CHECK(flagged.power_management);
    CHECK(flagged.more_data);
    CHECK(flagged.protected_frame);
    CHECK(flagged.order);

    // DMG DTS carries NAV-SA and NAV-DA after RA's place; tshark shows only an RA.
    const auto dts = dissect_frame_ok(craft::control_frame({.subtype = dot11::control::kControlFrameExtension,
                                                            .receiver = kClient,
                                                            .transmitter = kAp,
                                                            .options = {.flags = dot11::control::kExtensionDmgDts}}));
    CHECK(dts.receiver == kClient);
    CHECK_FALSE(dts.transmitter);
}

TEST_CASE("an FCS the builder appends is the CRC-32 of the frame", "[dot11]") {
    const auto with_fcs =
        craft::control_frame({.subtype = dot11::control::kAck, .receiver = kClient, .options = {.append_fcs = true}});
    REQUIRE(with_fcs.size() == 14);
    // The well-known property of CRC-32 with its trailing CRC appended: the residue is 0x2144DF1C.
    std::uint32_t crc = 0xffffffffu;
    for (const auto byte : with_fcs) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    CHECK((crc ^ 0xffffffffu) == 0x2144df1cu);
}
