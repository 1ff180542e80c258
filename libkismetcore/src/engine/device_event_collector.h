// Notes the tracker's new devices, SSIDs and handshake frames during a packet, and publishes them after it.
#pragma once

#include <cstddef>
#include <vector>

#include "kismetcore/bus/event_bus.h"
#include "kismetcore/common/device_key.h"
#include "kismetcore/track/device_tracker.h"
#include "kismetcore/track/dot11/dot11_tracker.h"

namespace kismetcore {

// The tracker reports in the middle of a packet with the packet's devices locked, and serializing an event locks
// its device, so events wait here until the packet is done. Nothing is noted for a topic nobody subscribes to:
// with no subscribers the cost per report is two relaxed atomic loads, and the per-packet flush is one empty test.
// Ingest thread only.
class DeviceEventCollector final : public track::dot11::Dot11TrackerObserver {
public:
    explicit DeviceEventCollector(bus::EventBus& events) : events_(&events) {}

    void new_device(const track::Device& device) override;
    void new_advertised_ssid(const track::Device& device, std::size_t index, bool responded) override;
    void new_probed_ssid(const track::Device& device, std::size_t index) override;
    void eapol_stored(const track::Device& access_point) override;

    // Publishes what the last packet produced: new devices first (Kismet publishes NEW_DEVICE at the end of the
    // packet's chain, and its frames show them ahead of the packet's SSID events), then the rest in order.
    // Inline: it runs once per packet, and almost always has nothing to do.
    void publish(const track::DeviceTracker& devices) {
        if (!pending_.empty()) publish_pending(devices);
    }

private:
    void publish_pending(const track::DeviceTracker& devices);
    struct Pending {
        bus::Topic topic;
        DeviceKey key;
        std::size_t index;
    };
    void note(bus::Topic topic, const track::Device& device, std::size_t index);

    bus::EventBus* events_;
    std::vector<Pending> pending_;  // reused from packet to packet
};

}  // namespace kismetcore
