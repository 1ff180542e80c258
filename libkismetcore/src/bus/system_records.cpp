// The field schemas of the TIMESTAMP, BATTERY and GPS_LOCATION records.
#include "kismetcore/bus/system_records.h"

#include <optional>

#include "kismetcore/fields/record_schema_builder.h"

namespace kismetcore::bus {

const fields::RecordSchema& timestamp_record_schema() {
    static const fields::RecordSchema schema =
        fields::RecordSchemaBuilder<TimestampRecord>("kismet.system.timestamp")
            .field<&TimestampRecord::sec>("kismet.system.timestamp.sec", "system timestamp, seconds")
            .field<&TimestampRecord::usec>("kismet.system.timestamp.usec", "system timestamp, usec")
            .build();
    return schema;
}

const fields::RecordSchema& battery_record_schema() {
    static const fields::RecordSchema schema =
        fields::RecordSchemaBuilder<BatteryRecord>("kismet.system.battery")
            .field<&BatteryRecord::ac>("kismet.system.battery.ac", "on AC power")
            .field<&BatteryRecord::percentage>("kismet.system.battery.percentage", "remaining battery percentage")
            .field<&BatteryRecord::charging>("kismet.system.battery.charging", "battery charging state")
            .field<&BatteryRecord::remaining>("kismet.system.battery.remaining", "battery remaining in seconds")
            .build();
    return schema;
}

const fields::RecordSchema& gps_location_record_schema() {
    using G = GpsLocationRecord;
    using P = track::LocationPoint;
    // The location point's fields (track::location_point_schema) on the nested point, then the GPS UUID.
    static const fields::RecordSchema schema =
        fields::RecordSchemaBuilder<G>("kismet.common.location")
            .computed("kismet.common.location.geopoint", "[lon, lat] point",
                      [](const G& g) {
                          return fields::GeoPoint{g.location.lon, g.location.lat};
                      })
            .computed("kismet.common.location.alt", "altitude (meters)",
                      [](const G& g) {
                          return g.location.has(P::kAlt) ? std::optional<float>(g.location.alt) : std::nullopt;
                      })
            .computed("kismet.common.location.fix", "gps fix",
                      [](const G& g) {
                          return g.location.has(P::kFix) ? std::optional<std::uint8_t>(g.location.fix) : std::nullopt;
                      })
            .computed("kismet.common.location.time_sec", "timestamp (seconds, UTC)",
                      [](const G& g) {
                          return g.location.has(P::kTime) ? std::optional<std::uint64_t>(g.location.time_sec)
                                                          : std::nullopt;
                      })
            .computed("kismet.common.location.time_usec", "timestamp (usec)",
                      [](const G& g) {
                          return g.location.has(P::kTime) ? std::optional<std::uint64_t>(g.location.time_usec)
                                                          : std::nullopt;
                      })
            .computed("kismet.common.location.speed", "speed (kph)",
                      [](const G& g) {
                          return g.location.has(P::kSpeed) ? std::optional<float>(g.location.speed) : std::nullopt;
                      })
            .computed("kismet.common.location.heading", "heading (degrees)",
                      [](const G& g) {
                          return g.location.has(P::kHeading) ? std::optional<float>(g.location.heading) : std::nullopt;
                      })
            .computed(
                "kismet.common.location.gps_uuid", "UUID of GPS reporting location",
                [](const G& g) { return g.gps_uuid.empty() ? std::nullopt : std::optional<std::string>(g.gps_uuid); })
            .build();
    return schema;
}

}  // namespace kismetcore::bus
