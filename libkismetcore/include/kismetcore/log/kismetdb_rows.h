// One row of each kismetdb table, and how each is made from the engine's records.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kismetcore/alert/alert_record.h"
#include "kismetcore/bus/message.h"
#include "kismetcore/capture/packet.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/common/uuid.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "kismetcore/track/datasource_record.h"
#include "kismetcore/track/device.h"
#include "kismetcore/track/location_record.h"

namespace kismetcore::log {

// Where a row was recorded: the host's GPS fix, or all zeros without one (Kismet writes 0 for missing GPS).
// Degrees as REAL, as every Kismet since db_version 5.
struct RowLocation {
    double lat = 0;
    double lon = 0;
    double alt = 0;
    double speed = 0;
    double heading = 0;
};
[[nodiscard]] RowLocation row_location(const track::GpsFix* fix) noexcept;
[[nodiscard]] inline RowLocation row_location(const std::optional<track::GpsFix>& fix) noexcept {
    return row_location(fix ? &*fix : nullptr);
}

// packets: one captured packet with its original link-layer bytes and Kismet's normalised columns.
struct PacketRow {
    std::int64_t ts_sec = 0;
    std::int64_t ts_usec = 0;
    std::string_view phyname;  // a phy name constant, "Unknown" without a phy
    MacAddress source, destination, transmitter;
    double frequency_khz = 0;
    RowLocation location;
    std::int32_t signal_dbm = 0;  // 0 when unknown
    Uuid datasource{};            // the source's UUID, all zeros without a source
    std::uint32_t dlt = 0;
    // The original bytes (packet_len is their size): borrowed from the caller, copied by KismetdbWriter::write.
    std::span<const std::uint8_t> packet;
    bool error = false;
    std::string_view tags;  // space-separated; one of packet_tags()'s constants
    // The whole tag list instead of `tags`, when tracking the packet added tags (packet_tags_with); rare.
    std::string composed_tags;
    double datarate_mbps = 0;
    std::uint32_t hash = 0;  // CRC-32 of the 802.11 frame; the column holds it as a signed 32-bit number
    std::uint64_t packet_id = 0;
    std::uint32_t full_length = 0;  // packet_full_len (db_version 9 only)
};

// devices: the full device record as json, upserted (UNIQUE(phyname, devmac) ON CONFLICT REPLACE).
struct DeviceRow {
    std::uint64_t first_time = 0;
    std::uint64_t last_time = 0;
    std::string devkey;
    std::string phyname;
    MacAddress devmac;
    std::int32_t strongest_signal = 0;
    double min_lat = 0, min_lon = 0, max_lat = 0, max_lon = 0, avg_lat = 0, avg_lon = 0;
    std::uint64_t bytes_data = 0;
    std::string type;
    std::string json;
};

// datasources: one capture source, replaced by UUID.
struct DatasourceRow {
    std::string uuid, typestring, definition, name, interface, json;
};

// alerts: one raised alert.
struct AlertRow {
    std::int64_t ts_sec = 0;
    std::int64_t ts_usec = 0;
    std::string_view phyname;
    MacAddress devmac;
    double lat = 0, lon = 0;
    std::string header;
    std::string json;
};

// messages: one message of the message bus.
struct MessageRow {
    std::int64_t ts_sec = 0;
    double lat = 0, lon = 0;
    std::string_view msgtype;
    std::string message;
};

// snapshots: a record of the system (SYSTEM) or the GPS (GPS) at a moment.
struct SnapshotRow {
    std::int64_t ts_sec = 0;
    std::int64_t ts_usec = 0;
    double lat = 0, lon = 0;
    std::string snaptype;
    std::string json;
};

using KismetdbRow = std::variant<PacketRow, DeviceRow, DatasourceRow, AlertRow, MessageRow, SnapshotRow>;

// The packet as Kismet logs it. `datasource` is the packet's source's UUID (all zeros for none); `packet_id` is
// the packet's number in the log.
[[nodiscard]] PacketRow packet_row(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                                   const Uuid& datasource, std::uint64_t packet_id, const track::GpsFix* gps);
// The caller holds a DeviceReadLock on `device`.
[[nodiscard]] DeviceRow device_row(const track::Device& device);
[[nodiscard]] DatasourceRow datasource_row(const Datasource& source);
[[nodiscard]] AlertRow alert_row(const alert::AlertRecord& alert);
[[nodiscard]] MessageRow message_row(const bus::Message& message, const std::optional<track::GpsFix>& gps);

// Kismet's msgtype: the first of INFO, ERROR, DEBUG and FATAL whose flag the message has, else empty.
[[nodiscard]] std::string_view message_type(std::uint32_t flags) noexcept;
// Kismet's per-packet tags that the frame alone decides (DOT11_PROBE_REQ, DOT11_WPAHANDSHAKE, ...): a constant.
[[nodiscard]] std::string_view packet_tags(const dissect::DissectedPacket& dissected) noexcept;
// The whole tag list Kismet logs: the frame's tags, then the tracker's SSID tag, then "ALERT" and ALERT_<HEADER>
// for each alert the packet raised.
[[nodiscard]] std::string packet_tags_with(std::string_view frame_tags, std::string_view ssid_tag,
                                           std::span<const std::string_view> alerts);

}  // namespace kismetcore::log
