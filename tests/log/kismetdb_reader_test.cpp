// The reader opens Kismet's logs and ours, filters by time and device, and refuses what is no kismetdb.
#include <catch2/catch.hpp>

#include <simdjson.h>
#include <sqlite3.h>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/log/kismetdb_log.h"
#include "kismetcore/log/kismetdb_reader.h"
#include "support/capture_files.h"
#include "support/kismet_samples.h"

using namespace kismetcore;

namespace {

constexpr const char* kSample = "wpa2-psk-linksys";

std::filesystem::path kismets_log() {
    const auto samples = testing::kismet_samples_dir();
    return samples.empty() ? std::filesystem::path() : samples / kSample / (std::string(kSample) + ".kismet");
}

std::unique_ptr<log::KismetdbReader> open_log(const std::filesystem::path& path) {
    std::string error;
    auto reader = log::KismetdbReader::open(path, error);
    INFO(error);
    REQUIRE(reader);
    return reader;
}

std::vector<log::LoggedPacket> all_packets(const log::KismetdbReader& reader, const log::LogQuery& query = {}) {
    std::vector<log::LoggedPacket> packets;
    std::string error;
    CHECK(reader.packets(
        query,
        [&packets](const log::LoggedPacket& packet) {
            packets.push_back(packet);
            return true;
        },
        error));
    CHECK(error.empty());
    return packets;
}

// A log of `capture` at `db_version`, written by the library.
std::filesystem::path our_log(const testing::TempDir& dir, const std::filesystem::path& capture, int db_version) {
    Engine engine;
    const auto path = dir.file("ours-" + std::to_string(db_version) + ".kismet");
    std::string error;
    log::KismetdbWriterOptions options;
    options.db_version = db_version;
    auto writer = log::KismetdbWriter::create(path, options, error);
    REQUIRE(writer);
    log::KismetdbLog log(engine, std::move(writer));
    engine.feed_file(capture);
    REQUIRE(log.close());
    return path;
}

void execute(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

}  // namespace

TEST_CASE("the reader reads Kismet's own log", "[log]") {
    const auto path = kismets_log();
    if (path.empty()) {
        WARN("kismet-samples not present");
        return;
    }
    const auto reader = open_log(path);
    CHECK(reader->info().db_version == 9);
    CHECK(reader->info().kismet_version == "2025.09.0");
    CHECK(reader->info().db_module == "kismetlog");

    const auto packets = all_packets(*reader);
    REQUIRE(packets.size() == 499);
    CHECK(packets[0].ts_sec == 1146709178);
    CHECK(packets[0].ts_usec == 924134);
    CHECK(packets[0].source == "00:13:CE:55:98:EF");
    CHECK(packets[0].dlt == 105);
    CHECK(packets[0].bytes.size() == 24);
    CHECK(packets[0].full_length == 24);
    CHECK(packets[0].hash == 1546692844);

    std::string error;
    std::size_t devices = 0;
    simdjson::dom::parser parser;
    CHECK(reader->devices(
        {},
        [&](const log::LoggedDevice& device) {
            ++devices;
            simdjson::dom::element record;
            CHECK(parser.parse(device.json).get(record) == simdjson::SUCCESS);
            CHECK(std::string(record["kismet.device.base.macaddr"].get_string().value()) == device.devmac);
            return true;
        },
        error));
    CHECK(devices == 3);
    std::vector<std::string> headers;
    CHECK(reader->alerts(
        {},
        [&headers](const log::LoggedAlert& alert) {
            headers.push_back(alert.header);
            return true;
        },
        error));
    CHECK(headers == std::vector<std::string>{"ROOTUSER", "NOCLIENTMFP"});
    std::size_t messages = 0;
    CHECK(reader->messages(
        {},
        [&messages](const log::LoggedMessage&) {
            ++messages;
            return true;
        },
        error));
    CHECK(messages == 15);
    std::vector<std::string> snapshots;
    CHECK(reader->snapshots(
        {},
        [&snapshots](const log::LoggedSnapshot& snapshot) {
            snapshots.push_back(snapshot.snaptype);
            return true;
        },
        error));
    CHECK(snapshots == std::vector<std::string>{"SYSTEM"});
    std::vector<std::string> sources;
    CHECK(reader->datasources(
        [&sources](const log::LoggedDatasource& source) {
            sources.push_back(source.typestring);
            return true;
        },
        error));
    CHECK(sources == std::vector<std::string>{"pcapfile"});
    CHECK(error.empty());
}

TEST_CASE("a query narrows the rows by time and by device", "[log]") {
    const auto path = kismets_log();
    if (path.empty()) {
        WARN("kismet-samples not present");
        return;
    }
    const auto reader = open_log(path);
    const auto all = all_packets(*reader);
    log::LogQuery window;
    window.since = 1146709180;
    window.until = 1146709182;
    const auto in_window = all_packets(*reader, window);
    const auto expected_in_window = std::count_if(all.begin(), all.end(), [](const log::LoggedPacket& packet) {
        return packet.ts_sec >= 1146709180 && packet.ts_sec <= 1146709182;
    });
    CHECK(in_window.size() == static_cast<std::size_t>(expected_in_window));
    CHECK(in_window.size() > 0);
    CHECK(in_window.size() < all.size());

    log::LogQuery one_device;
    one_device.device = MacAddress::parse("00:0f:66:e3:e4:01");
    const auto of_device = all_packets(*reader, one_device);
    const auto expected_of_device = std::count_if(all.begin(), all.end(), [](const log::LoggedPacket& packet) {
        return packet.source == "00:0F:66:E3:E4:01" || packet.destination == "00:0F:66:E3:E4:01" ||
               packet.transmitter == "00:0F:66:E3:E4:01";
    });
    CHECK(of_device.size() == static_cast<std::size_t>(expected_of_device));
    CHECK(of_device.size() > 0);

    std::vector<std::string> devmacs;
    std::string error;
    CHECK(reader->devices(
        one_device,
        [&devmacs](const log::LoggedDevice& device) {
            devmacs.push_back(device.devmac);
            return true;
        },
        error));
    CHECK(devmacs == std::vector<std::string>{"00:0F:66:E3:E4:01"});

    // A visitor that says stop is not called again.
    std::size_t visited = 0;
    CHECK(reader->packets(
        {},
        [&visited](const log::LoggedPacket&) {
            ++visited;
            return visited < 10;
        },
        error));
    CHECK(visited == 10);
}

TEST_CASE("our log reads back the capture's packets byte for byte, at version 9 and 8", "[log]") {
    const auto capture = testing::capture_of_sample(kSample);
    if (capture.empty()) {
        WARN("shared captures not present");
        return;
    }
    std::vector<capture::Packet> originals;
    std::string error;
    auto file = capture::CaptureFileReader::open(capture, 0, error);
    REQUIRE(file);
    for (capture::Packet packet; file->next(packet) == capture::ReadResult::packet;) originals.push_back(packet);

    for (const int version : {9, 8}) {
        CAPTURE(version);
        testing::TempDir dir;
        const auto reader = open_log(our_log(dir, capture, version));
        CHECK(reader->info().db_version == version);
        const auto packets = all_packets(*reader);
        REQUIRE(packets.size() == originals.size());
        for (std::size_t i = 0; i < packets.size(); ++i) {
            CAPTURE(i);
            CHECK(packets[i].ts_sec == originals[i].ts_sec);
            CHECK(packets[i].ts_usec == originals[i].ts_usec);
            CHECK(packets[i].dlt == originals[i].dlt);
            CHECK(packets[i].bytes == originals[i].data);
            // Version 8 has no packet_full_len: it reads as 0, "not said".
            CHECK(packets[i].full_length == (version == 9 ? originals[i].captured_length() : 0U));
        }
    }
}

TEST_CASE("the reader refuses what is not a readable kismetdb, with the reason", "[log]") {
    testing::TempDir dir;
    std::string error;

    CHECK_FALSE(log::KismetdbReader::open(dir.file("missing.kismet"), error));
    CHECK_THAT(error, Catch::Contains("no such file"));

    const auto empty = dir.file("empty.kismet");
    testing::write_file(empty, std::vector<std::uint8_t>{});
    error.clear();
    CHECK_FALSE(log::KismetdbReader::open(empty, error));
    CHECK_THAT(error, Catch::Contains("not a kismetdb"));

    const auto garbage = dir.file("garbage.kismet");
    testing::write_file(garbage, testing::test_frame(4096, 7));
    error.clear();
    CHECK_FALSE(log::KismetdbReader::open(garbage, error));
    CHECK_THAT(error, Catch::Contains("not a database"));

    const auto other = dir.file("other.sqlite");
    execute(other, "CREATE TABLE notes (text TEXT)");
    error.clear();
    CHECK_FALSE(log::KismetdbReader::open(other, error));
    CHECK_THAT(error, Catch::Contains("not a kismetdb"));

    for (const int version : {4, 11}) {
        const auto path = dir.file("v" + std::to_string(version) + ".kismet");
        execute(path, ("CREATE TABLE KISMET (kismet_version TEXT, db_version INT, db_module TEXT);"
                       "INSERT INTO KISMET VALUES ('2019.01.1', " +
                       std::to_string(version) + ", 'kismetlog')")
                          .c_str());
        error.clear();
        CHECK_FALSE(log::KismetdbReader::open(path, error));
        CHECK_THAT(error, Catch::Contains("kismetdb version " + std::to_string(version) + " is not readable"));
    }
}

TEST_CASE("a truncated log fails with SQLite's reason, never silently", "[log]") {
    const auto capture = testing::capture_of_sample(kSample);
    if (capture.empty()) {
        WARN("shared captures not present");
        return;
    }
    testing::TempDir dir;
    const auto path = our_log(dir, capture, 9);
    testing::truncate_file(path, std::filesystem::file_size(path) / 2);
    std::string error;
    auto reader = log::KismetdbReader::open(path, error);
    if (!reader) {
        CHECK_FALSE(error.empty());
        return;
    }
    std::size_t packets = 0;
    const bool read_whole = reader->packets(
        {},
        [&packets](const log::LoggedPacket&) {
            ++packets;
            return true;
        },
        error);
    CHECK_FALSE(read_whole);
    CHECK_THAT(error, Catch::Contains("malformed"));
    CHECK(packets < 499);
}
