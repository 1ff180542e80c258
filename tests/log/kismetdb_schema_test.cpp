// A new kismetdb log's tables and KISMET row are Kismet's, for both layouts the writer offers.
#include <catch2/catch.hpp>

#include <fstream>

#include "kismetcore/common/version.h"
#include "kismetcore/log/kismetdb_writer.h"
#include "sqlite_rows.h"
#include "support/capture_files.h"
#include "support/kismet_samples.h"

using namespace kismetcore;

namespace {

// `sqlite3 LOG .schema` of the log Kismet wrote: one statement a line, each ending in ';'.
std::vector<std::string> kismet_schema() {
    std::vector<std::string> statements;
    std::ifstream in(testing::kismet_samples_dir() / "kismetdb-schema.sql");
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        if (line.back() == ';') line.pop_back();
        statements.push_back(line);
    }
    return statements;
}

std::vector<std::string> schema_of(const std::filesystem::path& path) {
    std::vector<std::string> statements;
    for (const auto& row :
         testing::SqliteFile(path).rows("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid"))
        statements.push_back(row.at(0));
    return statements;
}

std::filesystem::path new_log(const testing::TempDir& dir, log::KismetdbWriterOptions options) {
    const auto path = dir.file("new.kismet");
    std::string error;
    auto writer = log::KismetdbWriter::create(path, std::move(options), error);
    REQUIRE(writer);
    CHECK(error.empty());
    REQUIRE(writer->close());
    return path;
}

}  // namespace

TEST_CASE("a new log's tables are created as Kismet creates them, statement for statement", "[log]") {
    const auto expected = kismet_schema();
    if (expected.empty()) {
        WARN("kismet-samples not present");
        return;
    }
    REQUIRE(expected.size() == 8);
    testing::TempDir dir;
    CHECK(schema_of(new_log(dir, {})) == expected);
}

TEST_CASE("the version 8 layout is Kismet's without packets.packet_full_len", "[log]") {
    auto expected = kismet_schema();
    if (expected.empty()) {
        WARN("kismet-samples not present");
        return;
    }
    for (auto& statement : expected) {
        const std::string column = ", packet_full_len INT";
        if (const auto at = statement.find(column); at != std::string::npos) statement.erase(at, column.size());
    }
    testing::TempDir dir;
    log::KismetdbWriterOptions options;
    options.db_version = 8;
    const auto path = new_log(dir, options);
    CHECK(schema_of(path) == expected);
    CHECK(testing::SqliteFile(path).value("SELECT db_version FROM KISMET") == "8");
}

TEST_CASE("the KISMET row names the writer, the layout and Kismet's module", "[log]") {
    testing::TempDir dir;
    const auto plain = new_log(dir, {});
    const auto rows = testing::SqliteFile(plain).rows("SELECT kismet_version, db_version, db_module FROM KISMET");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == testing::SqliteFile::Row{std::string(library_version()), "9", "kismetlog"});
    CHECK(testing::SqliteFile(plain).value("SELECT typeof(db_version) FROM KISMET") == "integer");

    testing::TempDir other;
    log::KismetdbWriterOptions options;
    options.kismet_version = "2025.09.0-kismetcore";
    CHECK(testing::SqliteFile(new_log(other, options)).value("SELECT kismet_version FROM KISMET") ==
          "2025.09.0-kismetcore");
}

TEST_CASE("a closed log is one file, back in Kismet's journal mode, and whole", "[log]") {
    testing::TempDir dir;
    const auto path = new_log(dir, {});
    CHECK_FALSE(std::filesystem::exists(path.string() + "-wal"));
    CHECK_FALSE(std::filesystem::exists(path.string() + "-shm"));
    const testing::SqliteFile file(path);
    CHECK(file.value("PRAGMA journal_mode") == "delete");
    CHECK(file.value("PRAGMA integrity_check") == "ok");
}

TEST_CASE("the writer refuses what it cannot create, with the reason", "[log]") {
    testing::TempDir dir;
    std::string error;

    const auto existing = dir.file("existing.kismet");
    testing::write_file(existing, std::vector<std::uint8_t>{1, 2, 3});
    CHECK_FALSE(log::KismetdbWriter::create(existing, {}, error));
    CHECK_THAT(error, Catch::Contains("already exists"));
    CHECK(std::filesystem::file_size(existing) == 3);  // untouched

    error.clear();
    log::KismetdbWriterOptions version7;
    version7.db_version = 7;
    CHECK_FALSE(log::KismetdbWriter::create(dir.file("v7.kismet"), version7, error));
    CHECK_THAT(error, Catch::Contains("kismetdb_version 7"));
    CHECK_FALSE(std::filesystem::exists(dir.file("v7.kismet")));

    error.clear();
    CHECK_FALSE(log::KismetdbWriter::create(dir.file("no-such-dir") / "x.kismet", {}, error));
    CHECK_FALSE(error.empty());
}
