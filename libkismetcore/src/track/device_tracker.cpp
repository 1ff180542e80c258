// The device index: creation, expiry and locked reads (threading scheme in device_tracker.h).
#include "kismetcore/track/device_tracker.h"

#include <algorithm>
#include <mutex>
#include <unordered_set>
#include <utility>

namespace kismetcore::track {

DeviceTracker::DeviceTracker(TrackerConfig config) : config_(config) {}

DeviceTracker::Lookup DeviceTracker::find_or_create(const DeviceKey& key, std::string_view phy_name) {
    if (auto found = devices_.find(key); found != devices_.end()) return {found->second.get(), false};
    return {publish(make_device(key, phy_name)), true};
}

std::shared_ptr<Device> DeviceTracker::make_device(const DeviceKey& key, std::string_view phy_name) {
    auto device = std::make_shared<Device>(key, phy_name);
    device->creation_order = created_++;
    device->server_uuid = &config_.server_uuid;
    return device;
}

Device* DeviceTracker::publish(std::shared_ptr<Device> device) {
    Device* raw = device.get();
    const DeviceKey key = device->key;
    std::unique_lock lock(index_mutex_);
    devices_.emplace(key, std::move(device));
    return raw;
}

Device* DeviceTracker::find_for_update(const DeviceKey& key) noexcept {
    auto found = devices_.find(key);
    return found == devices_.end() ? nullptr : found->second.get();
}

void DeviceTracker::remove_locked(const DeviceKey& key) {
    devices_.erase(key);
}

std::size_t DeviceTracker::expire(std::uint64_t now) {
    std::vector<DeviceKey> doomed;
    if (config_.device_timeout_seconds > 0) {
        // The ingest thread is the only writer of devices, so it reads them without their locks.
        for (const auto& [key, device] : devices_) {
            const bool idle = device->last_time + config_.device_timeout_seconds < now;
            const bool spared =
                config_.device_timeout_packets > 0 && device->packets.total >= config_.device_timeout_packets;
            if (idle && !spared) doomed.push_back(key);
        }
    }
    if (config_.max_devices > 0 && devices_.size() - doomed.size() > config_.max_devices) {
        // Oldest first among the devices not already doomed; ties broken by key so expiry is deterministic.
        const std::unordered_set<DeviceKey> already(doomed.begin(), doomed.end());
        std::vector<std::pair<std::uint64_t, DeviceKey>> by_age;
        by_age.reserve(devices_.size());
        for (const auto& [key, device] : devices_)
            if (already.count(key) == 0) by_age.emplace_back(device->last_time, key);
        const std::size_t excess = by_age.size() - config_.max_devices;
        std::nth_element(by_age.begin(), by_age.begin() + static_cast<std::ptrdiff_t>(excess - 1), by_age.end());
        for (std::size_t i = 0; i < excess; ++i) doomed.push_back(by_age[i].second);
    }
    if (doomed.empty()) return 0;
    std::unique_lock lock(index_mutex_);
    for (const auto& key : doomed) remove_locked(key);
    return doomed.size();
}

std::shared_ptr<const Device> DeviceTracker::find(const DeviceKey& key) const {
    std::shared_lock lock(index_mutex_);
    auto found = devices_.find(key);
    return found == devices_.end() ? nullptr : found->second;
}

std::vector<std::shared_ptr<const Device>> DeviceTracker::all() const {
    std::shared_lock lock(index_mutex_);
    std::vector<std::shared_ptr<const Device>> result;
    result.reserve(devices_.size());
    for (const auto& [key, device] : devices_) result.push_back(device);
    lock.unlock();
    // creation_order never changes after creation, so it is read without the device lock.
    std::sort(result.begin(), result.end(),
              [](const auto& a, const auto& b) { return a->creation_order < b->creation_order; });
    return result;
}

std::size_t DeviceTracker::size() const {
    std::shared_lock lock(index_mutex_);
    return devices_.size();
}

void DeviceTracker::for_each(const std::function<void(const Device&)>& visit) const {
    for (const auto& device : all()) {
        std::lock_guard device_lock(device->mutex);
        visit(*device);
    }
}

}  // namespace kismetcore::track
