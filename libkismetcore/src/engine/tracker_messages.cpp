// Builds Kismet's tracker message texts when the tracker makes a device or SSID record.
#include "tracker_messages.h"

#include "kismetcore/bus/message.h"
#include "kismetcore/track/device.h"
#include "kismetcore/track/dot11/dot11_device.h"
#include "kismetcore/track/printable_text.h"

namespace kismetcore {

std::string advertised_ssid_phrase(const track::dot11::AdvertisedSsid& ssid, const dissect::DissectedPacket& packet) {
    if (!ssid.cloaked) return "SSID '" + ssid.ssid + "'";
    // A cloaked OWE transition network names its open twin in the OWE element.
    if (packet.dot11.has_elements) {
        const auto& owe = packet.dot11.elements.owe_transition();
        if (owe && !owe->ssid.empty())
            return "an OWE SSID '" + track::munge_to_printable(owe->ssid) + "' for BSSID " +
                   owe->bssid.to_upper_string();
    }
    return "a cloaked SSID";
}

void TrackerMessages::new_device(const track::Device& device) {
    const MacAddress& mac = device.key.mac();
    bool access_point = false;
    if (packet_ != nullptr && packet_->has_dot11) {
        const auto& frame = packet_->dot11.frame;
        access_point = frame.is_management() && frame.bssid && *frame.bssid == mac;
    }
    pending_.push_back({mac, std::string(access_point ? "Detected new 802.11 Wi-Fi access point "
                                                      : "Detected new 802.11 Wi-Fi device ") +
                                 mac.to_upper_string()});
}

void TrackerMessages::new_advertised_ssid(const track::Device& device, std::size_t index, bool responded) {
    if (device.dot11 == nullptr || packet_ == nullptr) return;
    const auto& map = responded ? device.dot11->responded_ssid_map : device.dot11->advertised_ssid_map;
    if (index >= map.size()) return;
    const MacAddress& mac = device.key.mac();
    std::string text = "802.11 Wi-Fi device " + mac.to_upper_string() + " advertising " +
                       advertised_ssid_phrase(map[index].second, *packet_);
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
