// Walks a record schema and writes Kismet's JSON layout, compact or pretty, with dotted or underscored names.
#pragma once

#include <string>
#include <string_view>

#include "kismetcore/fields/record_schema.h"
#include "kismetcore/fields/scalar_value.h"

namespace kismetcore::fields {

struct JsonStyle {
    bool pretty = false;            // prettyjson: CRLF, indentation, description entries
    bool underscore_names = false;  // ekjson, tjson
};

// Follows the layout rules of Kismet's json_adapter::pack: at `depth`, a record opens with a line break and
// the indent, each entry of an object is separated by "," plus a line break (two between record fields), and a
// container closes on its own line. In compact mode every line break and indent is empty.
class JsonEmitter {
public:
    JsonEmitter(std::string& out, JsonStyle style) : out_(&out), style_(style) {}

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

    std::string* out_;
    JsonStyle style_;
};

}  // namespace kismetcore::fields
