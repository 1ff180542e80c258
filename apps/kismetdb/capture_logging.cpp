// Captures -> engine -> kismetdb log.
#include "capture_logging.h"

#include <cstdio>

#include "kismetcore/engine/engine.h"
#include "kismetcore/log/kismetdb_log.h"

namespace kismetcore::apps {

namespace {

std::unique_ptr<log::KismetdbLog> open_log(Engine& engine, const CaptureLoggingOptions& options, std::string& error) {
    log::KismetdbWriterOptions writer_options;
    writer_options.db_version = options.db_version;
    log::KismetdbLogOptions log_options;
    log_options.rotate_bytes = options.rotate_bytes;
    log_options.rotate_seconds = options.rotate_seconds;
    if (options.naming) return log::KismetdbLog::open(engine, *options.naming, writer_options, log_options, error);
    auto writer = log::KismetdbWriter::create(options.log_path, writer_options, error);
    if (!writer) return nullptr;
    return std::make_unique<log::KismetdbLog>(engine, std::move(writer), log_options);
}

}  // namespace

int log_captures(const CaptureLoggingOptions& options) {
    EngineConfig config;
    Engine engine(config);
    std::string error;
    auto log = open_log(engine, options, error);
    if (!log) {
        std::fprintf(stderr, "kismetdb: %s\n", error.c_str());
        return 1;
    }
    bool all_read = true;
    for (const auto& capture : options.captures) {
        const auto read = engine.feed_file(capture);
        if (!read.error.empty()) {
            std::fprintf(stderr, "kismetdb: %s\n", read.error.c_str());
            all_read = false;
        }
        log->tick();
    }
    const bool closed = log->close(&error);
    if (options.naming)
        for (const auto& path : log->paths()) std::printf("%s\n", path.c_str());
    if (!closed) {
        std::fprintf(stderr, "kismetdb: %s: %s\n", log->writer().path().c_str(), error.c_str());
        return 1;
    }
    const auto stats = log->stats();
    if (stats.rows.failed != 0) {
        std::fprintf(stderr, "kismetdb: %llu rows not written: %s\n",
                     static_cast<unsigned long long>(stats.rows.failed), stats.rows.last_error.c_str());
        return 1;
    }
    if (stats.failed_rotations != 0) {
        std::fprintf(stderr, "kismetdb: %llu rotations failed; their rows went on into the file before\n",
                     static_cast<unsigned long long>(stats.failed_rotations));
        return 1;
    }
    return all_read ? 0 : 1;
}

}  // namespace kismetcore::apps
