// Files a rotation finished are closed on their own thread: handing one over returns before its rows are
// written, its rows are counted while it closes, and wait() returns once it is a closed, whole log.
#include <catch2/catch.hpp>

#include "log/finished_files.h"
#include "sqlite_rows.h"
#include "support/capture_files.h"

using namespace kismetcore;

TEST_CASE("a finished file is closed on its own thread, and counted while it closes", "[log][concurrency]") {
    testing::TempDir dir;
    const auto path = dir.file("finished.kismet");
    log::KismetdbWriterOptions options;
    options.commit_interval = std::chrono::hours(1);  // nothing is committed before the close
    options.queue_rows = 300000;
    std::string error;
    auto writer = log::KismetdbWriter::create(path, options, error);
    REQUIRE(writer);
    constexpr int kRows = 200000;  // tenths of a second for SQLite on any machine
    int accepted = 0;
    for (int index = 0; index < kRows; ++index) {
        log::MessageRow row;
        row.ts_sec = 1700000000 + index;
        row.msgtype = "INFO";
        row.message = "message " + std::to_string(index);
        accepted += writer->write(std::move(row)) ? 1 : 0;
    }
    REQUIRE(accepted == kRows);

    log::FinishedFiles finished;
    finished.close(std::move(writer));
    // Returned before the rows were written: the thread has hardly begun on them.
    const auto closing = finished.rows();
    CHECK(closing.queued == kRows);
    CHECK(closing.written < kRows);

    finished.wait();
    const auto closed = finished.rows();
    CHECK(closed.queued == kRows);
    CHECK(closed.written == kRows);
    CHECK(closed.failed == 0);
    CHECK(closed.last_error.empty());
    // Closed as KismetdbWriter::close() leaves a log: one file, no write-ahead log beside it.
    CHECK_FALSE(std::filesystem::exists(path.string() + "-wal"));
    const testing::SqliteFile file(path);
    CHECK(file.value("PRAGMA journal_mode") == "delete");
    CHECK(file.value("SELECT count(*) FROM messages") == std::to_string(kRows));
}

TEST_CASE("every finished file is closed whole, and the destructor waits for all", "[log][concurrency]") {
    testing::TempDir dir;
    std::vector<std::filesystem::path> paths;
    {
        log::FinishedFiles finished;
        for (int file = 0; file < 3; ++file) {
            paths.push_back(dir.file("file-" + std::to_string(file) + ".kismet"));
            std::string error;
            auto writer = log::KismetdbWriter::create(paths.back(), {}, error);
            REQUIRE(writer);
            for (int index = 0; index < 1000; ++index) {
                log::MessageRow row;
                row.ts_sec = 1700000000 + index;
                row.msgtype = "INFO";
                row.message = std::to_string(file);
                writer->write(std::move(row));
            }
            finished.close(std::move(writer));
        }
        CHECK(finished.rows().queued == 3000);
    }
    for (std::size_t file = 0; file < paths.size(); ++file) {
        CAPTURE(paths[file]);
        CHECK_FALSE(std::filesystem::exists(paths[file].string() + "-wal"));
        CHECK(testing::SqliteFile(paths[file])
                  .value("SELECT count(*) FROM messages WHERE message = '" + std::to_string(file) + "'") == "1000");
    }
}
