// Splits Kismet field paths on '/' and resolves each component inside the record the previous one holds.
#pragma once

#include <string_view>
#include <vector>

#include "kismetcore/fields/record_schema.h"

namespace kismetcore::fields::path_resolver {

// The components of `path`, empty ones skipped (Kismet tokenises on '/' and ignores blanks).
std::vector<std::string_view> split(std::string_view path);

// Resolves `components` from `root`. With `through_containers`, a component that holds a vector or map of
// records continues inside the record type of its values (Kismet's regex multipath); otherwise only nested
// records are followed (field simplification). Returns an empty vector when a component does not resolve.
std::vector<const FieldDescriptor*> resolve(const std::vector<std::string_view>& components, const RecordSchema& root,
                                            bool through_containers);

// The record schema a shape leads to: the shape's own, or its values' through containers; null for scalars.
const RecordSchema* leaf_schema(const ValueShape& shape) noexcept;

}  // namespace kismetcore::fields::path_resolver
