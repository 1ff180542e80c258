// Turns the tracker's reports into device events once the packet's device locks are released.
#include "device_event_collector.h"

#include "kismetcore/bus/device_events.h"

namespace kismetcore {

void DeviceEventCollector::note(bus::Topic topic, const track::Device& device, std::size_t index) {
    if (events_->has_subscribers(topic)) pending_.push_back({topic, device.key, index});
}

void DeviceEventCollector::new_device(const track::Device& device) {
    note(bus::Topic::new_device, device, 0);
}

void DeviceEventCollector::new_advertised_ssid(const track::Device& device, std::size_t index, bool responded) {
    note(responded ? bus::Topic::dot11_response_ssid : bus::Topic::dot11_advertised_ssid, device, index);
}

void DeviceEventCollector::new_probed_ssid(const track::Device& device, std::size_t index) {
    note(bus::Topic::dot11_probed_ssid, device, index);
}

void DeviceEventCollector::eapol_stored(const track::Device& access_point) {
    note(bus::Topic::dot11_wpa_handshake, access_point, 0);
}

void DeviceEventCollector::publish_pending(const track::DeviceTracker& devices) {
    const auto publish_one = [&](const Pending& pending) {
        auto device = devices.find(pending.key);
        if (!device) return;  // expired meanwhile: nothing left to show
        switch (pending.topic) {
            case bus::Topic::new_device:
                events_->publish(bus::new_device_event(std::move(device)));
                break;
            case bus::Topic::dot11_advertised_ssid:
            case bus::Topic::dot11_response_ssid:
                events_->publish(bus::advertised_ssid_event(std::move(device), pending.index,
                                                            pending.topic == bus::Topic::dot11_response_ssid));
                break;
            case bus::Topic::dot11_probed_ssid:
                events_->publish(bus::probed_ssid_event(std::move(device), pending.index));
                break;
            case bus::Topic::dot11_wpa_handshake:
                events_->publish(bus::wpa_handshake_event(std::move(device)));
                break;
            default:
                break;
        }
    };
    for (const auto& pending : pending_)
        if (pending.topic == bus::Topic::new_device) publish_one(pending);
    for (const auto& pending : pending_)
        if (pending.topic != bus::Topic::new_device) publish_one(pending);
    pending_.clear();
}

}  // namespace kismetcore
