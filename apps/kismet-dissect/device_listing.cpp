// Feeds every file into one Engine, then prints the devices through the engine's summary query.
#include "device_listing.h"

#include <cstdio>

#include "file_feeding.h"
#include "kismetcore/engine/engine.h"

namespace kismetcore::apps {

int list_devices(const DeviceListingOptions& options) {
    Engine engine;
    for (const auto& warning : engine.warnings()) std::fprintf(stderr, "kismet-dissect: %s\n", warning.c_str());
    const int status = feed_files(engine, options.files);
    DeviceQuery query;
    query.fields_json = options.fields_json;
    query.regex_json = options.regex_json;
    query.format = fields::OutputFormat::itjson;
    const auto result = engine.query_devices(query);
    if (!result.error.empty()) {
        std::fprintf(stderr, "kismet-dissect: %s\n", result.error.c_str());
        return 2;
    }
    std::fwrite(result.body.data(), 1, result.body.size(), stdout);
    return status;
}

}  // namespace kismetcore::apps
