// Kismet's names, descriptions and order for the base device record's fields (order as Kismet's samples).
#include "kismetcore/track/device_schema.h"

#include <string>

#include "frequency_map_fields.h"
#include "kismetcore/dissect/crypt_set.h"
#include "kismetcore/fields/record_schema_builder.h"
#include "kismetcore/track/common_record_schemas.h"
#include "kismetcore/track/device.h"
#include "kismetcore/track/dot11/dot11_device.h"
#include "kismetcore/track/dot11/dot11_schemas.h"

namespace kismetcore::track {
namespace {

using fields::RecordSchemaBuilder;

// A packet RRD still kept as a log is replayed into a scratch record for the reader. Readers walk one device
// field at a time, and each RRD kind has its own scratch per thread, so the record outlives its use; the scratch
// holds nothing between reads, only saves allocating 952 bytes per read.
template <PacketRrds::Kind kind>
const Rrd* packet_rrd(const Device& device) noexcept {
    thread_local Rrd scratch;
    return device.packet_rrds.view(kind, scratch);
}

fields::RecordSchema build_device_schema() {
    using D = Device;
    using P = PacketCounters;
    RecordSchemaBuilder<D> b("kismet.device.base");
    b.field<&D::key>("kismet.device.base.key", "unique device key across phy and server")
        .field<&D::macaddr>("kismet.device.base.macaddr", "mac address")
        .computed_record("kismet.device.base.related_devices", "related devices, organized by relationship",
                         dot11::client_record_schema(),
                         [](const D& d) -> const RelatedDevices* {
                             static const RelatedDevices kNone;
                             return d.related_devices ? d.related_devices.get() : &kNone;
                         })
        .field<&D::name>("kismet.device.base.name", "printable device name")
        .field<&D::username>("kismet.device.base.username", "user name")
        .computed("kismet.device.base.commonname", "common name alias of custom or device names",
                  [](const D& d) { return d.commonname(); })
        .field<&D::server_uuid>("kismet.server.uuid", "unique server UUID",
                                fields::FieldOptions{.type = fields::FieldType::uuid})
        .field<&D::basic_type_set>("kismet.device.base.basic_type_set", "bitset of basic type")
        .field<&D::crypt>("kismet.device.base.crypt", "printable encryption type")
        .field<&D::basic_crypt_set>("kismet.device.base.basic_crypt_set", "bitset of basic encryption")
        .field<&D::first_time>("kismet.device.base.first_time", "first time seen time_t")
        .field<&D::last_time>("kismet.device.base.last_time", "last time seen time_t")
        .field<&D::mod_time>("kismet.device.base.mod_time", "timestamp of last seen time (local clock)")
        .field<&D::packets, &P::total>("kismet.device.base.packets.total", "total packets seen of all types")
        .field<&D::packets, &P::rx_total>("kismet.device.base.packets.rx_total", "observed packets sent to device")
        .field<&D::packets, &P::tx_total>("kismet.device.base.packets.tx_total", "observed packets from device")
        .field<&D::packets, &P::llc>("kismet.device.base.packets.llc", "observed protocol control packets")
        .field<&D::packets, &P::error>("kismet.device.base.packets.error", "corrupt/error packets")
        .field<&D::packets, &P::data>("kismet.device.base.packets.data", "data packets")
        .field<&D::packets, &P::crypt>("kismet.device.base.packets.crypt", "data packets using encryption")
        .field<&D::packets, &P::filtered>("kismet.device.base.packets.filtered", "packets dropped by filter")
        .field<&D::datasize>("kismet.device.base.datasize", "transmitted data in bytes")
        .field<&D::channel>("kismet.device.base.channel", "channel (phy specific)")
        .field<&D::frequency>("kismet.device.base.frequency", "frequency")
        .field<&D::freq_khz_map>("kismet.device.base.freq_khz_map", "packets seen per frequency (khz)")
        .record<&D::dot11>("dot11.device", "IEEE802.11 device", dot11::dot11_device_schema())
        .field<&D::num_alerts>("kismet.device.base.num_alerts", "number of alerts on this device")
        .record<&D::seenby, &SeenbyList::records>("kismet.device.base.seenby", "sub-devices seen by",
                                                  seenby_record_schema())
        .field<&D::phyname>("kismet.device.base.phyname", "phy name")
        .field<&D::manuf>("kismet.device.base.manuf", "manufacturer name")
        .computed_record("kismet.device.base.packets.rrd", "packet rate rrd", rrd_schema(),
                         [](const D& d) { return packet_rrd<PacketRrds::Kind::packets>(d); })
        .computed_record("kismet.device.base.datasize.rrd", "packet size rrd", rrd_schema(),
                         [](const D& d) { return packet_rrd<PacketRrds::Kind::datasize>(d); })
        .computed_record("kismet.device.base.rx_packets.rrd", "received packet rate rrd", rrd_schema(),
                         [](const D& d) { return packet_rrd<PacketRrds::Kind::rx_packets>(d); })
        .computed_record("kismet.device.base.tx_packets.rrd", "transmitted packet rate rrd", rrd_schema(),
                         [](const D& d) { return packet_rrd<PacketRrds::Kind::tx_packets>(d); })
        .record<&D::signal>("kismet.device.base.signal", "signal data", signal_record_schema())
        .field<&D::type>("kismet.device.base.type", "printable device type")
        .record<&D::location>("kismet.device.base.location", "location", location_record_schema())
        .field<&D::tags>("kismet.device.base.tags", "set of arbitrary tags, including user notes");
    return b.build();
}

}  // namespace

const fields::RecordSchema& device_schema() {
    static const fields::RecordSchema schema = build_device_schema();
    return schema;
}

}  // namespace kismetcore::track
