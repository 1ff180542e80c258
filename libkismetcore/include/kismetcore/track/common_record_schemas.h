// The field schemas of the sub-records every phy shares: signal, location, RRDs, seen-by,
// IP data.
#pragma once

#include "kismetcore/fields/record_schema.h"

namespace kismetcore::track {

const fields::RecordSchema& signal_record_schema();
const fields::RecordSchema& location_record_schema();
const fields::RecordSchema& location_point_schema();
const fields::RecordSchema& rrd_schema();
const fields::RecordSchema& signal_rrd_schema();
const fields::RecordSchema& seenby_record_schema();
const fields::RecordSchema& ip_data_schema();

}  // namespace kismetcore::track
