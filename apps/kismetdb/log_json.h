// kismetdb to-json: a log's device records as JSON, whole or simplified by a Kismet field specification.
#pragma once

#include <optional>
#include <string>

#include "kismetcore/log/kismetdb_reader.h"

namespace kismetcore::apps {

struct LogJsonOptions {
    std::string log_path;
    std::optional<std::string> fields_json;  // Kismet's `fields` array, as its REST API takes it
    bool ekjson = false;                     // one record per line with underscored names, not one JSON array
    log::LogQuery query;                     // the devices seen within a time range, or one device
};

// Prints the devices on stdout: a JSON array as Kismet's kismetdb_dump_devices writes it, or ekjson lines.
// Returns 0; 1 when the log cannot be read or a device's JSON does not parse (that device is named on stderr and
// skipped, the others printed); 2 for a field specification Kismet would refuse.
int log_to_json(const LogJsonOptions& options);

}  // namespace kismetcore::apps
