// The tracker's limits and options, named after the kismet.conf lines they come from.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace kismetcore::track {

struct TrackerConfig {
    // tracker_max_devices: above this many devices the least recently seen are removed; 0 keeps every device.
    std::size_t max_devices = 0;
    // tracker_device_timeout: a device not seen for this many seconds (packet time) is removed; 0 never.
    std::uint64_t device_timeout_seconds = 0;
    // tracker_device_packets: the idle timeout spares devices with at least this many packets; 0 spares none.
    std::uint64_t device_timeout_packets = 0;
    // track_device_rrds: keep the per-device packet and data RRDs.
    bool track_device_rrds = true;
    // keep_per_datasource_stats: keep signal and frequencies per capture source in the seenby records.
    bool keep_per_datasource_stats = false;
    // manuf_lookup: name each new device's manufacturer from the IEEE registries.
    bool manuf_lookup = true;
    // The server's UUID, which every device record names (kismet.server.uuid); the engine fills a random one
    // when this is all zero.
    std::array<std::uint8_t, 16> server_uuid{};
};

}  // namespace kismetcore::track
