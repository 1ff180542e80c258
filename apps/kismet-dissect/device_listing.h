// kismet-dissect --devices: ingest captures into an Engine and print its device records.
#pragma once

#include <string>
#include <vector>

namespace kismetcore::apps {

struct DeviceListingOptions {
    std::vector<std::string> files;
    std::string fields_json;  // Kismet's `fields` array, empty for whole records
    std::string regex_json;   // Kismet's `regex` array, empty for every device
};

// Prints one device per line (itjson: Kismet's field names with their dots). Returns the exit status: 0 when
// every file was read to its end, 1 when one could not be (reported on stderr; its good packets still count),
// 2 when the field spec or regex is malformed.
int list_devices(const DeviceListingOptions& options);

}  // namespace kismetcore::apps
