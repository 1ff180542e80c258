// Kismet's kismetdb columns from the engine's records (kismet-reference.md 7.2).
#include "kismetcore/log/kismetdb_rows.h"

#include "kismetcore/alert/alert_definition.h"
#include "kismetcore/common/uuid.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/dissect/fcs.h"
#include "kismetcore/fields/serializer.h"
#include "kismetcore/track/device_schema.h"
#include "track/dot11/dot11_frame_roles.h"

namespace kismetcore::log {
namespace {

namespace mgmt = dissect::dot11::management;

constexpr std::string_view kUnknownPhy = "Unknown";
// Kismet names an alert's phy by its phy handler, and "UNKNOWN" for an id no handler has (system alerts).
constexpr std::string_view kUnknownAlertPhy = "UNKNOWN";
constexpr std::int32_t kDot11PhyId = 0;

// Kismet's common source and destination: the 802.11 roles for management and data frames; a control frame
// names its receiver (address 1) and, when it has one, its transmitter (address 2). A frame Kismet's dissector
// finds too short names none.
void fill_addresses(const dissect::Dot11Frame& frame, std::size_t length, PacketRow& row) {
    if (track::dot11::too_short_for_kismet(frame, length) && frame.type != dissect::dot11::kTypeControl) return;
    if (frame.type == dissect::dot11::kTypeControl) {
        row.destination = frame.address1.value_or(MacAddress{});
        row.source = frame.address2.value_or(row.destination);
        return;
    }
    const track::dot11::FrameRoles roles = track::dot11::frame_roles(frame);
    row.source = roles.source;
    row.destination = roles.destination;
    row.transmitter = roles.transmitter;
}

}  // namespace

RowLocation row_location(const track::GpsFix* fix) noexcept {
    RowLocation location;
    if (fix == nullptr || fix->fix < 2) return location;
    location.lat = fix->lat;
    location.lon = fix->lon;
    location.alt = fix->alt;
    location.speed = fix->speed;
    location.heading = fix->heading;
    return location;
}

std::string_view message_type(std::uint32_t flags) noexcept {
    if ((flags & bus::message_flag::kInfo) != 0) return "INFO";
    if ((flags & bus::message_flag::kError) != 0) return "ERROR";
    if ((flags & bus::message_flag::kDebug) != 0) return "DEBUG";
    if ((flags & bus::message_flag::kFatal) != 0) return "FATAL";
    return {};
}

std::string packet_tags_with(std::string_view frame_tags, std::string_view ssid_tag,
                             std::span<const std::string_view> alerts) {
    std::string tags(frame_tags);
    const auto add = [&tags](std::string_view prefix, std::string_view tag) {
        if (!tags.empty()) tags += ' ';
        tags += prefix;
        tags += tag;
    };
    if (!ssid_tag.empty()) add({}, ssid_tag);
    if (!alerts.empty()) add({}, "ALERT");
    for (std::string_view header : alerts) add("ALERT_", header);
    return tags;
}

std::string_view packet_tags(const dissect::DissectedPacket& dissected) noexcept {
    if (!dissected.has_dot11) return {};
    const dissect::Dot11Frame& frame = dissected.dot11.frame;
    if (frame.type == dissect::dot11::kTypeManagement) {
        switch (frame.subtype) {
            // Kismet tags every frame that carries a probed SSID, association requests included.
            case mgmt::kProbeRequest:
            case mgmt::kAssociationRequest:
            case mgmt::kReassociationRequest:
                return "DOT11_PROBE_REQ";
            // Only when the BSSID names a device (Kismet's disconnect counting).
            case mgmt::kDeauthentication:
                return frame.address3 && track::dot11::usable(*frame.address3) ? "DOT11_DEAUTHENTICATION" : "";
            case mgmt::kDisassociation:
                return frame.address3 && track::dot11::usable(*frame.address3) ? "DOT11_DISASSOCIATION" : "";
            default:
                return {};
        }
    }
    if (!dissected.dot11.has_eapol) return {};
    return dissected.dot11.eapol.pmkid ? "DOT11_WPAHANDSHAKE DOT11_RSNPMKID" : "DOT11_WPAHANDSHAKE";
}

PacketRow packet_row(const capture::Packet& packet, const dissect::DissectedPacket& dissected, const Uuid& datasource,
                     std::uint64_t packet_id, const track::GpsFix* gps) {
    PacketRow row;
    row.ts_sec = packet.ts_sec;
    row.ts_usec = packet.ts_usec;
    row.phyname = dissected.has_dot11 ? kDot11PhyName : kUnknownPhy;
    if (dissected.has_dot11) {
        fill_addresses(dissected.dot11.frame, dissected.payload.bytes.size(), row);
        row.hash = dissect::crc32(dissected.payload.bytes);
    }
    const dissect::RadioInfo& radio = dissected.radio;
    row.frequency_khz = radio.frequency_khz.value_or(0);
    row.signal_dbm = radio.signal_dbm.value_or(0);
    if (radio.rate_500kbps) row.datarate_mbps = *radio.rate_500kbps * 0.5;
    row.location = row_location(gps);
    row.datasource = datasource;
    row.dlt = packet.dlt;
    row.packet = packet.data;
    row.error = radio.bad_fcs;  // Kismet marks FCS failures, not frames its dissector finds malformed
    row.tags = packet_tags(dissected);
    row.packet_id = packet_id;
    row.full_length = packet.original_length != 0 ? packet.original_length : packet.captured_length();
    return row;
}

DeviceRow device_row(const track::Device& device) {
    DeviceRow row;
    row.first_time = device.first_time;
    row.last_time = device.last_time;
    row.devkey = device.key.to_string();
    row.phyname = device.phyname;
    row.devmac = device.macaddr;
    if (device.signal) row.strongest_signal = device.signal->max_signal;
    if (device.location) {
        const track::LocationRecord& location = *device.location;
        if (location.min_loc) {
            row.min_lat = location.min_loc->lat;
            row.min_lon = location.min_loc->lon;
        }
        if (location.max_loc) {
            row.max_lat = location.max_loc->lat;
            row.max_lon = location.max_loc->lon;
        }
        if (location.avg_loc) {
            row.avg_lat = location.avg_loc->lat;
            row.avg_lon = location.avg_loc->lon;
        }
    }
    row.bytes_data = device.datasize;
    row.type = device.type;
    row.json = fields::serialize_record(fields::OutputFormat::json, track::device_schema(), device);
    return row;
}

DatasourceRow datasource_row(const Datasource& source) {
    DatasourceRow row;
    row.uuid = uuid_text(source.uuid);
    row.typestring = source.type_driver.type;
    row.definition = source.definition;
    row.name = source.name;
    row.interface = source.interface;
    row.json = fields::serialize_record(fields::OutputFormat::json, datasource_schema(), source);
    return row;
}

AlertRow alert_row(const alert::AlertRecord& alert) {
    AlertRow row;
    row.ts_sec = alert.time.sec;
    row.ts_usec = alert.time.usec;
    row.phyname = alert.phy == kDot11PhyId ? kDot11PhyName : kUnknownAlertPhy;
    row.devmac = alert.transmitter;
    if (alert.location.has(track::LocationPoint::kFix)) {
        row.lat = alert.location.lat;
        row.lon = alert.location.lon;
    }
    row.header = alert.header;
    row.json = fields::serialize_record(fields::OutputFormat::json, alert::alert_record_schema(), alert);
    return row;
}

MessageRow message_row(const bus::Message& message, const std::optional<track::GpsFix>& gps) {
    MessageRow row;
    row.ts_sec = static_cast<std::int64_t>(message.time.sec);
    const RowLocation location = row_location(gps);
    row.lat = location.lat;
    row.lon = location.lon;
    row.msgtype = message_type(message.flags);
    row.message = message.text;
    return row;
}

}  // namespace kismetcore::log
