// Kismet's `regex` filter: [multifield, regex] pairs matched with RE2, any match keeps the record.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "kismetcore/fields/record_schema.h"

namespace kismetcore::fields {

struct RegexTerm {
    std::string path;     // a multifield path: vectors and maps met before its end are expanded
    std::string pattern;  // the regular expression (RE2 syntax)
};

class RegexFilter;

struct RegexFilterResult;

// Compiled once per request, then asked per record. A record matches when any term matches (OR). A term
// matches when any value its path reaches is a string, MAC (upper-case text), UUID, device key or byte array
// (upper-case hex) in which the expression finds a match (unanchored, as PCRE's search is), or a number whose
// field declares a search text (FieldOptions::search_text, e.g. alert severity). A path that does not resolve
// never matches. An empty filter matches every record.
//
// Kismet uses PCRE; RE2 has no backreferences, lookahead or lookbehind, and such expressions are rejected here
// as invalid. Thread-safety: immutable after compilation; matches() may run on many threads at once and does not
// allocate for strings, MACs, keys, UUIDs and byte arrays up to 64 bytes.
class RegexFilter {
public:
    // Parses Kismet's JSON `regex` array: [[path, regex], ...].
    static RegexFilterResult parse(std::string_view regex_json, const RecordSchema& root);
    static RegexFilterResult compile(std::span<const RegexTerm> terms, const RecordSchema& root);

    RegexFilter(RegexFilter&&) noexcept;
    RegexFilter& operator=(RegexFilter&&) noexcept;
    ~RegexFilter();

    [[nodiscard]] bool empty() const noexcept { return terms_.empty(); }
    [[nodiscard]] bool matches(const void* record) const;
    template <typename Record>
    [[nodiscard]] bool matches(const Record& record) const {
        require_schema_for(*root_, typeid(Record));
        return matches(static_cast<const void*>(&record));
    }

private:
    struct CompiledTerm;
    explicit RegexFilter(const RecordSchema& root);

    const RecordSchema* root_;
    std::vector<CompiledTerm> terms_;
};

struct RegexFilterResult {
    std::optional<RegexFilter> filter;
    std::string error;  // e.g. "Invalid regex: ^(a: missing ): ^(a" naming RE2's reason
};

// Kismet's one search transform: an alert's numeric severity as INFO, LOW, MEDIUM, HIGH or CRITICAL
// (0, 5, 10, 15, 20; values in between take the level below them).
std::string_view alert_severity_search_text(const ScalarValue& severity) noexcept;

}  // namespace kismetcore::fields
