// Walks root schemas once to list every field name, depth first, each name registered once.
#include "kismetcore/fields/field_catalog.h"

#include <algorithm>

namespace kismetcore::fields {

FieldCatalog::FieldCatalog(std::initializer_list<const RecordSchema*> roots)
    : FieldCatalog(std::span<const RecordSchema* const>(roots.begin(), roots.size())) {}

FieldCatalog::FieldCatalog(std::span<const RecordSchema* const> roots) {
    for (const auto* root : roots)
        if (root != nullptr) add_schema(*root);
}

const FieldCatalog::Entry* FieldCatalog::find(std::string_view name) const noexcept {
    auto found = by_name_.find(name);
    return found == by_name_.end() ? nullptr : &entries_[found->second];
}

void FieldCatalog::add_schema(const RecordSchema& schema) {
    if (std::find(visited_.begin(), visited_.end(), &schema) != visited_.end()) return;
    visited_.push_back(&schema);
    for (const auto& field : schema.fields()) {
        if (by_name_.find(field.name) != by_name_.end()) continue;
        by_name_.emplace(field.name, entries_.size());
        entries_.push_back({static_cast<std::uint32_t>(entries_.size() + 1), &field, &schema});
    }
    for (const auto& field : schema.fields()) add_shape(field.shape);
}

void FieldCatalog::add_shape(const ValueShape& shape) {
    if (shape.schema != nullptr) add_schema(*shape.schema);
    if (shape.element) add_shape(*shape.element);
}

}  // namespace kismetcore::fields
