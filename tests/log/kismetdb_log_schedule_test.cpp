// The log's periodic tasks on the engine's clock: devices, snapshots, GPS, retention and rotation.
#include <catch2/catch.hpp>

#include <optional>
#include <set>

#include <simdjson.h>

#include "kismetcore/log/kismetdb_log.h"
#include "kismetcore/log/kismetdb_reader.h"
#include "sqlite_rows.h"
#include "support/capture_files.h"
#include "support/shared_captures.h"

using namespace kismetcore;

namespace {

// An engine on a clock the test moves.
struct ClockedEngine {
    std::uint64_t clock = 1795369460;
    Engine engine{[this] {
        EngineConfig config;
        config.clock = [this] { return clock; };
        return config;
    }()};
};

std::filesystem::path capture_or_skip(const char* name) {
    const auto captures = testing::shared_captures_dir();
    if (captures.empty()) return {};
    return captures / name;
}

track::GpsFix fix_at(double lat, double lon) {
    track::GpsFix fix;
    fix.lat = lat;
    fix.lon = lon;
    fix.alt = 120;
    fix.speed = 3;
    fix.heading = 90;
    fix.fix = 3;
    return fix;
}

// A log of `clocked` into `dir`/`name`, never rotated.
log::KismetdbLog log_into(ClockedEngine& clocked, const testing::TempDir& dir, const char* name,
                          log::KismetdbLogOptions options = {}) {
    std::string error;
    auto writer = log::KismetdbWriter::create(dir.file(name), {}, error);
    REQUIRE(writer);
    return log::KismetdbLog(clocked.engine, std::move(writer), std::move(options));
}

// What a log holds before its first row: its tables' pages.
std::uint64_t empty_log_bytes(const testing::TempDir& dir) {
    std::string error;
    auto writer = log::KismetdbWriter::create(dir.file("empty.kismet"), {}, error);
    REQUIRE(writer);
    const std::uint64_t bytes = writer->committed_bytes();
    CHECK(bytes > 0);
    return bytes;
}

std::string count(const testing::SqliteFile& file, const std::string& table, const std::string& where = "1") {
    return file.value("SELECT count(*) FROM " + table + " WHERE " + where);
}

}  // namespace

TEST_CASE("devices, datasources and SYSTEM snapshots follow their rates on the engine clock", "[log][schedule]") {
    const auto capture = capture_or_skip("aircrack-ng__wpa2-psk-linksys.cap");
    if (capture.empty()) {
        WARN("shared captures not present");
        return;
    }
    ClockedEngine clocked;
    testing::TempDir dir;
    std::string error;
    log::KismetdbLogOptions options;
    options.device_rate = 10;
    options.system_status_rate = 20;
    options.datasource_rate = 0;  // off: the datasources are written at open and close only
    log::KismetdbLog log = log_into(clocked, dir, "rates.kismet", options);
    clocked.engine.feed_file(capture);
    log.flush();
    // Closed before the log: SQLite leaves WAL mode at close only when no other connection is open.
    auto file = std::make_optional<testing::SqliteFile>(dir.file("rates.kismet"));
    const auto count = [&file](const std::string& table, const std::string& where = "1") {
        return file->value("SELECT count(*) FROM " + table + " WHERE " + where);
    };
    // Nothing is due in the second the log opened.
    CHECK(count("devices") == "0");
    CHECK(count("snapshots") == "1");
    clocked.clock += 9;
    log.tick();
    log.flush();
    CHECK(count("devices") == "0");
    clocked.clock += 1;  // 10 s: the devices are due
    log.tick();
    log.flush();
    CHECK(count("devices") == "3");
    CHECK(count("snapshots") == "1");
    clocked.clock += 10;  // 20 s: a SYSTEM snapshot and devices again (none changed: no rows)
    log.tick();
    log.flush();
    CHECK(count("snapshots", "snaptype = 'SYSTEM'") == "2");
    CHECK(count("datasources") == "0");  // the file had no source yet as it opened, and the rate is off
    file.reset();
    REQUIRE(log.close(&error));
    CHECK(log.stats().rows.failed == 0);
    CHECK(testing::SqliteFile(dir.file("rates.kismet")).value("SELECT count(*) FROM datasources") == "1");
}

TEST_CASE("packets, messages and snapshots carry the host's fix, and GPS snapshots follow it", "[log][schedule]") {
    const auto capture = capture_or_skip("aircrack-ng__wpa2-psk-linksys.cap");
    if (capture.empty()) {
        WARN("shared captures not present");
        return;
    }
    ClockedEngine clocked;
    testing::TempDir dir;
    std::string error;
    log::KismetdbLog log = log_into(clocked, dir, "gps.kismet");
    clocked.engine.set_gps_fix(fix_at(48.8566, 2.3522), "a0b1c2d3-0000-0000-0000-000000000001");
    clocked.clock += 1;
    log.tick();  // the fix reaches the messages' location
    clocked.engine.feed_file(capture);
    clocked.clock += 1;
    log.tick();
    clocked.engine.set_gps_fix(std::nullopt);
    clocked.clock += 1;
    log.tick();  // no fix: no GPS snapshot
    REQUIRE(log.close(&error));

    const testing::SqliteFile file(dir.file("gps.kismet"));
    CHECK(count(file, "packets") == "499");
    CHECK(count(file, "packets", "lat = 48.8566 AND lon = 2.3522 AND alt = 120 AND speed = 3 AND heading = 90") ==
          "499");
    CHECK(count(file, "messages", "message LIKE 'Detected new 802.11%' AND lat = 48.8566 AND lon = 2.3522") == "3");
    const auto gps = file.rows("SELECT ts_sec, lat, lon, json FROM snapshots WHERE snaptype = 'GPS' ORDER BY rowid");
    REQUIRE(gps.size() == 2);  // at the ticks of the 2nd and 3rd second, while the fix was set
    CHECK(gps[0][1] == "48.8566");
    CHECK(gps[0][2] == "2.3522");
    simdjson::dom::parser parser;
    simdjson::dom::element record;
    REQUIRE(parser.parse(gps[0][3]).get(record) == simdjson::SUCCESS);
    CHECK(std::string(record["kismet.gps.uuid"].get_string().value()) == "a0b1c2d3-0000-0000-0000-000000000001");
    const auto geopoint = record["kismet.gps.last_location"]["kismet.common.location.geopoint"].get_array();
    REQUIRE(geopoint.error() == simdjson::SUCCESS);
    CHECK(geopoint.at(0).get_double().value() == Approx(2.3522));
    CHECK(geopoint.at(1).get_double().value() == Approx(48.8566));
}

TEST_CASE("kis_log_*_timeout deletes the rows older than the timeout every minute", "[log][schedule]") {
    const auto capture = capture_or_skip("aircrack-ng__wpa2-psk-linksys.cap");
    if (capture.empty()) {
        WARN("shared captures not present");
        return;
    }
    ClockedEngine clocked;
    testing::TempDir dir;
    std::string error;
    log::KismetdbLogOptions options;
    options.packet_timeout = 3600;
    options.message_timeout = 30;
    options.snapshot_timeout = 30;
    options.alert_timeout = 30;
    options.device_timeout = 30;
    log::KismetdbLog log = log_into(clocked, dir, "retention.kismet", options);
    clocked.engine.feed_file(capture);  // packets of 2006; messages, alerts and snapshots stamped by the clock
    log.write_devices();
    log.flush();
    auto opened = std::make_optional<testing::SqliteFile>(dir.file("retention.kismet"));
    const testing::SqliteFile& file = *opened;
    CHECK(count(file, "packets") == "499");
    CHECK(count(file, "messages") != "0");
    CHECK(count(file, "alerts") == "1");
    CHECK(count(file, "devices") == "3");

    // The first task run deletes the packets older than an hour before the clock: all of them.
    clocked.clock += 1;
    log.tick();
    log.flush();
    CHECK(count(file, "packets") == "0");
    CHECK(count(file, "messages") != "0");  // 30 s have not passed
    // 30 s later the rest is old too, but retention runs once a minute: at 61 s it goes. Devices go by last_time,
    // which is the capture's (2006).
    clocked.clock += 30;
    log.tick();
    log.flush();
    CHECK(count(file, "messages") != "0");
    clocked.clock += 30;
    log.tick();
    log.flush();
    CHECK(count(file, "messages", "ts_sec < " + std::to_string(clocked.clock - 30)) == "0");
    CHECK(count(file, "alerts") == "0");
    CHECK(count(file, "devices") == "0");
    CHECK(count(file, "snapshots", "ts_sec < " + std::to_string(clocked.clock - 30)) == "0");
    opened.reset();
    REQUIRE(log.close(&error));
    CHECK(log.stats().rows.failed == 0);
}

TEST_CASE("a log opened by its template rotates by size into complete logs", "[log][schedule]") {
    const auto capture = capture_or_skip("aircrack-ng__wpa2-psk-linksys.cap");
    if (capture.empty()) {
        WARN("shared captures not present");
        return;
    }
    ClockedEngine clocked;
    testing::TempDir dir;
    log::LogNaming naming;
    naming.prefix = dir.path().string();
    naming.title = "rotating";
    std::string error;
    // Commits only at rotations and close, so the sizes the log sees do not depend on the machine's speed.
    log::KismetdbWriterOptions writer_options;
    writer_options.commit_interval = std::chrono::hours(1);
    log::KismetdbLogOptions options;
    const std::uint64_t empty = empty_log_bytes(dir);
    options.rotate_bytes = empty + 32 * 1024;
    auto log = log::KismetdbLog::open(clocked.engine, naming, writer_options, options, error);
    REQUIRE(log);
    clocked.engine.feed_file(capture);  // 499 packets, about 110 KiB of rows
    REQUIRE(log->close(&error));

    const auto& paths = log->paths();
    REQUIRE(paths.size() >= 3);
    CHECK(log->stats().files == paths.size());
    std::set<std::string> names;
    std::set<std::string> packet_ids;
    std::uint64_t packets = 0;
    for (const auto& path : paths) {
        CAPTURE(path);
        // Kismet's default template, the increment counting up within the second.
        CHECK(path.filename().string().find("rotating-") == 0);
        names.insert(path.string());
        // Each file is a whole log on its own: the reader opens it, and it has its SYSTEM snapshot and sources.
        std::string reader_error;
        auto reader = log::KismetdbReader::open(path, reader_error);
        REQUIRE(reader);
        const testing::SqliteFile file(path);
        CHECK(file.value("PRAGMA integrity_check") == "ok");
        CHECK(count(file, "snapshots", "snaptype = 'SYSTEM'") == "1");
        CHECK(count(file, "datasources") == "1");
        CHECK(count(file, "packets") != "0");
        packets += std::stoull(count(file, "packets"));
        for (const auto& row : file.rows("SELECT packetid FROM packets")) packet_ids.insert(row[0]);
        if (path != paths.back()) {
            // Rotated once it was about to pass the limit: within a packet and a few pages of it.
            CHECK(std::filesystem::file_size(path) < options.rotate_bytes + 4 * 65536);
        }
    }
    CHECK(names.size() == paths.size());
    CHECK(packets == 499);
    // The files together number the packets as one log would: 334 frames and their duplicates.
    CHECK(packet_ids.size() == 334);
    CHECK(log->stats().rows.failed == 0);
}

TEST_CASE("rotation by age, and a next file that cannot be made loses nothing", "[log][schedule]") {
    const auto capture = capture_or_skip("aircrack-ng__wpa2-psk-linksys.cap");
    if (capture.empty()) {
        WARN("shared captures not present");
        return;
    }
    ClockedEngine clocked;
    testing::TempDir dir;
    log::LogNaming naming;
    naming.prefix = dir.path().string();
    naming.log_template = "%p/fixed.%l";  // the same name every time: the second file cannot be made
    log::KismetdbLogOptions options;
    options.rotate_seconds = 50;
    std::string error;
    auto log = log::KismetdbLog::open(clocked.engine, naming, {}, options, error);
    REQUIRE(log);
    std::vector<std::string> errors;
    clocked.engine.messages().add_listener([&errors](const bus::Message& message) {
        if ((message.flags & bus::message_flag::kError) != 0) errors.push_back(message.text);
    });
    clocked.engine.feed_file(capture);
    clocked.clock += 49;
    log->tick();
    CHECK(log->paths().size() == 1);
    clocked.clock += 1;
    log->tick();
    CHECK(log->paths().size() == 1);
    CHECK(log->stats().failed_rotations == 1);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("cannot start the next log file") != std::string::npos);
    REQUIRE(log->close(&error));
    const testing::SqliteFile file(dir.file("fixed.kismet"));
    CHECK(count(file, "packets") == "499");
    CHECK(count(file, "devices") == "3");

    // With an increment in the name, age rotates.
    ClockedEngine aging;
    naming.log_template = "%p/aging-%i.%l";
    auto rotating = log::KismetdbLog::open(aging.engine, naming, {}, options, error);
    REQUIRE(rotating);
    aging.engine.feed_file(capture);
    aging.clock += 50;
    rotating->tick();
    REQUIRE(rotating->paths().size() == 2);
    CHECK(rotating->paths()[1] == dir.path() / "aging-2.kismet");
    REQUIRE(rotating->close(&error));
    const testing::SqliteFile finished(dir.file("aging-1.kismet"));
    CHECK(count(finished, "packets") == "499");
    CHECK(count(finished, "devices") == "3");  // the devices were brought up to date before the file closed
}

TEST_CASE("size rotation under a steady stream commits every packet to exactly one file", "[log][schedule]") {
    const auto capture = capture_or_skip("aircrack-ng__pmkid-not-recognized.cap");
    if (capture.empty()) {
        WARN("shared captures not present");
        return;
    }
    ClockedEngine clocked;
    testing::TempDir dir;
    log::LogNaming naming;
    naming.prefix = dir.path().string();
    log::KismetdbWriterOptions writer_options;
    writer_options.commit_interval = std::chrono::milliseconds(1);
    log::KismetdbLogOptions options;
    options.rotate_bytes = empty_log_bytes(dir) + 256 * 1024;
    std::string error;
    auto log = log::KismetdbLog::open(clocked.engine, naming, writer_options, options, error);
    REQUIRE(log);
    for (int pass = 0; pass < 3; ++pass) {
        // Each pass in a later second, so the duplicate filter and the device writes see time move.
        clocked.engine.feed_file(capture);
        clocked.clock += 1;
        log->tick();
    }
    REQUIRE(log->close(&error));
    std::uint64_t packets = 0;
    for (const auto& path : log->paths()) {
        const testing::SqliteFile file(path);
        CHECK(file.value("PRAGMA integrity_check") == "ok");
        packets += std::stoull(count(file, "packets"));
    }
    CHECK(log->paths().size() >= 2);
    CHECK(packets == clocked.engine.stats().packets);
    CHECK(log->stats().rows.written == log->stats().rows.queued);
}
