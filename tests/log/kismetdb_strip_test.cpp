// strip_kismetdb_packets refuses what it must not touch and leaves nothing behind when it fails.
#include <catch2/catch.hpp>

#include <array>

#include "kismetcore/log/kismetdb_strip.h"
#include "kismetcore/log/kismetdb_writer.h"
#include "sqlite_rows.h"
#include "support/capture_files.h"

using namespace kismetcore;

TEST_CASE("stripping a log keeps its other rows and refuses what it must not touch", "[log]") {
    testing::TempDir dir;
    const auto log_path = dir.file("full.kismet");
    std::string error;
    auto writer = log::KismetdbWriter::create(log_path, {}, error);
    REQUIRE(writer);
    log::PacketRow packet;
    packet.phyname = "IEEE802.11";
    const std::array<std::uint8_t, 3> bytes{1, 2, 3};
    packet.packet = bytes;
    writer->write(packet);
    log::MessageRow message;
    message.msgtype = "INFO";
    message.message = "kept";
    writer->write(message);
    REQUIRE(writer->close());

    const auto stripped = dir.file("stripped.kismet");
    REQUIRE(log::strip_kismetdb_packets(log_path, stripped, error));
    const testing::SqliteFile file(stripped);
    CHECK(file.value("SELECT count(*) FROM packets") == "0");
    CHECK(file.value("SELECT message FROM messages") == "kept");
    CHECK(file.value("SELECT db_version FROM KISMET") == "9");
    CHECK(testing::SqliteFile(log_path).value("SELECT count(*) FROM packets") == "1");  // the input is untouched

    CHECK_FALSE(log::strip_kismetdb_packets(log_path, stripped, error));
    CHECK_THAT(error, Catch::Contains("already exists"));

    const auto not_a_log = dir.file("not-a-log.kismet");
    testing::write_file(not_a_log, testing::test_frame(2048, 3));
    error.clear();
    CHECK_FALSE(log::strip_kismetdb_packets(not_a_log, dir.file("out.kismet"), error));
    CHECK_THAT(error, Catch::Contains("not a database"));
    CHECK_FALSE(std::filesystem::exists(dir.file("out.kismet")));
}
