// Walks a record schema and writes Kismet's JSON layout, compact or pretty, with dotted or underscored names.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/fields/record_schema.h"
#include "kismetcore/fields/scalar_value.h"
#include "kismetcore/fields/serializer.h"

namespace kismetcore::fields {

struct JsonStyle {
    bool pretty = false;            // prettyjson: CRLF, indentation, description entries
    bool underscore_names = false;  // ekjson, tjson
};

// The layout of an output format (serializer.h): pretty for prettyjson, underscored names for ekjson and tjson.
JsonStyle style_for(OutputFormat format) noexcept;
// ekjson and itjson write one record per line, each ended by '\n', and no enclosing array.
bool one_object_per_line(OutputFormat format) noexcept;

// The text of shared snapshot records (FieldDescriptor::retain) a writer of many records has written already, for
// one output style. Each entry keeps its snapshot's owner, so no other record can take its address while the text
// is kept. Holds the few most recent snapshots: a list of devices shares one per capture source.
class JsonMemo {
public:
    [[nodiscard]] const std::string* find(const void* record, unsigned depth) const noexcept;
    void keep(std::shared_ptr<const void> owner, unsigned depth, std::string text);

private:
    static constexpr std::size_t kMaxEntries = 8;
    struct Entry {
        std::shared_ptr<const void> owner;
        unsigned depth = 0;
        std::string text;
    };
    std::vector<Entry> entries_;
};

// Follows the layout rules of Kismet's json_adapter::pack: at `depth`, a record opens with a line break and
// the indent, each entry of an object is separated by "," plus a line break (two between record fields), and a
// container closes on its own line. In compact mode every line break and indent is empty.
class JsonEmitter {
public:
    // `memo`, when given, must have been used with the same style only.
    JsonEmitter(std::string& out, JsonStyle style, JsonMemo* memo = nullptr) : out_(&out), style_(style), memo_(memo) {}

    void write_record(const RecordSchema& schema, const void* record, unsigned depth);
    void write_value(const ValueShape& shape, const void* value, unsigned depth);
    void write_scalar(const ValueShape& shape, const void* value);

    // An object whose entries the caller writes one by one (simplified records).
    void open_object(unsigned depth);
    // Writes the separator, the description entry (pretty) and `"name": `; the caller writes the value next.
    void object_entry(bool first, std::string_view name, std::string_view type_name, std::string_view description,
                      unsigned depth);
    void close_object(unsigned depth);

    void line_break();
    void indent(unsigned depth);
    [[nodiscard]] const JsonStyle& style() const noexcept { return style_; }
    std::string& out() noexcept { return *out_; }

private:
    void write_vector(const ValueShape& shape, const void* value, unsigned depth);
    void write_map(const ValueShape& shape, const void* value, unsigned depth);
    // A field with `retain`: the memo's text when it has the snapshot, else written and remembered.
    void write_shared(const FieldDescriptor& field, const void* record, const void* value, unsigned depth);

    std::string* out_;
    JsonStyle style_;
    JsonMemo* memo_;
};

}  // namespace kismetcore::fields
