// Regex filters with RE2 over resolved multifield paths.
#include "kismetcore/fields/regex_filter.h"

#include <re2/re2.h>
#include <simdjson.h>

#include "path_resolver.h"
#include "path_walker.h"

namespace kismetcore::fields {

struct RegexFilter::CompiledTerm {
    std::vector<const FieldDescriptor*> path;
    std::unique_ptr<RE2> expression;
};

namespace {

constexpr std::string_view kBadFilter = "Invalid regex filter, expected [[field, regex], ...]";

struct MatchContext {
    const RE2* expression;
    path_walker::ScalarText text;
};

bool match_value(void* opaque, const FieldDescriptor& field, const void* value, const ScalarValue* computed) {
    auto& context = *static_cast<MatchContext*>(opaque);
    if (computed != nullptr) return RE2::PartialMatch(context.text.of(field, *computed), *context.expression);
    if (field.shape.kind != ValueShape::Kind::scalar) return false;  // Kismet matches only scalar text
    ScalarValue scalar;
    field.shape.read_scalar(value, scalar);
    const auto text = context.text.of(field, scalar);
    if (text.data() == nullptr) return false;
    return RE2::PartialMatch(text, *context.expression);
}

}  // namespace

RegexFilter::RegexFilter(const RecordSchema& root) : root_(&root) {}
RegexFilter::RegexFilter(RegexFilter&&) noexcept = default;
RegexFilter& RegexFilter::operator=(RegexFilter&&) noexcept = default;
RegexFilter::~RegexFilter() = default;

RegexFilterResult RegexFilter::parse(std::string_view regex_json, const RecordSchema& root) {
    simdjson::dom::parser parser;
    simdjson::dom::element document;
    if (auto error = parser.parse(regex_json.data(), regex_json.size()).get(document); error)
        return {std::nullopt, std::string("Invalid regex filter: ") + simdjson::error_message(error)};
    simdjson::dom::array pairs;
    if (document.get_array().get(pairs) != simdjson::SUCCESS) return {std::nullopt, std::string(kBadFilter)};
    std::vector<RegexTerm> terms;
    for (simdjson::dom::element entry : pairs) {
        simdjson::dom::array pair;
        std::string_view path;
        std::string_view pattern;
        if (entry.get_array().get(pair) != simdjson::SUCCESS || pair.size() != 2 ||
            pair.at(0).get_string().get(path) != simdjson::SUCCESS ||
            pair.at(1).get_string().get(pattern) != simdjson::SUCCESS)
            return {std::nullopt, std::string(kBadFilter)};
        terms.push_back({std::string(path), std::string(pattern)});
    }
    return compile(terms, root);
}

RegexFilterResult RegexFilter::compile(std::span<const RegexTerm> terms, const RecordSchema& root) {
    RegexFilter filter(root);
    RE2::Options options;
    options.set_log_errors(false);
    for (const auto& term : terms) {
        auto expression = std::make_unique<RE2>(term.pattern, options);
        if (!expression->ok()) return {std::nullopt, "Invalid regex: " + term.pattern + ": " + expression->error()};
        filter.terms_.push_back(
            {path_resolver::resolve(path_resolver::split(term.path), root, true), std::move(expression)});
    }
    return {std::move(filter), {}};
}

bool RegexFilter::matches(const void* record) const {
    if (terms_.empty()) return true;
    for (const auto& term : terms_) {
        MatchContext context{term.expression.get(), {}};
        if (path_walker::walk(term.path, record, &context, &match_value)) return true;
    }
    return false;
}

std::string_view alert_severity_search_text(const ScalarValue& severity) noexcept {
    const bool is_signed = severity.type == FieldType::int8 || severity.type == FieldType::int16 ||
                           severity.type == FieldType::int32 || severity.type == FieldType::int64;
    const std::int64_t level = is_signed ? severity.signed_value : static_cast<std::int64_t>(severity.unsigned_value);
    if (level >= 20) return "CRITICAL";
    if (level >= 15) return "HIGH";
    if (level >= 10) return "MEDIUM";
    if (level >= 5) return "LOW";
    return "INFO";
}

}  // namespace kismetcore::fields
