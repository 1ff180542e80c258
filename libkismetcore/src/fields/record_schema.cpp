// The non-template parts of record schemas: lookup, type checks and the container type rules.
#include <stdexcept>
#include <string>

#include "kismetcore/fields/record_schema_builder.h"

namespace kismetcore::fields {

RecordSchema::~RecordSchema() = default;

const FieldDescriptor* RecordSchema::find(std::string_view field_name) const noexcept {
    // Records have a few dozen fields and lookups happen when specs compile, never per record.
    for (const auto& field : fields_)
        if (field.name == field_name) return &field;
    return nullptr;
}

void require_schema_for(const RecordSchema& schema, const std::type_info& type) {
    if (schema.record_type() != type)
        throw std::logic_error("schema " + std::string(schema.name()) + " does not describe " + type.name());
}

namespace schema_detail {

void fail_schema(const std::string& message) {
    throw std::logic_error("record schema: " + message);
}

std::string underscored(std::string_view name) {
    std::string result(name);
    for (auto& c : result)
        if (c == '.') c = '_';
    return result;
}

void convert_number(ScalarValue& value, FieldType declared) noexcept {
    const bool was_signed = value.type >= FieldType::int8 && value.type <= FieldType::int64 &&
                            (static_cast<int>(value.type) - static_cast<int>(FieldType::int8)) % 2 == 0;
    const bool was_floating = value.type == FieldType::float32 || value.type == FieldType::float64;
    std::int64_t as_signed = was_signed     ? value.signed_value
                             : was_floating ? static_cast<std::int64_t>(value.double_value)
                                            : static_cast<std::int64_t>(value.unsigned_value);
    double as_double = was_signed     ? static_cast<double>(value.signed_value)
                       : was_floating ? value.double_value
                                      : static_cast<double>(value.unsigned_value);
    value.type = declared;
    switch (declared) {
        case FieldType::int8:
            value.signed_value = static_cast<std::int8_t>(as_signed);
            break;
        case FieldType::int16:
            value.signed_value = static_cast<std::int16_t>(as_signed);
            break;
        case FieldType::int32:
            value.signed_value = static_cast<std::int32_t>(as_signed);
            break;
        case FieldType::int64:
            value.signed_value = as_signed;
            break;
        case FieldType::uint8:
            value.unsigned_value = static_cast<std::uint8_t>(as_signed);
            break;
        case FieldType::uint16:
            value.unsigned_value = static_cast<std::uint16_t>(as_signed);
            break;
        case FieldType::uint32:
        case FieldType::ipv4:
            value.unsigned_value = static_cast<std::uint32_t>(as_signed);
            break;
        case FieldType::uint64:
            value.unsigned_value =
                was_signed || was_floating ? static_cast<std::uint64_t>(as_signed) : value.unsigned_value;
            break;
        case FieldType::float32:
            value.double_value = static_cast<double>(static_cast<float>(as_double));
            break;
        case FieldType::float64:
            value.double_value = as_double;
            break;
        default:
            break;
    }
}

FieldType map_type(KeyKind key, const ValueShape& element) noexcept {
    switch (key) {
        case KeyKind::mac:
            return FieldType::mac_map;
        case KeyKind::string:
            return FieldType::string_map;
        case KeyKind::integer:
            return FieldType::int_map;
        case KeyKind::signed_hash:
            return FieldType::hashkey_map;
        case KeyKind::device_key:
            return FieldType::key_map;
        case KeyKind::uuid:
            return FieldType::uuid_map;
        case KeyKind::floating:
            return element.type == FieldType::float64 || element.type == FieldType::float32
                       ? FieldType::double_map_double
                       : FieldType::double_map;
        case KeyKind::automatic:
            break;
    }
    return FieldType::int_map;
}

FieldType vector_type(const ValueShape& element) noexcept {
    if (element.type == FieldType::float64 || element.type == FieldType::float32) return FieldType::vector_double;
    if (element.type == FieldType::string) return FieldType::vector_string;
    return FieldType::vector;
}

}  // namespace schema_detail
}  // namespace kismetcore::fields
