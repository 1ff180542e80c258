// Builds Kismet's tracker message texts when the tracker makes a device or SSID record.
#include "tracker_messages.h"

#include <array>
#include <string_view>

#include "kismetcore/bus/message.h"
#include "kismetcore/track/device.h"
#include "kismetcore/track/dot11/dot11_device.h"
#include "kismetcore/track/printable_text.h"

namespace kismetcore {

namespace {

// Appends "SSID 'name'", "a cloaked SSID" or "an OWE SSID 'name' for BSSID MAC": what Kismet says an access point
// advertises, for an SSID record and the frame that made it.
void append_advertised_ssid_phrase(std::string& text, const track::dot11::AdvertisedSsid& ssid,
                                   const dissect::DissectedPacket& packet) {
    if (!ssid.cloaked) {
        text.append("SSID '").append(ssid.ssid).append("'");
        return;
    }
    // A cloaked OWE transition network names its open twin in the OWE element.
    if (packet.dot11.has_elements) {
        const auto& owe = packet.dot11.elements.owe_transition();
        if (owe && !owe->ssid.empty()) {
            std::array<char, MacAddress::kTextLength + 1> bssid{};
            text.append("an OWE SSID '")
                .append(track::munge_to_printable(owe->ssid))
                .append("' for BSSID ")
                .append(owe->bssid.format_upper(bssid));
            return;
        }
    }
    text.append("a cloaked SSID");
}

// `prefix`, the MAC in upper case and `suffix`, in one allocation: a new record's message is built for every
// device and SSID the tracker makes, a tenth of the packets on a busy capture.
std::string with_mac(std::string_view prefix, const MacAddress& mac, std::size_t room_after = 0) {
    std::string text;
    text.reserve(prefix.size() + MacAddress::kTextLength + room_after);
    std::array<char, MacAddress::kTextLength + 1> digits{};
    text.append(prefix).append(mac.format_upper(digits));
    return text;
}

}  // namespace

void TrackerMessages::new_device(const track::Device& device) {
    const MacAddress& mac = device.key.mac();
    bool access_point = false;
    if (packet_ != nullptr && packet_->has_dot11) {
        const auto& frame = packet_->dot11.frame;
        access_point = frame.is_management() && frame.bssid && *frame.bssid == mac;
    }
    pending_.push_back(
        {mac, with_mac(access_point ? "Detected new 802.11 Wi-Fi access point " : "Detected new 802.11 Wi-Fi device ",
                       mac)});
}

void TrackerMessages::new_advertised_ssid(const track::Device& device, std::size_t index, bool responded) {
    if (device.dot11 == nullptr || packet_ == nullptr) return;
    const auto& map = responded ? device.dot11->responded_ssid_map : device.dot11->advertised_ssid_map;
    if (index >= map.size()) return;
    const MacAddress& mac = device.key.mac();
    const auto& ssid = map[index].second;
    std::string text = with_mac("802.11 Wi-Fi device ", mac, sizeof(" advertising SSID ''") + ssid.ssid.size());
    text.append(" advertising ");
    append_advertised_ssid_phrase(text, ssid, *packet_);
    // Kismet handles the SSID while it sets up the BSSID's record, before the packet's other devices get theirs:
    // the SSID's message follows the access point's own "Detected new" message, if it has one, and precedes the rest.
    const bool after_device = !pending_.empty() && pending_.front().device == mac;
    pending_.insert(pending_.begin() + (after_device ? 1 : 0), Pending{mac, std::move(text)});
}

void TrackerMessages::post_pending(bus::MessageBus& messages) {
    for (auto& pending : pending_) messages.post(std::move(pending.text), bus::message_flag::kInfo);
    pending_.clear();
}

}  // namespace kismetcore
