// The base device record (Kismet's kismet.device.base.*): what every phy knows about one transmitter.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/common/device_key.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/common/small_mutex.h"
#include "kismetcore/track/frequency_map.h"
#include "kismetcore/track/location_record.h"
#include "kismetcore/track/packet_rrds.h"
#include "kismetcore/track/pending_packets.h"
#include "kismetcore/track/seenby_record.h"
#include "kismetcore/track/signal_record.h"

namespace kismetcore::track {

namespace dot11 {
struct Dot11Device;
}

// kismet.device.base.basic_type_set bits.
namespace basic_type {
inline constexpr std::uint64_t kDevice = 0;
inline constexpr std::uint64_t kAp = 1;
inline constexpr std::uint64_t kClient = 2;
inline constexpr std::uint64_t kWired = 4;
inline constexpr std::uint64_t kPeer = 8;
}  // namespace basic_type

// kismet.device.base.basic_crypt_set bits.
namespace basic_crypt {
inline constexpr std::uint64_t kNone = 0;
inline constexpr std::uint64_t kEncrypted = 2;
inline constexpr std::uint64_t kL2 = 4;
inline constexpr std::uint64_t kL3 = 8;
inline constexpr std::uint64_t kWeak = 16;
inline constexpr std::uint64_t kDecrypted = 32;
}  // namespace basic_crypt

// kismet.device.base.packets.*. Kismet's registered descriptions of rx_total and tx_total are swapped; the
// values are not: tx counts packets the device sent (source or transmitter), rx those sent to it.
struct PacketCounters {
    std::uint64_t total = 0;
    std::uint64_t rx_total = 0;
    std::uint64_t tx_total = 0;
    std::uint64_t llc = 0;
    std::uint64_t error = 0;
    std::uint64_t data = 0;
    std::uint64_t crypt = 0;
    std::uint64_t filtered = 0;
};

// kismet.device.base.related_devices: relation name (dot11_bssts_similar, dot11_uuid_e) -> related device keys.
using RelatedDevices = std::map<std::string, std::vector<DeviceKey>, std::less<>>;

struct alignas(64) Device {
    Device(DeviceKey device_key, std::string_view phy_name);

    // Members are ordered hot first: every field a packet's update reads or writes in a device's steady state lies
    // in the bytes from `mutex` up to the end of `packet_rrds` (the record starts a cache line), so the ingest
    // thread prefetches those lines only (DeviceTracker::finish_lookup) instead of the whole record. The field
    // schema gives Kismet's order.

    // Held by the ingest thread while it updates this device and by readers while they read it; see
    // docs/track-concurrency.md. Readers lock it through DeviceReadLock, which settles `pending` first.
    mutable SmallMutex mutex;
    // Whether `channel` is what the last packet's `frequency` gave it, so a packet on the same frequency leaves it
    // as it is; whoever sets `channel` from anything else (a beacon's DS element) clears it.
    bool channel_follows_frequency = false;
    MacAddress macaddr;
    std::uint64_t last_time = 0;  // packet timestamps, seconds (first_time below)
    std::uint64_t mod_time = 0;   // the engine's clock at the last change
    PacketCounters packets;
    std::uint64_t datasize = 0;
    double frequency = 0;  // kHz
    std::uint64_t basic_type_set = basic_type::kDevice;
    std::uint64_t basic_crypt_set = basic_crypt::kNone;
    std::string_view type = "Wi-Fi Device";  // one of the phy handler's type names
    std::unique_ptr<dot11::Dot11Device> dot11;
    // What the packets since the last settle() did to `seenby`, `freq_khz_map` and `signal`. Those three are
    // mutable because a reader (which holds a const Device) brings them up to date under the device's lock.
    mutable PendingPackets pending;
    // packets.rrd, datasize.rrd, rx_packets.rrd and tx_packets.rrd. Kismet feeds them from its own clock
    // (track_device_rrds), so they describe when packets arrived.
    PacketRrds packet_rrds;

    // Cold: set once, by rare packets (new SSIDs, GPS fixes, a new source or frequency), only read by queries, or
    // brought up to date from `pending` by settle().
    DeviceKey key;
    mutable std::unique_ptr<SignalRecord> signal;
    mutable SeenbyList seenby;
    std::string channel;
    mutable FrequencyMap freq_khz_map;
    // Cold: set once, or by rare packets (new SSIDs, GPS fixes), or only read by queries.
    std::uint64_t first_time = 0;
    std::uint64_t creation_order = 0;  // internal, never serialized: lists come out in the order devices appeared
    std::string_view phyname;          // a phy handler's name constant, e.g. "IEEE802.11"
    const std::array<std::uint8_t, 16>* server_uuid = nullptr;  // the tracker's, for kismet.server.uuid
    std::string name;                                           // phy-derived: an AP's SSID
    std::unique_ptr<std::string> username;  // set by a user, rarely: a pointer instead of 40 inline bytes
    // The device's advertised encryption as Kismet's crypt string; empty until a phy handler sets it.
    std::string crypt;
    std::unique_ptr<LocationRecord> location;
    std::string_view manuf = "Unknown";
    std::uint32_t num_alerts = 0;
    std::unique_ptr<std::map<std::string, std::string, std::less<>>> tags;
    std::unique_ptr<RelatedDevices> related_devices;

    // username if set, else name, else the MAC in Kismet's upper-case form.
    [[nodiscard]] std::string commonname() const;

    // Applies `pending` to the seen-by, frequency and signal records. Whoever reads those records must hold
    // `mutex` and call this first (DeviceReadLock does both); the ingest thread calls it before it updates them
    // directly.
    void settle() const {
        if (!pending.empty()) pending.settle(seenby, freq_khz_map, signal.get());
    }
    // A reader's first and last steps under `mutex` (DeviceReadLock takes both): settle, and pin the datasource
    // records the seen-by records embed (seenby_record.h); then let the pins go. Readers only: the ingest thread
    // never needs the datasource records.
    void begin_read() const {
        settle();
        seenby.pin_source_records();
    }
    void end_read() const noexcept { seenby.unpin_source_records(); }

    ~Device();
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;
};

// A reader's hold on a device: locks its mutex and settles it, so every field reads as if each packet had been
// applied in full, and pins the datasource records its seen-by records embed until it unlocks.
class DeviceReadLock {
public:
    explicit DeviceReadLock(const Device& device) : device_(device), lock_(device.mutex) { device.begin_read(); }
    ~DeviceReadLock() { device_.end_read(); }
    DeviceReadLock(const DeviceReadLock&) = delete;
    DeviceReadLock& operator=(const DeviceReadLock&) = delete;

private:
    const Device& device_;
    std::lock_guard<SmallMutex> lock_;
};

}  // namespace kismetcore::track
