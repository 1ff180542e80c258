// Where Kismet puts a log: log_prefix, log_title and log_template, expanded as Kismet expands them.
#pragma once

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kismetcore::log {

// Kismet's options (kismet_logging.conf) with Kismet's defaults.
struct LogNaming {
    std::string prefix = "./";                       // log_prefix: %p
    std::string title = "Kismet";                    // log_title: %n
    std::string log_template = "%p/%n-%D-%t-%i.%l";  // log_template
    std::string home;                                // %h; the user's home directory when empty
};

// The kismetdb log type, which is also its extension (%l).
inline constexpr std::string_view kKismetdbLogType = "kismet";

// Expands `naming.log_template` for a log of `type` started at `start` (local time), as Kismet's ExpandLogPath:
// - %p the prefix, with a '/' added when it lacks one ("./" when empty); %n the title; %l the type; %h home;
// - %D YYYYMMDD, %d Mmm-DD-YYYY, %t HH-MM-SS, %T HHMMSS;
// - %i the first number from 1 for which neither the name nor the name with .gz or .bz2 exists, %I the same
//   zero-padded to five digits; at most one of them counts, the last;
// - "//" becomes "/" (the default template gives Kismet's names a "//" after the prefix).
// Kismet also knows %S, %E and %B (its install directories), which a library has not: they are refused, as are
// unknown codes and a '%' that ends the template, with a clear error. nullopt and `error` then, or when no
// number up to 9999 is free.
[[nodiscard]] std::optional<std::filesystem::path> expand_log_template(const LogNaming& naming, std::string_view type,
                                                                       std::time_t start, std::string& error);

}  // namespace kismetcore::log
