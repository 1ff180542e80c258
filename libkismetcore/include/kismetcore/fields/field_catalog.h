// Every field name reachable from some root record schemas: what Kismet's field registry knows, with no global.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kismetcore/fields/record_schema.h"

namespace kismetcore::fields {

// Built once from the root schemas (e.g. the device schema) by walking every nested record, and passed to
// whatever resolves field names (field specs, regex filters, the tracked-fields table). Kismet answers
// differently for a name it never registered, so the catalog is the registry of known names.
// Thread-safety: immutable after construction.
class FieldCatalog {
public:
    struct Entry {
        std::uint32_t id = 0;  // registration order from 1, as Kismet numbers its fields
        const FieldDescriptor* field = nullptr;
        const RecordSchema* owner = nullptr;  // the schema that declares it
    };

    FieldCatalog(std::initializer_list<const RecordSchema*> roots);
    explicit FieldCatalog(std::span<const RecordSchema* const> roots);

    // The first registration of `name`, or null when no schema declares it.
    [[nodiscard]] const Entry* find(std::string_view name) const noexcept;
    [[nodiscard]] bool is_registered(std::string_view name) const noexcept { return find(name) != nullptr; }
    // Every registered name once, in registration order (each schema's fields in declaration order, nested
    // records after the fields of the record that holds them).
    [[nodiscard]] std::span<const Entry> entries() const noexcept { return entries_; }

private:
    void add_schema(const RecordSchema& schema);
    void add_shape(const ValueShape& shape);

    std::vector<Entry> entries_;
    std::unordered_map<std::string_view, std::size_t> by_name_;
    std::vector<const RecordSchema*> visited_;
};

}  // namespace kismetcore::fields
