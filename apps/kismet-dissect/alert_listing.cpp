// Feeds every file into one Engine whose alert observer prints each alert as it goes out.
#include "alert_listing.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "file_feeding.h"
#include "kismetcore/engine/engine.h"
#include "kismetcore/fields/serializer.h"

namespace kismetcore::apps {
namespace {

void print_alert(const alert::AlertRecord& record) {
    std::string line;
    fields::append_record(line, fields::OutputFormat::itjson, alert::alert_record_schema(), record);
    std::fwrite(line.data(), 1, line.size(), stdout);
}

}  // namespace

int list_alerts(const AlertListingOptions& options) {
    EngineConfig config;
    config.alert_packet_time = true;
    for (const auto& file : options.config_files) {
        std::ifstream in(file);
        if (!in) {
            std::fprintf(stderr, "kismet-dissect: cannot read alert configuration %s\n", file.c_str());
            return 2;
        }
        std::stringstream text;
        text << in.rdbuf();
        const auto errors = config.alerts.apply_text(text.str());
        for (const auto& error : errors) std::fprintf(stderr, "kismet-dissect: %s: %s\n", file.c_str(), error.c_str());
        if (!errors.empty()) return 2;
    }
    Engine engine(std::move(config));
    for (const auto& warning : engine.warnings()) std::fprintf(stderr, "kismet-dissect: %s\n", warning.c_str());
    for (const auto& raised : engine.alerts().all()) print_alert(*raised);  // load_alert one-shots
    engine.alerts().add_observer(print_alert);
    return feed_files(engine, options.files);
}

}  // namespace kismetcore::apps
