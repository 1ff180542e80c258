// The device views' free-text search: a term looked for in every field of the view's `fields` list.
#pragma once

#include <string>
#include <string_view>
#include <typeinfo>

#include "kismetcore/fields/field_spec.h"

namespace kismetcore::fields {

// A record matches when the term is a case-insensitive (ASCII) substring of any string field the spec names,
// or of a number's search text; MAC fields compare as a partial MAC: "0b:86", "0B86" and "0b-86" all find
// 00:0B:86:C2:A4:85. Count entries and unresolved paths are ignored. An empty term matches every record.
// Thread-safety: immutable; matches() may run on many threads and allocates nothing.
class TextSearch {
public:
    TextSearch(std::string_view term, const FieldSpec& fields);

    [[nodiscard]] bool matches(const void* record) const;
    template <typename Record>
    [[nodiscard]] bool matches(const Record& record) const {
        require_schema_for(fields_->root(), typeid(Record));
        return matches(static_cast<const void*>(&record));
    }

private:
    std::string term_;       // lower case
    std::string mac_bytes_;  // the term as MAC octets when it reads as hex pairs, else empty
    const FieldSpec* fields_;
};

}  // namespace kismetcore::fields
