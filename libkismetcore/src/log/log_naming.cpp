// Kismet's log template codes.
#include "kismetcore/log/log_naming.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <system_error>

#include <pwd.h>
#include <unistd.h>

namespace kismetcore::log {
namespace {

std::string home_directory() {
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') return home;
    passwd entry{};
    passwd* found = nullptr;
    std::array<char, 4096> buffer{};
    if (getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr)
        return found->pw_dir;
    return ".";
}

std::string local_time_text(std::time_t start, const char* format) {
    std::tm local{};
    localtime_r(&start, &local);
    std::array<char, 32> text{};
    const std::size_t length = std::strftime(text.data(), text.size(), format, &local);
    return std::string(text.data(), length);
}

bool exists(const std::string& path) {
    std::error_code ignored;
    return std::filesystem::exists(path, ignored);
}

}  // namespace

std::optional<std::filesystem::path> expand_log_template(const LogNaming& naming, std::string_view type,
                                                         std::time_t start, std::string& error) {
    std::string expanded;
    std::optional<std::size_t> increment_at;
    bool padded = false;
    const std::string_view log_template = naming.log_template;
    for (std::size_t at = 0; at < log_template.size(); ++at) {
        if (log_template[at] != '%') {
            expanded += log_template[at];
            continue;
        }
        if (at + 1 == log_template.size()) {
            error = "log_template '" + naming.log_template + "' ends with a lone '%'";
            return std::nullopt;
        }
        const char code = log_template[++at];
        switch (code) {
            case 'p': {
                std::string prefix = naming.prefix.empty() ? "./" : naming.prefix;
                if (prefix.back() != '/') prefix += '/';
                expanded += prefix;
                break;
            }
            case 'n':
                expanded += naming.title;
                break;
            case 'l':
                expanded += type;
                break;
            case 'h':
                expanded += naming.home.empty() ? home_directory() : naming.home;
                break;
            case 'D':
                expanded += local_time_text(start, "%Y%m%d");
                break;
            case 'd':
                expanded += local_time_text(start, "%b-%d-%Y");
                break;
            case 't':
                expanded += local_time_text(start, "%H-%M-%S");
                break;
            case 'T':
                expanded += local_time_text(start, "%H%M%S");
                break;
            case 'i':
            case 'I':
                increment_at = expanded.size();
                padded = code == 'I';
                break;
            default:
                error = "log_template '" + naming.log_template + "': unknown code '%" + code + "'";
                return std::nullopt;
        }
    }
    // The default template follows %p with its own '/': Kismet's names have "//" there; one is the same file.
    for (std::size_t at = expanded.find("//"); at != std::string::npos; at = expanded.find("//", at)) {
        expanded.erase(at, 1);
        if (increment_at && *increment_at > at) --*increment_at;
    }
    if (!increment_at) return std::filesystem::path(expanded);
    for (int number = 1; number < 10000; ++number) {
        std::array<char, 8> digits{};
        std::snprintf(digits.data(), digits.size(), padded ? "%05d" : "%d", number);
        std::string candidate = expanded;
        candidate.insert(*increment_at, digits.data());
        if (!exists(candidate) && !exists(candidate + ".gz") && !exists(candidate + ".bz2"))
            return std::filesystem::path(candidate);
    }
    error = "log_template '" + naming.log_template + "': every number up to 9999 is taken in '" + expanded + "'";
    return std::nullopt;
}

}  // namespace kismetcore::log
