// The field schemas of the TIMESTAMP and BATTERY records.
#include "kismetcore/bus/system_records.h"

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

}  // namespace kismetcore::bus
