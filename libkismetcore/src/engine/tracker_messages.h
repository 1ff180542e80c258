// Kismet's tracker messages: "Detected new 802.11 Wi-Fi access point/device MAC" and "... advertising SSID".
#pragma once

#include <string>
#include <vector>

#include "kismetcore/bus/message_bus.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "kismetcore/track/dot11/dot11_tracker.h"

namespace kismetcore {

// Kismet's phy_80211 posts an INFO message when it gives a device its 802.11 record and when an access point's
// beacon or probe response makes a new SSID record. The tracker reports both mid-packet with the packet's devices
// locked, so the texts are built there (only for new records: a packet that makes none costs an empty test) and
// posted once the tracker is done, before the packet's alerts. Ingest thread only.
class TrackerMessages final : public track::dot11::Dot11TrackerObserver {
public:
    // The packet the tracker is about to handle: its frame decides the wording ("access point" for the BSSID of a
    // management frame, as Kismet words it, "device" for every other role).
    void begin(const dissect::DissectedPacket& dissected) noexcept { packet_ = &dissected; }
    // Posts the texts of the packet's new records in Kismet's order, as INFO messages.
    void post(bus::MessageBus& messages) {
        if (!pending_.empty()) post_pending(messages);
    }

    void new_device(const track::Device& device) override;
    void new_advertised_ssid(const track::Device& device, std::size_t index, bool responded) override;
    // Kismet posts nothing for probed SSIDs or handshake frames.
    void new_probed_ssid(const track::Device&, std::size_t) override {}
    void eapol_stored(const track::Device&) override {}

private:
    struct Pending {
        MacAddress device;
        std::string text;
    };
    void post_pending(bus::MessageBus& messages);

    const dissect::DissectedPacket* packet_ = nullptr;
    std::vector<Pending> pending_;  // reused from packet to packet
};

}  // namespace kismetcore
