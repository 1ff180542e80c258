// Visits every value a resolved field path reaches in one record, expanding vectors and maps met on the way.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "kismetcore/fields/record_schema.h"

namespace kismetcore::fields::path_walker {

// Called for each value reached: `value` is the stored value of `field` (null for a computed scalar, which is
// passed in `computed`). Returning true stops the walk.
using Visitor = bool (*)(void* context, const FieldDescriptor& field, const void* value, const ScalarValue* computed);

// Returns true when a visitor call returned true.
bool walk(std::span<const FieldDescriptor* const> path, const void* record, void* context, Visitor visit);

// The text of a string-like scalar (string, MAC, UUID, device key, byte array as hex) without allocating for
// the usual sizes, or the field's search text for numbers; empty when the value has no text.
class ScalarText {
public:
    std::string_view of(const FieldDescriptor& field, const ScalarValue& value);

private:
    std::array<char, 128> small_{};
    std::string large_;
};

}  // namespace kismetcore::fields::path_walker
