// Device events: the device and its 802.11 records, located again under the device's lock when serialized.
#include "kismetcore/bus/device_events.h"

#include "kismetcore/track/device_schema.h"
#include "kismetcore/track/dot11/dot11_device.h"
#include "kismetcore/track/dot11/dot11_schemas.h"

namespace kismetcore::bus {
namespace {

using track::Device;

// SSID maps only grow while a device lives, so an index stays valid; the checks cover a device without a dot11
// record and indexes from a caller's mistake.
const void* advertised_ssid_at(const void* owner, std::size_t index) noexcept {
    const auto& device = *static_cast<const Device*>(owner);
    if (!device.dot11 || index >= device.dot11->advertised_ssid_map.size()) return nullptr;
    return &device.dot11->advertised_ssid_map[index].second;
}

const void* responded_ssid_at(const void* owner, std::size_t index) noexcept {
    const auto& device = *static_cast<const Device*>(owner);
    if (!device.dot11 || index >= device.dot11->responded_ssid_map.size()) return nullptr;
    return &device.dot11->responded_ssid_map[index].second;
}

const void* probed_ssid_at(const void* owner, std::size_t index) noexcept {
    const auto& device = *static_cast<const Device*>(owner);
    if (!device.dot11 || index >= device.dot11->probed_ssid_map.size()) return nullptr;
    return &device.dot11->probed_ssid_map[index].second;
}

const void* dot11_record_of(const void* owner, std::size_t /*index*/) noexcept {
    return static_cast<const Device*>(owner)->dot11.get();
}

// The device itself, under its lock, made ready for reading as DeviceReadLock does (Device::begin_read) before it
// is written, and released (end_read) after.
const void* device_for_reading(const void* owner, std::size_t /*index*/) noexcept {
    const auto& device = *static_cast<const Device*>(owner);
    device.begin_read();
    return &device;
}

void device_read(const void* owner) noexcept {
    static_cast<const Device*>(owner)->end_read();
}

EventValue device_value(std::string_view key, const std::shared_ptr<const Device>& device) {
    return EventValue::located(key, track::device_schema(), device, device_for_reading, 0, &device->mutex, device_read);
}

}  // namespace

Event new_device_event(std::shared_ptr<const Device> device) {
    Event event(Topic::new_device);
    event.add(device_value(topic_name(Topic::new_device), device));
    return event;
}

Event advertised_ssid_event(std::shared_ptr<const Device> device, std::size_t index, bool responded) {
    const Topic topic = responded ? Topic::dot11_response_ssid : Topic::dot11_advertised_ssid;
    Event event(topic);
    event.add(device_value(content_key::kDot11NewSsidBasedev, device));
    SmallMutex* guard = &device->mutex;
    event.add(EventValue::located(topic_name(topic), track::dot11::advertised_ssid_schema(), std::move(device),
                                  responded ? responded_ssid_at : advertised_ssid_at, index, guard));
    return event;
}

Event probed_ssid_event(std::shared_ptr<const Device> device, std::size_t index) {
    Event event(Topic::dot11_probed_ssid);
    event.add(device_value(content_key::kDot11NewSsidBasedev, device));
    SmallMutex* guard = &device->mutex;
    event.add(EventValue::located(topic_name(Topic::dot11_probed_ssid), track::dot11::probed_ssid_schema(),
                                  std::move(device), probed_ssid_at, index, guard));
    return event;
}

Event wpa_handshake_event(std::shared_ptr<const Device> access_point) {
    Event event(Topic::dot11_wpa_handshake);
    event.add(device_value(content_key::kDot11WpaHandshakeBasedev, access_point));
    SmallMutex* guard = &access_point->mutex;
    event.add(EventValue::located(content_key::kDot11WpaHandshakeDot11, track::dot11::dot11_device_schema(),
                                  std::move(access_point), dot11_record_of, 0, guard));
    return event;
}

}  // namespace kismetcore::bus
