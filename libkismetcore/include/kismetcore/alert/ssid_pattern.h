// The ssid= of an apspoof or ssidcanary rule: Kismet's regular expression, compiled once at configuration time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kismetcore::alert {

// Kismet compiles ssid= with PCRE and searches the SSID with it, unanchored; kismetcore compiles it with RE2
// (see docs/compatibility.md for what RE2 does not accept), byte-wise as PCRE without its UTF flag. An SSID equal
// to the pattern's text also matches, so a literal SSID holding regex characters ("Guest (5G)") still works.
// Copies share the compiled expression; matching is const and thread-safe.
class SsidPattern {
public:
    // The compiled pattern, or nullopt with RE2's reason in `error`.
    [[nodiscard]] static std::optional<SsidPattern> compile(std::string_view pattern, std::string& error);

    [[nodiscard]] bool matches(std::string_view ssid) const;
    [[nodiscard]] const std::string& text() const noexcept { return text_; }

private:
    struct Compiled;
    SsidPattern(std::string text, std::shared_ptr<const Compiled> compiled);

    std::string text_;
    std::shared_ptr<const Compiled> compiled_;
};

}  // namespace kismetcore::alert
