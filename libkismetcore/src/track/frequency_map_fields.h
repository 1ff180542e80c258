// Lets the field layer walk a FrequencyMap as Kismet's map[double,double] (include before declaring schemas).
#pragma once

#include <type_traits>

#include "kismetcore/fields/record_schema_builder.h"
#include "kismetcore/track/frequency_map.h"

// The frequency map is a small sorted array of (kHz, packets) entries with map-like member names.
template <>
struct kismetcore::fields::schema_detail::IsAssociative<kismetcore::track::FrequencyMap> : std::true_type {};
