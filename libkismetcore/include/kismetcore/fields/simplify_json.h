// Field simplification of records that are already JSON text (a kismetdb log's device column), by a FieldSpec.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "kismetcore/fields/field_spec.h"
#include "kismetcore/fields/record_schema.h"
#include "kismetcore/fields/serializer.h"

namespace kismetcore::fields {

// Writes records of one schema, given as the JSON text Kismet's json serializer writes (the `device` column of a
// kismetdb log, a saved REST answer), as append_record writes the typed record they came from: whole, or
// simplified by a FieldSpec compiled against the same schema with the same keys, order, '#' counts, 0
// placeholders and unregistered-field names (the spec decides all of those; see field_spec.h).
//
// The values are the source's own text: numbers keep their exact digits, strings their escapes. With the
// formats that underscore names (ekjson, tjson), a value that is a record or holds records is rewritten: the
// schema tells field names, whose dots become '_', from map keys, which are kept, as the serializers do. A
// subtree the schema does not describe has every key underscored (Kismet's kismetdb_dump_devices rule).
// Rewritten records, maps and vectors take the json serializer's compact layout; anything else is copied as is.
//
// A field is looked up by name in the JSON object, so a record written by a Kismet with fields kismetcore does not
// know simplifies as kismetd would simplify it: those fields exist only in the whole record. A path through a
// value that is not an object (Kismet's 0 in place of a record it does not have) leads to a missing field.
//
// prettyjson is not supported: its descriptions and layout come from the typed record. Thread-safety: one
// thread at a time per simplifier (it reuses its parsers' memory); the schema and spec must outlive it.
class JsonRecordSimplifier {
public:
    // `spec` null or empty: the whole record. Throws std::invalid_argument for prettyjson and std::logic_error
    // for a spec compiled against another schema (both are bugs in the caller).
    JsonRecordSimplifier(OutputFormat format, const RecordSchema& schema, const FieldSpec* spec = nullptr);
    ~JsonRecordSimplifier();
    JsonRecordSimplifier(JsonRecordSimplifier&&) noexcept;
    JsonRecordSimplifier& operator=(JsonRecordSimplifier&&) noexcept;

    // Appends the record (ekjson and itjson end it with '\n'). False, with `out` unchanged and the reason in
    // `error`, when `record_json` is not valid JSON or not one JSON object.
    [[nodiscard]] bool append(std::string& out, std::string_view record_json, std::string& error);

private:
    struct Parsers;

    OutputFormat format_;
    const RecordSchema* schema_;
    const FieldSpec* spec_;  // null for the whole record
    std::unique_ptr<Parsers> parsers_;
};

}  // namespace kismetcore::fields
