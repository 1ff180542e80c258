// The field schema of one record type: its Kismet field names, types, descriptions and accessors, in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "kismetcore/fields/field_type.h"
#include "kismetcore/fields/scalar_value.h"

namespace kismetcore::fields {

class RecordSchema;

// How a map key is printed: Kismet's map types differ only in their key.
enum class KeyKind : std::uint8_t {
    automatic,    // deduced from the key's C++ type
    mac,          // "AA:BB:CC:DD:EE:FF"
    string,       // escaped text
    integer,      // decimal, as stored
    signed_hash,  // a 64-bit hash printed as a signed decimal (Kismet's hashkey maps cast to long)
    floating,     // integral doubles print as integers, others with six decimals
    device_key,   // "4202770D00000000_85A4C2860B00"
    uuid,         // upper-case 8-4-4-4-12
};

// How a map is written: Kismet flags some maps "as_vector" (an array of the values) or "as_key_vector" (an
// array of the keys, each quoted).
enum class MapLayout : std::uint8_t { object, values_array, keys_array };

// Reads one element of a container: `key` is null for vectors.
using ElementVisitor = void (*)(void* context, const ScalarValue* key, const void* element);

// What a value looks like and how to read it, given a pointer to where it is stored. Shapes nest: a map's
// values, a vector's elements. Built once with its schema; readers only follow pointers.
struct ValueShape {
    enum class Kind : std::uint8_t { scalar, record, vector, map };

    Kind kind = Kind::scalar;
    FieldType type = FieldType::uint64;
    void (*read_scalar)(const void* value, ScalarValue& out) noexcept = nullptr;  // scalars
    const RecordSchema* schema = nullptr;                                         // records
    std::size_t (*size)(const void* container) noexcept = nullptr;                // containers
    void (*for_each)(const void* container, void* context, ElementVisitor visit) = nullptr;
    KeyKind key_kind = KeyKind::automatic;  // maps
    MapLayout layout = MapLayout::object;   // maps
    std::unique_ptr<ValueShape> element;    // containers: the shape of each value
};

// One field of a record. A stored field is found by `locate` (null when the record does not hold it, as for a
// dynamic field not yet set); a computed scalar is produced by `compute` (false when it has no value).
struct FieldDescriptor {
    std::string name;              // exact Kismet name, e.g. "kismet.device.base.macaddr"
    std::string underscored_name;  // the name with '.' as '_' (ekjson, tjson)
    std::string description;
    ValueShape shape;
    bool dynamic = false;  // absent from output until set (Kismet's register_dynamic_field)
    const void* (*locate)(const void* record) noexcept = nullptr;
    bool (*compute)(const void* record, ScalarValue& out) = nullptr;
    SearchTextFn search_text = nullptr;  // how regex and search see a number (e.g. alert severity)
    // Set for a record held by std::shared_ptr<const T> to an immutable snapshot that many records share (Kismet's
    // embedded datasource record, RecordSchemaBuilder::shared_record): the owning pointer, so that a writer of
    // many records may write each snapshot once and reuse its text while it keeps the pointer.
    std::shared_ptr<const void> (*retain)(const void* record) noexcept = nullptr;

    [[nodiscard]] FieldType type() const noexcept { return shape.type; }
    [[nodiscard]] bool is_computed_scalar() const noexcept { return compute != nullptr; }
};

// Options a field declaration may override; the defaults are deduced from the member's C++ type.
struct FieldOptions {
    FieldType type = FieldType::placeholder;  // placeholder = deduce; e.g. byte_array, uuid, ipv4, uint8
    KeyKind key = KeyKind::automatic;
    MapLayout layout = MapLayout::object;
    SearchTextFn search_text = nullptr;
};

// An immutable, ordered list of field descriptors for one C++ record type, made by RecordSchemaBuilder.
// Thread-safety: immutable after build(), so any number of threads may read it.
class RecordSchema {
public:
    RecordSchema(RecordSchema&&) noexcept = default;
    RecordSchema& operator=(RecordSchema&&) noexcept = default;
    RecordSchema(const RecordSchema&) = delete;
    RecordSchema& operator=(const RecordSchema&) = delete;
    ~RecordSchema();

    // A label for the record type, e.g. "kismet.device.base"; /system/tracked_fields prints its Kismet hash.
    [[nodiscard]] std::string_view name() const noexcept { return name_; }
    [[nodiscard]] std::span<const FieldDescriptor> fields() const noexcept { return fields_; }
    // The field of this record with exactly this name, or null.
    [[nodiscard]] const FieldDescriptor* find(std::string_view field_name) const noexcept;

    [[nodiscard]] const std::type_info& record_type() const noexcept { return *record_type_; }
    template <typename T>
    [[nodiscard]] bool describes() const noexcept {
        return *record_type_ == typeid(T);
    }

private:
    template <typename T>
    friend class RecordSchemaBuilder;
    RecordSchema(std::string name, const std::type_info& type) : name_(std::move(name)), record_type_(&type) {}

    std::string name_;
    const std::type_info* record_type_;
    std::vector<FieldDescriptor> fields_;
};

// Throws std::logic_error when `schema` does not describe T: passing a record to the wrong schema is a bug.
void require_schema_for(const RecordSchema& schema, const std::type_info& type);

}  // namespace kismetcore::fields
