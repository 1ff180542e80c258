// Kismet's names and order for kismet.common.signal, .location, .rrd and .seenby.
#include "kismetcore/track/common_record_schemas.h"

#include <optional>
#include <string>

#include "frequency_map_fields.h"
#include "kismetcore/fields/record_schema_builder.h"
#include "kismetcore/track/datasource_record.h"
#include "kismetcore/track/frequency_map.h"
#include "kismetcore/track/ip_data_record.h"
#include "kismetcore/track/location_record.h"
#include "kismetcore/track/rrd.h"
#include "kismetcore/track/seenby_record.h"
#include "kismetcore/track/signal_record.h"

namespace kismetcore::track {
namespace {

using fields::FieldOptions;
using fields::FieldType;
using fields::RecordSchemaBuilder;

std::string_view signal_type_name(SignalType type) {
    switch (type) {
        case SignalType::dbm:
            return "dbm";
        case SignalType::rssi:
            return "rssi";
        case SignalType::none:
            break;
    }
    return "none";
}

template <typename Point>
std::optional<double> present(const Point& p, LocationPoint::Present field, double value) {
    return p.has(field) ? std::optional<double>(value) : std::nullopt;
}

fields::RecordSchema build_location_point_schema() {
    using P = LocationPoint;
    return RecordSchemaBuilder<P>("kismet.common.location")
        .computed("kismet.common.location.geopoint", "[lon, lat] point",
                  [](const P& p) {
                      return fields::GeoPoint{p.lon, p.lat};
                  })
        .computed<std::optional<float>>("kismet.common.location.alt", "altitude (meters)",
                                        [](const P& p) { return present(p, P::kAlt, p.alt); })
        .computed("kismet.common.location.fix", "gps fix",
                  [](const P& p) { return p.has(P::kFix) ? std::optional<std::uint8_t>(p.fix) : std::nullopt; })
        .computed("kismet.common.location.time_sec", "timestamp (seconds, UTC)",
                  [](const P& p) { return p.has(P::kTime) ? std::optional<std::uint64_t>(p.time_sec) : std::nullopt; })
        .computed("kismet.common.location.time_usec", "timestamp (usec)",
                  [](const P& p) { return p.has(P::kTime) ? std::optional<std::uint64_t>(p.time_usec) : std::nullopt; })
        .computed<std::optional<float>>("kismet.common.location.speed", "speed (kph)",
                                        [](const P& p) { return present(p, P::kSpeed, p.speed); })
        .computed<std::optional<float>>("kismet.common.location.heading", "heading (degrees)",
                                        [](const P& p) { return present(p, P::kHeading, p.heading); })
        .build();
}

fields::RecordSchema build_location_record_schema() {
    using L = LocationRecord;
    return RecordSchemaBuilder<L>("kismet.common.location")
        .field<&L::loc_fix>("kismet.common.location.loc_fix", "location fix precision (2d/3d)")
        .record<&L::min_loc>("kismet.common.location.min_loc", "minimum corner of bounding rectangle",
                             location_point_schema())
        .record<&L::max_loc>("kismet.common.location.max_loc", "maximum corner of bounding rectangle",
                             location_point_schema())
        .record<&L::avg_loc>("kismet.common.location.avg_loc", "average corner of bounding rectangle",
                             location_point_schema())
        .record<&L::last>("kismet.common.location.last", "last location", location_point_schema())
        .build();
}

template <typename R>
void add_rrd_header(RecordSchemaBuilder<R>& b) {
    b.template field<&R::last_time>("kismet.common.rrd.last_time", "last time udpated");
    b.template field<&R::serial_time>("kismet.common.rrd.serial_time", "timestamp of serialization");
    b.template field<&R::last_value>("kismet.common.rrd.last_value", "last value");
    b.template field<&R::last_value_n1>("kismet.common.rrd.last_value_n1", "last value before last_value");
}

fields::RecordSchema build_rrd_schema() {
    RecordSchemaBuilder<Rrd> b("kismet.common.rrd");
    add_rrd_header(b);
    b.field<&Rrd::minute_vec>("kismet.common.rrd.minute_vec", "past minute values per second")
        .field<&Rrd::hour_vec>("kismet.common.rrd.hour_vec", "past hour values per minute")
        .field<&Rrd::day_vec>("kismet.common.rrd.day_vec", "past day values per hour")
        .computed("kismet.common.rrd.blank_val", "blank value", [](const Rrd&) { return Rrd::blank_val; });
    return b.build();
}

fields::RecordSchema build_signal_rrd_schema() {
    RecordSchemaBuilder<SignalRrd> b("kismet.common.rrd");
    add_rrd_header(b);
    b.field<&SignalRrd::minute_vec>("kismet.common.rrd.minute_vec", "past minute values per second")
        .computed("kismet.common.rrd.blank_val", "blank value", [](const SignalRrd&) { return SignalRrd::blank_val; });
    return b.build();
}

fields::RecordSchema build_signal_record_schema() {
    using S = SignalRecord;
    return RecordSchemaBuilder<S>("kismet.common.signal")
        .computed("kismet.common.signal.type", "signal type",
                  [](const S& s) { return std::string(signal_type_name(s.type)); })
        .field<&S::last_signal>("kismet.common.signal.last_signal", "most recent signal")
        .field<&S::last_noise>("kismet.common.signal.last_noise", "most recent noise")
        .field<&S::min_signal>("kismet.common.signal.min_signal", "minimum signal")
        .field<&S::min_noise>("kismet.common.signal.min_noise", "minimum noise")
        .field<&S::max_signal>("kismet.common.signal.max_signal", "maximum signal")
        .field<&S::max_noise>("kismet.common.signal.max_noise", "maximum noise")
        .record<&S::peak_loc>("kismet.common.signal.peak_loc", "location of peak signal", location_point_schema())
        .field<&S::maxseenrate>("kismet.common.signal.maxseenrate", "maximum observed data rate (phy dependent)")
        .field<&S::encodingset>("kismet.common.signal.encodingset", "bitset of observed encodings",
                                FieldOptions{.type = FieldType::uint64})
        .field<&S::carrierset>("kismet.common.signal.carrierset", "bitset of observed carrier types",
                               FieldOptions{.type = FieldType::uint64})
        .computed_record("kismet.common.signal.signal_rrd", "signal data for past minute", signal_rrd_schema(),
                         [](const S& s) {
                             // A logged RRD is replayed into a scratch record for the reader; readers walk one
                             // record at a time, so it outlives its use, and it holds nothing between reads.
                             thread_local SignalRrd scratch;
                             return s.signal_rrd.view(scratch);
                         })
        .build();
}

fields::RecordSchema build_seenby_record_schema() {
    using R = SeenbyRecord;
    return RecordSchemaBuilder<R>("kismet.common.seenby")
        .field<&R::named, &NamedSource::uuid>("kismet.common.seenby.uuid", "UUID of source",
                                              FieldOptions{.type = FieldType::uuid})
        .shared_record<&R::source_record>("kismet.common.seenby.source", "datasource", datasource_schema())
        .field<&R::first_time>("kismet.common.seenby.first_time", "first time seen time_t")
        .field<&R::last_time>("kismet.common.seenby.last_time", "last time seen time_t")
        .field<&R::num_packets>("kismet.common.seenby.num_packets", "number of packets seen by this device")
        .field<&R::freq_khz_map>("kismet.common.seenby.freq_khz_map", "packets seen per frequency (khz)")
        .record<&R::signal>("kismet.common.seenby.signal", "signal data", signal_record_schema())
        .build();
}

fields::RecordSchema build_ip_data_schema() {
    using R = IpDataRecord;
    return RecordSchemaBuilder<R>("kismet.common.ipdata")
        .field<&R::type>("kismet.common.ipdata.type", "ipdata type enum")
        .field<&R::address>("kismet.common.ipdata.address", "ip address")
        .field<&R::netmask>("kismet.common.ipdata.netmask", "ip netmask")
        .field<&R::gateway>("kismet.common.ipdata.gateway", "ip gateway")
        .build();
}

}  // namespace

const fields::RecordSchema& location_point_schema() {
    static const fields::RecordSchema schema = build_location_point_schema();
    return schema;
}
const fields::RecordSchema& location_record_schema() {
    static const fields::RecordSchema schema = build_location_record_schema();
    return schema;
}
const fields::RecordSchema& rrd_schema() {
    static const fields::RecordSchema schema = build_rrd_schema();
    return schema;
}
const fields::RecordSchema& signal_rrd_schema() {
    static const fields::RecordSchema schema = build_signal_rrd_schema();
    return schema;
}
const fields::RecordSchema& signal_record_schema() {
    static const fields::RecordSchema schema = build_signal_record_schema();
    return schema;
}
const fields::RecordSchema& ip_data_schema() {
    static const fields::RecordSchema schema = build_ip_data_schema();
    return schema;
}
const fields::RecordSchema& seenby_record_schema() {
    static const fields::RecordSchema schema = build_seenby_record_schema();
    return schema;
}

}  // namespace kismetcore::track
