// Kismet's type strings and tracker_type numbers (trackedelement.cc type_to_string, trackedelement.h enum).
#include "kismetcore/fields/field_type.h"

namespace kismetcore::fields {

std::string_view kismet_type_name(FieldType type) noexcept {
    switch (type) {
        case FieldType::string:
            return "string";
        case FieldType::int8:
            return "int8_t";
        case FieldType::uint8:
            return "uint8_t";
        case FieldType::int16:
            return "int16_t";
        case FieldType::uint16:
            return "uint16_t";
        case FieldType::int32:
            return "int32_t";
        case FieldType::uint32:
            return "uint32_t";
        case FieldType::int64:
            return "int64_t";
        case FieldType::uint64:
            return "uint64_t";
        case FieldType::float32:
            return "float";
        case FieldType::float64:
            return "double";
        case FieldType::mac:
            return "mac_addr";
        case FieldType::uuid:
            return "uuid";
        case FieldType::device_key:
            return "devicekey";
        case FieldType::byte_array:
            return "bytearray";
        case FieldType::ipv4:
            return "ipv4";
        case FieldType::geopoint:
            return "pair[double, double]";
        case FieldType::record:
            return "map[field, x]";
        case FieldType::vector:
            return "vector[x]";
        case FieldType::vector_double:
            return "vector[double]";
        case FieldType::vector_string:
            return "vector[string]";
        case FieldType::int_map:
            return "map[int, x]";
        case FieldType::mac_map:
            return "map[macaddr, x]";
        case FieldType::string_map:
            return "map[string, x]";
        case FieldType::double_map:
            return "map[double, x]";
        case FieldType::double_map_double:
            return "map[double,double]";
        case FieldType::hashkey_map:
            return "map[size_t, x]";
        case FieldType::key_map:
            return "map[key, x]";
        case FieldType::uuid_map:
            return "map[uuid, x]";
        case FieldType::summary:
            return "vector-as-map";
        case FieldType::placeholder:
            return "placeholder";
    }
    return "unknown";
}

std::uint32_t kismet_type_number(FieldType type) noexcept {
    switch (type) {
        case FieldType::string:
            return 0;
        case FieldType::int8:
            return 1;
        case FieldType::uint8:
            return 2;
        case FieldType::int16:
            return 3;
        case FieldType::uint16:
            return 4;
        case FieldType::int32:
            return 5;
        case FieldType::uint32:
            return 6;
        case FieldType::int64:
            return 7;
        case FieldType::uint64:
            return 8;
        case FieldType::float32:
            return 9;
        case FieldType::float64:
            return 10;
        case FieldType::mac:
            return 11;
        case FieldType::uuid:
            return 12;
        case FieldType::vector:
            return 13;
        case FieldType::record:
            return 14;
        case FieldType::int_map:
            return 15;
        case FieldType::mac_map:
            return 16;
        case FieldType::string_map:
            return 17;
        case FieldType::double_map:
            return 18;
        case FieldType::byte_array:
            return 19;
        case FieldType::device_key:
            return 20;
        case FieldType::key_map:
            return 21;
        case FieldType::vector_double:
            return 22;
        case FieldType::double_map_double:
            return 23;
        case FieldType::vector_string:
            return 24;
        case FieldType::hashkey_map:
            return 25;
        case FieldType::ipv4:
            return 27;
        case FieldType::geopoint:
            return 28;
        case FieldType::placeholder:
            return 29;
        case FieldType::uuid_map:
            return 30;
        case FieldType::summary:
            return 32;
    }
    return 0;
}

}  // namespace kismetcore::fields
