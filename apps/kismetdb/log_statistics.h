// kismetdb statistics: what a log holds, as text or as one JSON object.
#pragma once

#include <string>

namespace kismetcore::apps {

// Returns 0, or 1 with the reason on stderr.
int print_log_statistics(const std::string& log_path, bool json);

}  // namespace kismetcore::apps
