// Captures -> engine -> kismetdb log.
#include "capture_logging.h"

#include <cstdio>

#include "kismetcore/engine/engine.h"
#include "kismetcore/log/kismetdb_log.h"

namespace kismetcore::apps {
int log_captures(const CaptureLoggingOptions& options) {
    EngineConfig config;
    Engine engine(config);
    std::string error;
    log::KismetdbWriterOptions writer_options;
    writer_options.db_version = options.db_version;
    auto writer = log::KismetdbWriter::create(options.log_path, writer_options, error);
    if (!writer) {
        std::fprintf(stderr, "kismetdb: %s\n", error.c_str());
        return 1;
    }
    log::KismetdbLog log(engine, std::move(writer));
    bool all_read = true;
    for (const auto& capture : options.captures) {
        const auto read = engine.feed_file(capture);
        if (!read.error.empty()) {
            std::fprintf(stderr, "kismetdb: %s\n", read.error.c_str());
            all_read = false;
        }
    }
    if (!log.close(&error)) {
        std::fprintf(stderr, "kismetdb: %s: %s\n", options.log_path.c_str(), error.c_str());
        return 1;
    }
    const auto stats = log.writer().stats();
    if (stats.failed != 0) {
        std::fprintf(stderr, "kismetdb: %s: %llu rows not written: %s\n", options.log_path.c_str(),
                     static_cast<unsigned long long>(stats.failed), stats.last_error.c_str());
        return 1;
    }
    return all_read ? 0 : 1;
}

}  // namespace kismetcore::apps
