// apspoof and ssidcanary SSID patterns with RE2.
#include "kismetcore/alert/ssid_pattern.h"

#include <re2/re2.h>

namespace kismetcore::alert {

namespace {

// A pattern without regex syntax finds itself anywhere in the SSID, which a substring search answers for a
// fraction of RE2's cost: most configured SSIDs are plain names.
bool is_plain_text(std::string_view pattern) {
    return pattern.find_first_of("\\^$.|?*+()[]{}") == std::string_view::npos;
}

}  // namespace

struct SsidPattern::Compiled {
    explicit Compiled(std::string_view pattern, const RE2::Options& options)
        : expression(pattern, options), plain(is_plain_text(pattern)) {}
    RE2 expression;
    bool plain;
};

SsidPattern::SsidPattern(std::string text, std::shared_ptr<const Compiled> compiled)
    : text_(std::move(text)), compiled_(std::move(compiled)) {}

std::optional<SsidPattern> SsidPattern::compile(std::string_view pattern, std::string& error) {
    RE2::Options options;
    options.set_log_errors(false);
    // SSIDs are bytes, not necessarily UTF-8; Kismet's PCRE runs without PCRE_UTF8.
    options.set_encoding(RE2::Options::EncodingLatin1);
    auto compiled = std::make_shared<const Compiled>(pattern, options);
    if (!compiled->expression.ok()) {
        error = compiled->expression.error();
        return std::nullopt;
    }
    return SsidPattern(std::string(pattern), std::move(compiled));
}

bool SsidPattern::matches(std::string_view ssid) const {
    if (compiled_->plain) return ssid.find(text_) != std::string_view::npos;
    return ssid == text_ || RE2::PartialMatch(ssid, compiled_->expression);
}

}  // namespace kismetcore::alert
