// The device index: creation, expiry and locked reads (threading scheme in device_tracker.h).
#include "kismetcore/track/device_tracker.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <mutex>
#include <unordered_set>
#include <utility>

#include "track/prefetch_lines.h"

namespace kismetcore::track {

DeviceTracker::DeviceTracker(TrackerConfig config) : config_(config), slots_(kInitialSlots) {
    shift_ = static_cast<unsigned>(64 - std::countr_zero(kInitialSlots));
}

std::size_t DeviceTracker::slot_of(const DeviceKey& key) const noexcept {
    const std::uint64_t mac = packed(key);
    return probe_from(home_of(mac, key.phy_hash()), mac, key.phy_hash());
}

std::size_t DeviceTracker::probe_from(std::size_t home, std::uint64_t mac, std::uint32_t phy_hash) const noexcept {
    const std::size_t mask = slots_.size() - 1;
    std::size_t index = home;
    while (slots_[index].mac != 0 && (slots_[index].mac != mac || slots_[index].phy_hash != phy_hash))
        index = (index + 1) & mask;
    return index;
}

DeviceTracker::PendingLookup DeviceTracker::start_lookup(const DeviceKey& key) const noexcept {
    PendingLookup lookup;
    lookup.mac = packed(key);
    lookup.phy_hash = key.phy_hash();
    lookup.home = static_cast<std::uint32_t>(home_of(lookup.mac, lookup.phy_hash));
    lookup.table_size = slots_.size();
    __builtin_prefetch(&slots_[lookup.home]);
    return lookup;
}

Device* DeviceTracker::finish_lookup(const PendingLookup& lookup) noexcept {
    if (lookup.mac == 0) return nullptr;
    const std::size_t home = lookup.table_size == slots_.size() ? lookup.home : home_of(lookup.mac, lookup.phy_hash);
    Device* device = slots_[probe_from(home, lookup.mac, lookup.phy_hash)].device.get();
    if (device != nullptr) prefetch_lines(device, &device->key);
    return device;
}

void DeviceTracker::name_source(capture::SourceId source, const Uuid& uuid,
                                const DatasourceSnapshots* records) noexcept {
    if (source == 0 || source >= kMaxNamedSources) return;
    (*named_sources_)[source] = NamedSource{uuid, source, records};
    source_named_[source] = true;
}

const NamedSource* DeviceTracker::named_source(capture::SourceId source) const noexcept {
    if (source >= kMaxNamedSources || !source_named_[source]) return nullptr;
    return &(*named_sources_)[source];
}

DeviceTracker::Lookup DeviceTracker::find_or_create(const DeviceKey& key, std::string_view phy_name) {
    if (Device* found = find_for_update(key)) return {found, false};
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
    std::unique_lock lock(index_mutex_);
    insert_locked(std::move(device));
    return raw;
}

void DeviceTracker::insert_locked(std::shared_ptr<Device> device) {
    // Kept at most half full, so probe runs stay short even with clustered MACs.
    if ((size_ + 1) * 2 > slots_.size()) grow_locked();
    Slot& slot = slots_[slot_of(device->key)];
    if (slot.mac == 0) ++size_;
    slot.mac = packed(device->key);
    slot.phy_hash = device->key.phy_hash();
    slot.device = std::move(device);
}

void DeviceTracker::grow_locked() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    --shift_;
    const std::size_t mask = slots_.size() - 1;
    for (Slot& slot : old) {
        if (slot.mac == 0) continue;
        std::size_t index = home_of(slot.mac, slot.phy_hash);
        while (slots_[index].mac != 0) index = (index + 1) & mask;
        slots_[index] = std::move(slot);
    }
}

Device* DeviceTracker::find_for_update(const DeviceKey& key) noexcept {
    return slots_[slot_of(key)].device.get();
}

void DeviceTracker::remove_locked(const DeviceKey& key) {
    std::size_t hole = slot_of(key);
    if (slots_[hole].mac == 0) return;
    slots_[hole] = Slot{};
    --size_;
    // Backward-shift deletion: pull later members of the probe run into the hole, so no tombstones accumulate.
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t next = (hole + 1) & mask; slots_[next].mac != 0; next = (next + 1) & mask) {
        const std::size_t home = home_of(slots_[next].mac, slots_[next].phy_hash);
        const bool home_between = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
        if (home_between) continue;
        slots_[hole] = std::move(slots_[next]);
        slots_[next] = Slot{};
        hole = next;
    }
}

std::size_t DeviceTracker::expire(std::uint64_t now) {
    std::vector<DeviceKey> doomed;
    if (config_.device_timeout_seconds > 0) {
        // The ingest thread is the only writer of devices, so it reads them without their locks.
        for (const Slot& slot : slots_) {
            if (slot.mac == 0) continue;
            const Device* device = slot.device.get();
            const bool idle = device->last_time + config_.device_timeout_seconds < now;
            const bool spared =
                config_.device_timeout_packets > 0 && device->packets.total >= config_.device_timeout_packets;
            if (idle && !spared) doomed.push_back(device->key);
        }
    }
    if (config_.max_devices > 0 && size_ - doomed.size() > config_.max_devices) {
        // Oldest first among the devices not already doomed; ties broken by key so expiry is deterministic.
        const std::unordered_set<DeviceKey> already(doomed.begin(), doomed.end());
        std::vector<std::pair<std::uint64_t, DeviceKey>> by_age;
        by_age.reserve(size_);
        for (const Slot& slot : slots_)
            if (slot.mac != 0 && already.count(slot.device->key) == 0)
                by_age.emplace_back(slot.device->last_time, slot.device->key);
        const std::size_t excess = by_age.size() - config_.max_devices;
        std::nth_element(by_age.begin(), by_age.begin() + static_cast<std::ptrdiff_t>(excess - 1), by_age.end());
        for (std::size_t i = 0; i < excess; ++i) doomed.push_back(by_age[i].second);
    }
    if (doomed.empty()) return 0;
    std::unique_lock lock(index_mutex_);
    for (const auto& key : doomed) remove_locked(key);
    return doomed.size();
}

namespace {

// Settles a device under its lock, no more: a DeviceReadLock would also pin and drop its datasource records, which
// nothing reads here.
void settle_locked(const Device& device) {
    const std::lock_guard lock(device.mutex);
    device.settle();
}

}  // namespace

std::shared_ptr<const Device> DeviceTracker::find(const DeviceKey& key) const {
    std::shared_ptr<const Device> device;
    {
        std::shared_lock lock(index_mutex_);
        device = slots_[slot_of(key)].device;
    }
    // Settled here too, so a caller that reads the device right away without locking it (a single-threaded tool,
    // a test) sees every packet so far applied.
    if (device) settle_locked(*device);
    return device;
}

std::vector<std::shared_ptr<const Device>> DeviceTracker::all() const {
    std::shared_lock lock(index_mutex_);
    std::vector<std::shared_ptr<const Device>> result;
    result.reserve(size_);
    for (const Slot& slot : slots_)
        if (slot.mac != 0) result.push_back(slot.device);
    lock.unlock();
    // creation_order never changes after creation, so it is read without the device lock.
    std::sort(result.begin(), result.end(),
              [](const auto& a, const auto& b) { return a->creation_order < b->creation_order; });
    for (const auto& device : result) settle_locked(*device);  // as find() does
    return result;
}

std::size_t DeviceTracker::size() const {
    std::shared_lock lock(index_mutex_);
    return size_;
}

void DeviceTracker::for_each(const std::function<void(const Device&)>& visit) const {
    for (const auto& device : all()) {
        DeviceReadLock device_lock(*device);
        visit(*device);
    }
}

}  // namespace kismetcore::track
