// Case-insensitive substring search over a spec's fields, with MAC fields matched as partial MACs.
#include "kismetcore/fields/text_search.h"

#include <algorithm>
#include <cctype>

#include "path_walker.h"

namespace kismetcore::fields {
namespace {

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool contains_folded(std::string_view haystack, std::string_view lowered_needle) {
    if (lowered_needle.size() > haystack.size()) return false;
    return std::search(haystack.begin(), haystack.end(), lowered_needle.begin(), lowered_needle.end(),
                       [](char a, char b) { return lower(a) == b; }) != haystack.end();
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// "0b:86", "0B86" or "0b-86" as the octets 0x0B 0x86; empty when the term is not whole hex pairs.
std::string mac_octets(std::string_view term) {
    std::string octets;
    int high = -1;
    for (char c : term) {
        if (c == ':' || c == '-') {
            if (high >= 0) return {};
            continue;
        }
        const int digit = hex_value(c);
        if (digit < 0) return {};
        if (high < 0) {
            high = digit;
        } else {
            octets += static_cast<char>(high * 16 + digit);
            high = -1;
        }
    }
    if (high >= 0 || octets.size() > MacAddress::kLength) return {};
    return octets;
}

struct SearchContext {
    const TextSearch* search;
    std::string_view term;
    std::string_view mac_octets;
    path_walker::ScalarText text;
};

bool search_value(void* opaque, const FieldDescriptor& field, const void* value, const ScalarValue* computed) {
    auto& context = *static_cast<SearchContext*>(opaque);
    ScalarValue stored;
    const ScalarValue* scalar = computed;
    if (scalar == nullptr) {
        if (field.shape.kind != ValueShape::Kind::scalar) return false;
        field.shape.read_scalar(value, stored);
        scalar = &stored;
    }
    if (scalar->type == FieldType::mac && !context.mac_octets.empty()) {
        const auto& octets = scalar->mac.octets();
        const std::string_view mac(reinterpret_cast<const char*>(octets.data()), octets.size());
        if (mac.find(context.mac_octets) != std::string_view::npos) return true;
    }
    return contains_folded(context.text.of(field, *scalar), context.term);
}

}  // namespace

TextSearch::TextSearch(std::string_view term, const FieldSpec& fields) : term_(term), fields_(&fields) {
    std::transform(term_.begin(), term_.end(), term_.begin(), lower);
    mac_bytes_ = mac_octets(term);
}

bool TextSearch::matches(const void* record) const {
    if (term_.empty()) return true;
    for (const auto& field : fields_->fields()) {
        if (field.count || field.path.empty()) continue;
        SearchContext context{this, term_, mac_bytes_, {}};
        if (path_walker::walk(field.path, record, &context, &search_value)) return true;
    }
    return false;
}

}  // namespace kismetcore::fields
