// The kinds of value a record field holds, with the type names and numbers Kismet prints for them.
#pragma once

#include <cstdint>
#include <string_view>

namespace kismetcore::fields {

// One value per Kismet tracker_type that a kismetcore record can produce. The numbering is ours; Kismet's own
// number (used in /system/tracked_fields) comes from kismet_type_number().
enum class FieldType : std::uint8_t {
    string,
    int8,
    uint8,
    int16,
    uint16,
    int32,
    uint32,
    int64,
    uint64,
    float32,
    float64,
    mac,
    uuid,
    device_key,
    byte_array,
    ipv4,
    geopoint,           // Kismet's pair[double, double]
    record,             // Kismet's field map (a tracked component)
    vector,             // a vector of records or of scalars other than double and string
    vector_double,      // a vector of doubles (RRD buckets, supported channels)
    vector_string,      // a vector of strings
    int_map,            // keyed by an integer
    mac_map,            // keyed by a MAC address
    string_map,         // keyed by a string
    double_map,         // keyed by a double, values not doubles
    double_map_double,  // keyed by a double, values doubles (freq_khz_map)
    hashkey_map,        // keyed by a 64-bit hash, printed as a signed decimal
    key_map,            // keyed by a device key
    uuid_map,           // keyed by a UUID
    summary,            // a simplified record (Kismet's vector-as-map)
    placeholder,        // a requested field the record does not hold
};

// The type string Kismet's prettyjson and /system/tracked_fields print ("uint64_t", "map[field, x]", ...).
std::string_view kismet_type_name(FieldType type) noexcept;

// Kismet's tracker_type number for the type; /system/tracked_fields prints it as the signature of basic fields.
std::uint32_t kismet_type_number(FieldType type) noexcept;

[[nodiscard]] constexpr bool is_container(FieldType type) noexcept {
    return type >= FieldType::vector && type <= FieldType::uuid_map;
}

}  // namespace kismetcore::fields
