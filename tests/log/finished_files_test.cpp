// Files a rotation finished are closed on their own thread: handing one over returns before its rows are
// written, its rows are counted while it closes, and wait() returns once it is a closed, whole log.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "log/finished_files.h"
#include "sqlite_rows.h"
#include "support/capture_files.h"

using namespace kismetcore;

namespace {

std::unique_ptr<log::KismetdbWriter> writer_with_messages(const std::filesystem::path& path, int rows,
                                                          const std::string& text) {
    log::KismetdbWriterOptions options;
    options.commit_interval = std::chrono::hours(1);  // nothing is committed before the close
    std::string error;
    auto writer = log::KismetdbWriter::create(path, options, error);
    INFO(error);
    REQUIRE(writer);
    int accepted = 0;
    for (int index = 0; index < rows; ++index) {
        log::MessageRow row;
        row.ts_sec = 1700000000 + index;
        row.msgtype = "INFO";
        row.message = text;
        accepted += writer->write(std::move(row)) ? 1 : 0;
    }
    REQUIRE(accepted == rows);
    return writer;
}

}  // namespace

TEST_CASE("a finished file is closed on its own thread, and counted while it closes", "[log][concurrency]") {
    testing::TempDir dir;
    const auto path = dir.file("finished.kismet");
    auto writer = writer_with_messages(path, 1000, "held");
    // Another connection holds the write lock, so the file cannot be finished until it lets go (within the
    // writer's one-second busy timeout).
    std::string error;
    auto holder = log::open_connection(path, SQLITE_OPEN_READWRITE, error);
    REQUIRE(holder);
    REQUIRE(log::execute(holder.get(), "BEGIN IMMEDIATE", error));

    log::FinishedFiles finished;
    finished.close_later(std::move(writer));                     // returns although the file cannot be closed yet
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the thread takes it and waits for the lock
    const auto closing = finished.rows();
    CHECK(closing.queued == 1000);
    CHECK(closing.written == 0);
    CHECK(finished.closing() == 1);
    REQUIRE(log::execute(holder.get(), "ROLLBACK", error));
    holder.reset();

    finished.wait();
    CHECK(finished.closing() == 0);
    const auto closed = finished.rows();
    CHECK(closed.queued == 1000);
    CHECK(closed.written == 1000);
    CHECK(closed.failed == 0);
    CHECK(closed.last_error.empty());
    // Closed as KismetdbWriter::close() leaves a log: one file, no write-ahead log beside it.
    CHECK_FALSE(std::filesystem::exists(path.string() + "-wal"));
    const testing::SqliteFile file(path);
    CHECK(file.value("PRAGMA journal_mode") == "delete");
    CHECK(file.value("SELECT count(*) FROM messages") == "1000");
}

TEST_CASE("every finished file is closed whole, and the destructor waits for all", "[log][concurrency]") {
    testing::TempDir dir;
    std::vector<std::filesystem::path> paths;
    const bool wait_first = GENERATE(true, false);
    CAPTURE(wait_first);
    {
        log::FinishedFiles finished;
        for (int file = 0; file < 3; ++file) {
            paths.push_back(dir.file("file-" + std::to_string(file) + ".kismet"));
            finished.close_later(writer_with_messages(paths.back(), 1000, std::to_string(file)));
        }
        CHECK(finished.rows().queued == 3000);
        if (wait_first) {
            finished.wait();
            CHECK(finished.rows().written == 3000);
            CHECK(finished.closing() == 0);
        }
    }
    for (std::size_t file = 0; file < paths.size(); ++file) {
        CAPTURE(paths[file]);
        CHECK_FALSE(std::filesystem::exists(paths[file].string() + "-wal"));
        CHECK(testing::SqliteFile(paths[file])
                  .value("SELECT count(*) FROM messages WHERE message = '" + std::to_string(file) + "'") == "1000");
    }
}
