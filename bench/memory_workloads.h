// The memory benchmark's crafted workloads (clients, access points) and the record sizes its report names.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kismetcore/capture/packet.h"
#include "memory_census.h"

namespace kismetcore::bench::workloads {

struct Workload {
    std::vector<capture::Packet> setup;     // fed before the first snapshot (the access points clients join)
    std::vector<capture::Packet> measured;  // fed between the snapshots
    std::uint64_t expected_devices = 0;     // devices the measured packets must create
};

// `count` clients spread over 100 access points (fewer when count is smaller). Each client sends a probe request
// for its AP's SSID, two protected QoS data frames to the AP and receives one from it; the AP is also the
// gateway, so no third address becomes a device.
Workload clients(std::uint64_t count);

// `count` access points, each beaconing twice with an SSID, supported rates, a DS channel and an RSN element.
Workload access_points(std::uint64_t count);

// sizeof of the records and containers a device is made of, as the census names them.
std::span<const census::KnownType> known_types();
void print_type_sizes();
std::string json_type_sizes();

}  // namespace kismetcore::bench::workloads
