// Parses Kismet's `fields` list with simdjson and compiles it into descriptor paths.
#include "kismetcore/fields/field_spec.h"

#include <simdjson.h>
#include <algorithm>

#include "kismetcore/fields/record_schema_builder.h"
#include "path_resolver.h"

namespace kismetcore::fields {
namespace {

constexpr std::string_view kBadEntry = "Invalid field mapping, expected field or [field,rename]";
constexpr std::string_view kBadPair = "Invalid field mapping, expected [field, name]";

}  // namespace

FieldSpecResult FieldSpec::parse(std::string_view fields_json, const RecordSchema& root, const FieldCatalog& catalog) {
    simdjson::dom::parser parser;
    simdjson::dom::element document;
    if (auto error = parser.parse(fields_json.data(), fields_json.size()).get(document); error)
        return {std::nullopt, std::string("Invalid field specification: ") + simdjson::error_message(error)};

    std::vector<FieldRequest> requests;
    simdjson::dom::array entries;
    // Kismet ignores a `fields` value that is not an array and returns the whole record.
    if (document.get_array().get(entries) == simdjson::SUCCESS) {
        for (simdjson::dom::element entry : entries) {
            std::string_view path;
            if (entry.get_string().get(path) == simdjson::SUCCESS) {
                requests.push_back({std::string(path), {}});
                continue;
            }
            simdjson::dom::array pair;
            if (entry.get_array().get(pair) != simdjson::SUCCESS) return {std::nullopt, std::string(kBadEntry)};
            std::string_view alias;
            if (pair.size() != 2 || pair.at(0).get_string().get(path) != simdjson::SUCCESS ||
                pair.at(1).get_string().get(alias) != simdjson::SUCCESS)
                return {std::nullopt, std::string(kBadPair)};
            requests.push_back({std::string(path), std::string(alias)});
        }
    }
    return {compile(requests, root, catalog), {}};
}

FieldSpec FieldSpec::compile(std::span<const FieldRequest> requests, const RecordSchema& root,
                             const FieldCatalog& catalog) {
    FieldSpec spec(root);
    spec.had_requests_ = !requests.empty();
    for (const auto& request : requests) {
        auto components = path_resolver::split(request.path);
        if (components.empty()) continue;  // Kismet skips a path with no components

        SpecField field;
        auto& last = components.back();
        if (last.front() == '#') {
            field.count = true;
            last.remove_prefix(1);
        }
        field.path = path_resolver::resolve(components, root, false);
        if (field.count && !field.path.empty() && !is_container(field.path.back()->type())) field.path.clear();

        if (!request.alias.empty())
            field.output_name = request.alias;
        else if (!field.path.empty())
            field.output_name = field.path.back()->name;
        else if (catalog.is_registered(last))
            field.output_name = std::string(last);
        else
            field.output_name = std::string(kUnregisteredFieldName);
        field.output_name_underscored = schema_detail::underscored(field.output_name);
        spec.fields_.push_back(std::move(field));
    }
    // Kismet writes count entries before the other requested fields.
    std::stable_partition(spec.fields_.begin(), spec.fields_.end(), [](const SpecField& f) { return f.count; });
    return spec;
}

}  // namespace kismetcore::fields
