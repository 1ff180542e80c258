// apspoof and ssidcanary SSID patterns with RE2.
#include "kismetcore/alert/ssid_pattern.h"

#include <re2/re2.h>

namespace kismetcore::alert {

struct SsidPattern::Compiled {
    explicit Compiled(std::string_view pattern, const RE2::Options& options) : expression(pattern, options) {}
    RE2 expression;
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
    return ssid == text_ || RE2::PartialMatch(ssid, compiled_->expression);
}

}  // namespace kismetcore::alert
