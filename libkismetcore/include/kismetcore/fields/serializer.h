// Writes records in Kismet's output formats (json, prettyjson, ekjson, itjson, tjson), whole or simplified.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>

#include "kismetcore/fields/field_spec.h"
#include "kismetcore/fields/record_schema.h"

namespace kismetcore::fields {

// Kismet picks the serializer from the URL extension (kismet-reference.md 3.5):
// - json: compact, `{"a": 1,"b": 2}` (a space after each colon, none after commas);
// - prettyjson: CRLF lines, one-space indent per level, and before every field a
//   "description.<name>": "<type>, <description>" entry;
// - ekjson: dots in field names become '_'; a list goes out one object per line, no enclosing array;
// - itjson: like ekjson but names keep their dots;
// - tjson: dots become '_', no line splitting.
enum class OutputFormat : std::uint8_t { json, prettyjson, ekjson, itjson, tjson };

std::optional<OutputFormat> output_format_for_extension(std::string_view extension) noexcept;

// Appends one record (simplified by `spec` when it is given and not empty). ekjson and itjson end the record
// with '\n'. Allocates only by growing `out`. Thread-safety: the caller keeps the record unchanged meanwhile.
void append_record(std::string& out, OutputFormat format, const RecordSchema& schema, const void* record,
                   const FieldSpec* spec = nullptr);

template <typename Record>
void append_record(std::string& out, OutputFormat format, const RecordSchema& schema, const Record& record,
                   const FieldSpec* spec = nullptr) {
    require_schema_for(schema, typeid(Record));
    append_record(out, format, schema, static_cast<const void*>(&record), spec);
}

template <typename Record>
std::string serialize_record(OutputFormat format, const RecordSchema& schema, const Record& record,
                             const FieldSpec* spec = nullptr) {
    std::string out;
    append_record(out, format, schema, record, spec);
    return out;
}

class JsonMemo;

// Streams a list of records: a JSON array for json, prettyjson and tjson, one object per line for ekjson and
// itjson. Records are added one at a time so a caller can lock each while it is written. A snapshot many records
// share (a seen-by record's datasource record) is written once and its text reused; the writer keeps the few
// latest such snapshots alive until it is destroyed.
class RecordListWriter {
public:
    RecordListWriter(std::string& out, OutputFormat format);
    ~RecordListWriter();
    RecordListWriter(const RecordListWriter&) = delete;
    RecordListWriter& operator=(const RecordListWriter&) = delete;

    void add(const RecordSchema& schema, const void* record, const FieldSpec* spec = nullptr);
    template <typename Record>
    void add(const RecordSchema& schema, const Record& record, const FieldSpec* spec = nullptr) {
        require_schema_for(schema, typeid(Record));
        add(schema, static_cast<const void*>(&record), spec);
    }
    // Closes the array; call once after the last record.
    void finish();

private:
    void open_if_needed();

    std::string* out_;
    OutputFormat format_;
    std::unique_ptr<JsonMemo> memo_;
    bool opened_ = false;
    bool first_ = true;
};

}  // namespace kismetcore::fields
