// Kismet's datasource record (kismet.datasource.*): what /datasource/all_sources, NEW_DATASOURCE and the seen-by
// records show of a capture source. It lives with the tracked records because every device's seen-by record embeds
// it (kismet.common.seenby.source); the engine's DatasourceRegistry owns the live records and counts into them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kismetcore/capture/packet.h"
#include "kismetcore/fields/record_schema.h"
#include "kismetcore/fields/scalar_value.h"
#include "kismetcore/track/rrd.h"

namespace kismetcore {

// kismet.datasource.driver.*: what a type of source can do (Kismet's datasource builder). Kismet names the last
// field kismet.datasource_driver.hop_capable, with an underscore; so does kismetcore.
struct DatasourceDriver {
    std::string type;
    std::string description;
    std::uint8_t probe_capable = 0;
    std::uint8_t probe_ipc = 0;
    std::uint8_t list_capable = 0;
    std::uint8_t list_ipc = 0;
    std::uint8_t local_capable = 0;
    std::uint8_t local_ipc = 0;
    std::uint8_t remote_capable = 0;
    std::uint8_t passive_capable = 0;
    std::uint8_t tuning_capable = 0;
    std::uint8_t hop_capable = 0;
};

// Kismet's pcapfile driver, as /datasource/types and every file source's type_driver show it.
DatasourceDriver pcapfile_driver();

// One capture source. The engine keeps one per source and hands out copies (see DatasourceRegistry); the field
// order is Kismet's. kismetcore reads files in process, so there is no capture helper: ipc_binary names the
// driver Kismet would have launched, and ipc_pid is 0.
struct Datasource {
    std::uint64_t source_number = 0;  // 1, 2, ... in the order sources were added; the packets' capture::SourceId
    std::uint32_t source_key = 0;     // Kismet's hash of the UUID text (kismet_source_key)
    std::uint8_t cmd_pending = 0;
    std::uint8_t paused = 0;
    std::string ipc_binary;
    std::int64_t ipc_pid = 0;
    std::uint8_t running = 0;
    std::string datasource_version;
    std::string remote_ip;
    std::uint8_t remote = 0;
    std::uint8_t passive = 0;
    std::string name;
    fields::UuidBytes uuid{};
    std::string definition;  // the definition as given: "interface:option=value,..."
    std::string interface;
    std::string capture_interface;
    std::string hardware;
    std::uint32_t dlt = 0;
    std::string warning;
    std::vector<std::string> channels;
    std::uint8_t hopping = 0;
    std::string channel;
    double hop_rate = 0;
    std::vector<std::string> hop_channels;
    std::uint8_t hop_split = 0;
    std::uint32_t hop_offset = 0;
    std::uint8_t hop_shuffle = 0;
    std::uint32_t hop_shuffle_skip = 0;
    std::uint8_t error = 0;
    std::string error_reason;
    std::uint64_t num_packets = 0;
    std::uint64_t num_error_packets = 0;  // packets whose dissection found them damaged
    track::Rrd packets_rrd;               // packets per second of the engine's clock
    track::Rrd packets_datasize_rrd;      // captured bytes per second of the engine's clock
    std::uint8_t retry = 0;
    std::uint32_t retry_attempts = 0;
    std::uint32_t total_retry_attempts = 0;
    std::string info_antenna_type;
    double info_antenna_gain = 0;
    double info_antenna_orientation = 0;
    double info_antenna_beamwidth = 0;
    std::string info_amp_type;
    double info_amp_gain = 0;
    std::uint32_t linktype_override = 0;
    DatasourceDriver type_driver;
};

const fields::RecordSchema& datasource_driver_schema();
const fields::RecordSchema& datasource_schema();

}  // namespace kismetcore
