// Frames and shared captures for the link-layer tests.
#include "support/link_layer_frames.h"

#include <algorithm>

#include "kismetcore/common/mac_address.h"
#include "kismetcore/craft/dot11_frame_builder.h"
#include "support/capture_files.h"
#include "support/shared_captures.h"

namespace kismetcore::testing {
namespace {

const MacAddress kSampleBssid{std::array<std::uint8_t, 6>{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}};

}  // namespace

std::vector<std::uint8_t> sample_beacon() {
    // SSID element (IEEE 802.11-2020 9.4.2.2): element ID 0, length 10, "kismetcore".
    const std::vector<std::uint8_t> elements{0x00, 10, 'k', 'i', 's', 'm', 'e', 't', 'c', 'o', 'r', 'e'};
    craft::BeaconSpec spec;
    spec.bssid = kSampleBssid;
    spec.timestamp = 0x0102030405060708;
    spec.elements = elements;
    return craft::beacon(spec);
}

std::vector<std::uint8_t> sample_ack() {
    return craft::ack(kSampleBssid);
}

std::vector<SharedCapture> shared_captures_with_dlt(std::initializer_list<std::uint32_t> dlts) {
    std::vector<SharedCapture> captures;
    for (const auto& path : shared_capture_files()) {
        auto read = read_back(path);
        if (std::find(dlts.begin(), dlts.end(), read.link_type) == dlts.end()) continue;
        captures.push_back(SharedCapture{path.filename().string(), std::move(read.packets)});
    }
    return captures;
}

std::vector<std::size_t> prefixes_not_reporting(
    std::span<const std::uint8_t> packet, std::size_t up_to, dissect::DissectStatus expected,
    const std::function<dissect::DissectError(std::span<const std::uint8_t>)>& dissect) {
    std::vector<std::size_t> wrong;
    for (std::size_t length = 0; length < std::min(up_to, packet.size()); ++length) {
        // A copy of exactly `length` bytes, so AddressSanitizer sees any read past the prefix.
        const std::vector<std::uint8_t> prefix(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(length));
        if (dissect(prefix).status != expected) wrong.push_back(length);
    }
    return wrong;
}

DecodedLinkLayer decode_link_layer(LinkLayerReader reader, std::vector<std::uint8_t> packet) {
    DecodedLinkLayer decoded;
    decoded.packet = std::move(packet);
    decoded.error = reader(decoded.packet, decoded.radio, decoded.payload);
    return decoded;
}

bool same_bytes(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace kismetcore::testing
