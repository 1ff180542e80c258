// The events about devices: NEW_DEVICE and the 802.11 SSID and handshake topics, built from tracked devices.
#pragma once

#include <cstddef>
#include <memory>

#include "kismetcore/bus/event.h"
#include "kismetcore/track/device.h"

namespace kismetcore::bus {

// Each event holds the device by shared pointer and reads it under the device's lock when a subscriber serializes
// it, so it shows the device as it is then (Kismet's eventbus also serializes after the packet). Publish them
// once the packet's device locks are released: serializing takes the device's lock.

// NEW_DEVICE -> the whole device record.
Event new_device_event(std::shared_ptr<const track::Device> device);
// DOT11_ADVERTISED_SSID (beacons) or DOT11_RESPONSE_SSID (`responded`: probe responses):
// DOT11_NEW_SSID_BASEDEV -> the device, and the topic's key -> the SSID record at `index` of its map.
Event advertised_ssid_event(std::shared_ptr<const track::Device> device, std::size_t index, bool responded);
// DOT11_PROBED_SSID: DOT11_NEW_SSID_BASEDEV -> the device, DOT11_PROBED_SSID -> its probed SSID record at `index`.
Event probed_ssid_event(std::shared_ptr<const track::Device> device, std::size_t index);
// DOT11_WPA_HANDSHAKE: DOT11_WPA_HANDSHAKE_BASEDEV -> the access point, DOT11_WPA_HANDSHAKE_DOT11 -> its
// dot11.device sub-record (which holds wpa_handshake_list).
Event wpa_handshake_event(std::shared_ptr<const track::Device> access_point);

}  // namespace kismetcore::bus
