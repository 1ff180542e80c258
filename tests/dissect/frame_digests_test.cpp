// Pins digest_frame: which bytes each of the three digests covers, so the duplicate filter, the tracker's SSID
// shortcut and the WIDS rules' unchanged-elements shortcut each see every change they must see.
#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <vector>

#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/dissect/frame_digests.h"
#include "support/dot11_frames.h"

using namespace kismetcore;
using kismetcore::testing::kAp;
using kismetcore::testing::kClient;

namespace {

namespace capability = dissect::dot11::capability;

struct Dissected {
    capture::Packet packet;
    dissect::DissectedPacket result;
};

// A bare 802.11 frame (DLT 105) dissected; held together because the result points into the packet.
std::unique_ptr<Dissected> dissect_frame(const std::vector<std::uint8_t>& frame) {
    auto dissected = std::make_unique<Dissected>();
    dissected->packet.data = frame;
    dissected->packet.dlt = capture::dlt::kIeee80211;
    dissect::dissect_packet(dissected->packet, dissected->result);
    return dissected;
}

dissect::FrameDigests digests_of(const std::vector<std::uint8_t>& frame) {
    return dissect::digest_frame(dissect_frame(frame)->result);
}

std::vector<std::uint8_t> elements_with_tim(std::uint8_t dtim_count) {
    return craft::ElementBuilder()
        .ssid("office")
        .supported_rates({0x82, 0x84})
        .ds_channel(6)
        .tim(dtim_count, 3)
        .ssid("after-tim")
        .take();
}

std::vector<std::uint8_t> beacon(const std::vector<std::uint8_t>& elements, std::uint64_t timestamp = 1000,
                                 std::uint16_t capability_info = capability::kEss) {
    return craft::beacon({.bssid = kAp, .timestamp = timestamp, .capability = capability_info, .elements = elements});
}

// Where the element list starts in a beacon: header (24) and fixed fields (12).
constexpr std::size_t kBeaconElements = 36;

}  // namespace

TEST_CASE("frame digests: equal frames give equal digests, and a data frame has only a frame digest", "[dissect]") {
    const auto frame = beacon(elements_with_tim(0));
    const auto first = digests_of(frame);
    const auto second = digests_of(frame);
    CHECK(first.frame == second.frame);
    CHECK(first.elements == second.elements);
    CHECK(first.elements_without_tim == second.elements_without_tim);
    CHECK(first.elements_without_tim != 0);

    const std::vector<std::uint8_t> body(64, 0x5a);
    const auto data = craft::data_frame({.source = kClient, .destination = kAp, .bssid = kAp, .body = body});
    const auto data_digests = digests_of(data);
    CHECK(data_digests.frame != 0);
    CHECK(data_digests.elements == 0);
    CHECK(data_digests.elements_without_tim == 0);

    const dissect::DissectedPacket nothing;
    const auto none = dissect::digest_frame(nothing);
    CHECK(none.frame == 0);
    CHECK(none.elements == 0);
}

TEST_CASE("frame digests: every byte of the frame reaches the frame digest", "[dissect]") {
    const auto frame = beacon(elements_with_tim(0));
    const auto original = digests_of(frame);
    for (std::size_t at = 0; at < frame.size(); ++at) {
        auto changed = frame;
        changed[at] ^= 0x01;
        const auto dissected = dissect_frame(changed);
        // A change that breaks the frame (its type, an element's length) changes what is hashed; the digest must
        // differ all the same.
        INFO("byte " << at);
        CHECK(dissect::digest_frame(dissected->result).frame != original.frame);
    }
}

TEST_CASE("frame digests: the element digests cover the elements and nothing of the header but privacy", "[dissect]") {
    const auto elements = elements_with_tim(0);
    const auto original = digests_of(beacon(elements));

    // Another timestamp (a later beacon): the header changed, the elements did not.
    const auto later = digests_of(beacon(elements, 2000));
    CHECK(later.frame != original.frame);
    CHECK(later.elements == original.elements);
    CHECK(later.elements_without_tim == original.elements_without_tim);

    // The privacy bit is part of what the crypt rules and the tracker's crypt read: both digests take it.
    const auto privacy = digests_of(beacon(elements, 1000, capability::kEss | capability::kPrivacy));
    CHECK(privacy.elements != original.elements);
    CHECK(privacy.elements_without_tim != original.elements_without_tim);

    // Every byte of the element list reaches the elements digest; every byte but the TIM's reaches the other.
    const auto frame = beacon(elements);
    const auto dissected = dissect_frame(frame);
    const auto& list = dissected->result.dot11.elements;
    const auto tim = list.first_body(dissect::InformationElements::kTim);
    REQUIRE(tim);
    REQUIRE(list.raw().data() == dissected->packet.data.data() + kBeaconElements);
    const std::size_t tim_start = kBeaconElements + static_cast<std::size_t>(tim->data() - list.raw().data()) - 2;
    const std::size_t tim_end = tim_start + 2 + tim->size();
    for (std::size_t at = kBeaconElements; at < frame.size(); ++at) {
        auto changed = frame;
        // Element IDs and lengths change the list's shape; flipping the high bit of a body byte keeps it.
        changed[at] ^= 0x80;
        const auto digests = digests_of(changed);
        INFO("byte " << at);
        CHECK(digests.elements != original.elements);
        const bool in_tim_body = at >= tim_start + 2 && at < tim_end;
        if (in_tim_body)
            CHECK(digests.elements_without_tim == original.elements_without_tim);
        else
            CHECK(digests.elements_without_tim != original.elements_without_tim);
    }
}

TEST_CASE("frame digests: the TIM is left out of the rules' digest, not its place in the list", "[dissect]") {
    // A new DTIM count: only the TIM changed.
    const auto first = digests_of(beacon(elements_with_tim(0)));
    const auto next = digests_of(beacon(elements_with_tim(1)));
    CHECK(next.elements_without_tim == first.elements_without_tim);
    CHECK(next.elements != first.elements);
    CHECK(next.frame != first.frame);

    // The same octets without a TIM, or with it elsewhere, are another list.
    const auto no_tim =
        craft::ElementBuilder().ssid("office").supported_rates({0x82, 0x84}).ds_channel(6).ssid("after-tim").take();
    CHECK(digests_of(beacon(no_tim)).elements_without_tim != first.elements_without_tim);
    const auto tim_first = craft::ElementBuilder()
                               .tim(0, 3)
                               .ssid("office")
                               .supported_rates({0x82, 0x84})
                               .ds_channel(6)
                               .ssid("after-tim")
                               .take();
    CHECK(digests_of(beacon(tim_first)).elements_without_tim != first.elements_without_tim);
}

TEST_CASE("frame digests: a probe request's elements digest is that of its element list", "[dissect]") {
    const auto elements = craft::ElementBuilder().ssid("office").supported_rates({0x82, 0x84}).take();
    const auto request = craft::probe_request({.source = kClient, .elements = elements});
    const auto again = craft::probe_request({.source = kClient, .elements = elements});
    const auto other_client = craft::probe_request({.source = kAp, .elements = elements});
    CHECK(digests_of(request).elements == digests_of(again).elements);
    CHECK(digests_of(request).elements == digests_of(other_client).elements);
    CHECK(digests_of(request).frame != digests_of(other_client).frame);
    const auto other = craft::ElementBuilder().ssid("offica").supported_rates({0x82, 0x84}).take();
    CHECK(digests_of(craft::probe_request({.source = kClient, .elements = other})).elements !=
          digests_of(request).elements);
}
