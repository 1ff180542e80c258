// The small records of the once-a-second topics: TIMESTAMP, BATTERY (kismet.system.*) and GPS_LOCATION.
#pragma once

#include <cstdint>
#include <string>

#include "kismetcore/fields/record_schema.h"
#include "kismetcore/track/location_record.h"

namespace kismetcore::bus {

// TIMESTAMP: the server's clock (kismet.system.timestamp.sec, .usec).
struct TimestampRecord {
    std::uint64_t sec = 0;
    std::uint64_t usec = 0;
};
const fields::RecordSchema& timestamp_record_schema();

// BATTERY: what the host reads from its power supply (the library cannot know); Kismet's defaults for a machine
// on mains power without a battery are ac 1, percentage 0, "charged", remaining 0.
struct BatteryRecord {
    std::int32_t ac = 1;               // kismet.system.battery.ac
    std::int32_t percentage = 0;       // kismet.system.battery.percentage
    std::string charging = "charged";  // kismet.system.battery.charging: "charging", "discharging" or "charged"
    std::uint32_t remaining = 0;       // kismet.system.battery.remaining (seconds)
};
const fields::RecordSchema& battery_record_schema();

// GPS_LOCATION: Kismet's full location of the best fix (kismet.common.location.*: geopoint, then alt, fix, time,
// speed and heading when set) with the UUID of the GPS that reported it (kismet.common.location.gps_uuid, left out
// when empty). Without a fix, Kismet sends only the geopoint [0, 0].
struct GpsLocationRecord {
    track::LocationPoint location;
    std::string gps_uuid;
};
const fields::RecordSchema& gps_location_record_schema();

}  // namespace kismetcore::bus
