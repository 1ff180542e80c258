// kismet-dissect --alerts: ingest captures into an Engine and print each alert as it is raised.
#pragma once

#include <string>
#include <vector>

namespace kismetcore::apps {

struct AlertListingOptions {
    std::vector<std::string> files;
    std::vector<std::string> config_files;  // kismet_alerts.conf-style lines (alert=, apspoof=, devicefound=, ...)
};

// Prints one alert per line (itjson: Kismet's kismet.alert.* names), stamped and throttled by packet time so a
// replay prints the same alerts every time. Returns 0 when every file was read to its end, 1 when one could
// not be (reported on stderr; its good packets still count), 2 when a configuration file is unreadable or wrong.
int list_alerts(const AlertListingOptions& options);

}  // namespace kismetcore::apps
