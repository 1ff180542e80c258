// The SSID tag of the packet being tracked, for the kismetdb log.
#pragma once

#include <string_view>

#include "kismetcore/track/dot11/dot11_tracker.h"

namespace kismetcore {

// Kismet tags the beacon that made an access point's SSID record DOT11_BEACON_SSID in its log, and the probe
// response that made one DOT11_RESPONSE_SSID (later frames that change the record are not tagged). The engine
// resets this before each packet and reads it once the packet is tracked.
class PacketSsidTag final : public track::dot11::Dot11TrackerObserver {
public:
    void reset() noexcept { tag_ = {}; }
    [[nodiscard]] std::string_view tag() const noexcept { return tag_; }

    void new_device(const track::Device&) override {}
    void new_advertised_ssid(const track::Device&, std::size_t, bool responded) override {
        tag_ = responded ? "DOT11_RESPONSE_SSID" : "DOT11_BEACON_SSID";
    }
    void new_probed_ssid(const track::Device&, std::size_t) override {}
    void eapol_stored(const track::Device&) override {}

private:
    std::string_view tag_;
};

}  // namespace kismetcore
