// kismetdb from-capture: captures through an engine into a new kismetdb log, as a Kismet run over them writes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kismetcore/log/log_naming.h"

namespace kismetcore::apps {

struct CaptureLoggingOptions {
    std::vector<std::string> captures;
    std::string log_path;                  // -o: one file, never rotated
    std::optional<log::LogNaming> naming;  // or --log-prefix/--log-title/--log-template: named as Kismet names logs
    int db_version = 9;
    std::uint64_t rotate_bytes = 0;    // --rotate-mb, with naming only
    std::uint64_t rotate_seconds = 0;  // --rotate-seconds, with naming only
};

// Returns 0 when every capture was read whole and the log was written, 1 otherwise (reasons on stderr). Prints
// the path of every file it wrote on stdout when the log was named by its template.
int log_captures(const CaptureLoggingOptions& options);

}  // namespace kismetcore::apps
