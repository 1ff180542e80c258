// kismetdb from-capture: captures through an engine into a new kismetdb log, as a Kismet run over them writes it.
#pragma once

#include <string>
#include <vector>

namespace kismetcore::apps {

struct CaptureLoggingOptions {
    std::vector<std::string> captures;
    std::string log_path;
    int db_version = 9;
};

// Returns 0 when every capture was read whole and the log was written, 1 otherwise (reasons on stderr).
int log_captures(const CaptureLoggingOptions& options);

}  // namespace kismetcore::apps
