// Kismet's field simplification: a request's `fields` list compiled once into accessor paths.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/fields/field_catalog.h"
#include "kismetcore/fields/record_schema.h"

namespace kismetcore::fields {

// The name Kismet gives a requested field it has never registered (its id -1 read back as 65535).
inline constexpr std::string_view kUnregisteredFieldName = "field.unknown.not.registered";

// One requested field: a path of Kismet field names separated by '/', and an optional alias.
struct FieldRequest {
    std::string path;
    std::string alias;
};

// One compiled entry of a spec. `path` holds the descriptors from the root record to the field; it is empty
// when the path cannot be resolved in the schemas, and the entry then always yields 0.
struct SpecField {
    std::string output_name;              // alias, else the last component's registered name
    std::string output_name_underscored;  // for ekjson and tjson
    bool count = false;                   // '#name': the number of items of a container, as uint32
    std::vector<const FieldDescriptor*> path;
};

class FieldSpec;

struct FieldSpecResult;

// Compiled once per request against the root record schema, then applied to any number of records with no
// name lookups (see serializer.h). Rules (kismet-reference.md 3.2):
// - components split on '/', empty ones skipped; each resolves inside the record the previous one holds;
// - the output key is the alias, else the last component's registered name; two entries with the same key
//   are both written, as Kismet writes them;
// - '#name' as the last component asks for the item count of a container (uint32); counts come first;
// - a registered field the record lacks yields its key with 0; an unregistered last component yields
//   "field.unknown.not.registered" (or the alias) with 0;
// - an empty list means the whole record.
// Thread-safety: immutable after compilation.
class FieldSpec {
public:
    // Parses Kismet's JSON `fields` array: strings and [path, alias] pairs.
    static FieldSpecResult parse(std::string_view fields_json, const RecordSchema& root, const FieldCatalog& catalog);
    static FieldSpec compile(std::span<const FieldRequest> requests, const RecordSchema& root,
                             const FieldCatalog& catalog);

    [[nodiscard]] bool empty() const noexcept { return fields_.empty() && !had_requests_; }
    [[nodiscard]] std::span<const SpecField> fields() const noexcept { return fields_; }
    [[nodiscard]] const RecordSchema& root() const noexcept { return *root_; }

private:
    explicit FieldSpec(const RecordSchema& root) : root_(&root) {}

    const RecordSchema* root_;
    std::vector<SpecField> fields_;
    bool had_requests_ = false;  // requests that all resolved to empty paths still simplify to {}
};

struct FieldSpecResult {
    std::optional<FieldSpec> spec;
    std::string error;  // Kismet's message when the list is malformed
};

}  // namespace kismetcore::fields
