// The set of tracked devices: lookup by key, creation, expiry, and consistent reads from other threads.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string_view>
#include <vector>

#include "kismetcore/capture/packet.h"
#include "kismetcore/common/device_key.h"
#include "kismetcore/common/uuid.h"
#include "kismetcore/track/datasource_record.h"
#include "kismetcore/track/device.h"
#include "kismetcore/track/named_source.h"
#include "kismetcore/track/tracker_config.h"

namespace kismetcore::track {

// Threading (docs/track-concurrency.md): exactly one ingest thread calls the non-const members; any number of
// reader threads call the const ones. The ingest thread changes the index only under the exclusive index lock
// and reads it without a lock (it is the only writer); readers take the shared index lock just long enough to
// copy out shared pointers, then lock each Device's own mutex while they read it. The ingest thread holds a
// device's mutex while it updates that device, so a reader sees each device either before or after a packet's
// update, never halfway, and never stalls ingestion for longer than it takes to read one device.
//
// The index is a flat open-addressing table (linear probing, backward-shift deletion, at most half full) whose
// slots hold the key inline: finding a device costs one hash and, almost always, one cache line of the table,
// instead of a bucket array and a chain of nodes. start_lookup() lets the ingest thread start that cache miss a
// few packets ahead.
class DeviceTracker {
public:
    explicit DeviceTracker(TrackerConfig config = {});

    struct Lookup {
        Device* device = nullptr;
        bool created = false;
    };

    // Ingest thread: the device with this key, created when absent. Lock device->mutex before changing it.
    Lookup find_or_create(const DeviceKey& key, std::string_view phy_name);
    // Ingest thread: a new device, not yet visible to readers; fill it (holding its lock through its first packet)
    // and then publish() it, so no reader sees a device before its first update.
    [[nodiscard]] std::shared_ptr<Device> make_device(const DeviceKey& key, std::string_view phy_name);
    Device* publish(std::shared_ptr<Device> device);
    // Ingest thread: the device with this key, or null. No lock taken.
    [[nodiscard]] Device* find_for_update(const DeviceKey& key) noexcept;
    // A lookup split in two, so the ingest pipeline hashes each address once: start_lookup() hashes the key and
    // asks the CPU for its home slot; finish_lookup(), a few packets later, probes from there. A table that grew
    // in between is rehashed for the new size, so the answer is always find_for_update's.
    struct PendingLookup {
        std::uint64_t mac = 0;  // the packed key; 0 = nothing to look up
        std::uint32_t phy_hash = 0;
        std::uint32_t home = 0;
        std::size_t table_size = 0;  // the slot count `home` was computed for
    };
    [[nodiscard]] PendingLookup start_lookup(const DeviceKey& key) const noexcept;
    // Ingest thread: the device of a started lookup, or null, after asking the CPU to fetch the part of the record
    // a packet updates (its hot members, which come first: device.h). Start the lookup a few packets earlier, so
    // that the slot has arrived and this probe does not wait for it.
    Device* finish_lookup(const PendingLookup& lookup) noexcept;
    // Ingest thread: removes devices idle longer than the configured timeout (packet time `now`) and, above
    // max_devices, the least recently seen. Returns how many were removed.
    std::size_t expire(std::uint64_t now);

    // Any thread. A returned device stays valid while the pointer is held, even if it is removed meanwhile; hold a
    // DeviceReadLock on it while reading it. Both settle each device they return (device.h) before returning it.
    [[nodiscard]] std::shared_ptr<const Device> find(const DeviceKey& key) const;
    // In the order the devices appeared.
    [[nodiscard]] std::vector<std::shared_ptr<const Device>> all() const;
    [[nodiscard]] std::size_t size() const;

    // Any thread: calls `visit` for each device, under a DeviceReadLock.
    void for_each(const std::function<void(const Device&)>& visit) const;

    [[nodiscard]] const TrackerConfig& config() const noexcept { return config_; }

    // Capture sources by SourceId, for the seen-by records' kismet.common.seenby.uuid and .source. Ingest thread:
    // name a source before feeding its packets; ids from 1 to kMaxNamedSources - 1 can be named, others stay
    // unnamed. `records` (which must outlive the tracker) gives the datasource record the seen-by records embed;
    // without it they embed none. The table never moves, so a seen-by record keeps a pointer into it, and a reader
    // that locked the device sees what was written before the record was made.
    static constexpr std::size_t kMaxNamedSources = 256;
    void name_source(capture::SourceId source, const Uuid& uuid, const DatasourceSnapshots* records = nullptr) noexcept;
    [[nodiscard]] const NamedSource* named_source(capture::SourceId source) const noexcept;

private:
    struct Slot {
        std::uint64_t mac = 0;  // MacAddress::to_u64() with kOccupied set; 0 = empty
        std::uint32_t phy_hash = 0;
        std::shared_ptr<Device> device;
    };
    static constexpr std::uint64_t kOccupied = std::uint64_t{1} << 63;
    static constexpr std::size_t kInitialSlots = 1024;

    // The MAC's six octets in one word (in memory order: only equality and hashing use it), with kOccupied set.
    [[nodiscard]] static std::uint64_t packed(const DeviceKey& key) noexcept {
        std::uint64_t word = 0;
        std::memcpy(&word, key.mac().octets().data(), MacAddress::kLength);
        if constexpr (std::endian::native == std::endian::big) word >>= 16;  // keep the top bits free for kOccupied
        return word | kOccupied;
    }
    [[nodiscard]] std::size_t home_of(std::uint64_t mac, std::uint32_t phy_hash) const noexcept {
        // Fibonacci hashing: the multiply spreads the MAC's low octets, which vary most, into the top bits.
        return static_cast<std::size_t>(((mac ^ (std::uint64_t{phy_hash} << 16)) * 0x9E3779B97F4A7C15ull) >> shift_);
    }
    // The slot holding the key, or the empty slot where it would go.
    [[nodiscard]] std::size_t slot_of(const DeviceKey& key) const noexcept;
    [[nodiscard]] std::size_t probe_from(std::size_t home, std::uint64_t mac, std::uint32_t phy_hash) const noexcept;
    void insert_locked(std::shared_ptr<Device> device);
    void remove_locked(const DeviceKey& key);
    void grow_locked();

    TrackerConfig config_;
    mutable std::shared_mutex index_mutex_;
    std::vector<Slot> slots_;  // a power of two long
    unsigned shift_ = 0;       // 64 - log2(slots_.size()): the hash's top bits pick the home slot
    std::size_t size_ = 0;
    std::uint64_t created_ = 0;
    std::unique_ptr<std::array<NamedSource, kMaxNamedSources>> named_sources_ =
        std::make_unique<std::array<NamedSource, kMaxNamedSources>>();
    std::array<bool, kMaxNamedSources> source_named_{};
};

}  // namespace kismetcore::track
