// The field schema of the base device record (kismet.device.base.*), the root of every device's JSON.
#pragma once

#include "kismetcore/fields/record_schema.h"

namespace kismetcore::track {

const fields::RecordSchema& device_schema();

}  // namespace kismetcore::track
