// An engine's kismetdb log holds what Kismet's own log of the same capture holds, column for column.
#include <catch2/catch.hpp>

#include <optional>

#include <simdjson.h>

#include "kismetcore/log/kismetdb_log.h"
#include "sqlite_rows.h"
#include "support/capture_files.h"
#include "support/kismet_samples.h"
#include "support/shared_captures.h"

using namespace kismetcore;

namespace {

constexpr const char* kSample = "wpa2-psk-linksys";

struct LoggedCapture {
    std::filesystem::path log;
    Engine::FileResult read;
};

LoggedCapture log_capture(const testing::TempDir& dir, const std::filesystem::path& capture,
                          log::KismetdbLogOptions options = {}, int db_version = log::kKismetdbVersion) {
    EngineConfig config;
    config.clock = [] { return std::uint64_t{1795369460}; };
    Engine engine(config);
    LoggedCapture logged;
    logged.log = dir.file("capture.kismet");
    std::string error;
    log::KismetdbWriterOptions writer_options;
    writer_options.db_version = db_version;
    auto writer = log::KismetdbWriter::create(logged.log, writer_options, error);
    REQUIRE(writer);
    log::KismetdbLog log(engine, std::move(writer), std::move(options));
    logged.read = engine.feed_file(capture);
    REQUIRE(log.close(&error));
    CHECK(log.writer().stats().failed == 0);
    return logged;
}

// Our log of the sample capture, made in `dir` and opened with Kismet's log of the same capture attached as
// `kismet`; nullopt (with a warning) when the samples or the captures are absent.
std::optional<testing::SqliteFile> log_beside_kismets(const testing::TempDir& dir) {
    const auto samples = testing::kismet_samples_dir();
    const auto capture = testing::capture_of_sample(kSample);
    if (samples.empty() || capture.empty()) {
        WARN("kismet-samples or shared captures not present");
        return std::nullopt;
    }
    const auto logged = log_capture(dir, capture);
    CHECK(logged.read.error.empty());
    testing::SqliteFile file(logged.log);
    const auto kismet = samples / kSample / (std::string(kSample) + ".kismet");
    REQUIRE(file.rows("ATTACH '" + kismet.string() + "' AS kismet").empty());
    return file;
}

}  // namespace

TEST_CASE("every packet row matches Kismet's log of the same capture", "[log]") {
    testing::TempDir dir;
    const auto logged = log_beside_kismets(dir);
    if (!logged) return;
    const testing::SqliteFile& file = *logged;
    CHECK(file.value("SELECT count(*) FROM main.packets") == "499");
    CHECK(file.value("SELECT count(*) FROM kismet.packets") == "499");
    // Kismet numbers packets its own way and names its source by its UUID; the rest must be equal, tags included:
    // the frame's own, the tracker's SSID tags and the rules' alert tags.
    const std::string columns =
        "ts_sec, ts_usec, phyname, sourcemac, destmac, transmac, frequency, devkey, lat, lon, alt, speed, heading, "
        "packet_len, signal, dlt, packet, error, datarate, hash, packet_full_len, tags";
    const auto ours_only = file.rows("SELECT ts_sec, ts_usec, tags FROM (SELECT " + columns +
                                     " FROM main.packets EXCEPT SELECT " + columns + " FROM kismet.packets)");
    const auto theirs_only = file.rows("SELECT ts_sec, ts_usec, tags FROM (SELECT " + columns +
                                       " FROM kismet.packets EXCEPT SELECT " + columns + " FROM main.packets)");
    // But for one: the AP answered two probes 25 ms apart, and Kismet's threads met the later response first, so
    // its SSID record, and the tag, came from that one (docs/compatibility.md, thread order).
    using Rows = std::vector<testing::SqliteFile::Row>;
    CHECK(ours_only == Rows{{"1146709179", "673849", "DOT11_RESPONSE_SSID"}, {"1146709179", "698559", ""}});
    CHECK(theirs_only == Rows{{"1146709179", "673849", ""}, {"1146709179", "698559", "DOT11_RESPONSE_SSID"}});
    CHECK(file.value("SELECT group_concat(tags, '|') FROM (SELECT tags FROM main.packets WHERE tags LIKE '%SSID%' "
                     "OR tags LIKE '%ALERT%' ORDER BY rowid)") ==
          "DOT11_BEACON_SSID|DOT11_RESPONSE_SSID|DOT11_PROBE_REQ ALERT ALERT_NOCLIENTMFP");
    // Every packet names the capture's datasource.
    CHECK(file.value("SELECT count(*) FROM main.packets WHERE datasource = (SELECT uuid FROM main.datasources)") ==
          "499");
    // Packets are numbered in order, and a duplicate shares its original's number, as in Kismet's log: packets
    // Kismet numbered alike are numbered alike here. Kismet gave four of the duplicates numbers of their own, as
    // its threads met them before their originals (docs/compatibility.md); those are the only differences.
    CHECK(file.value("SELECT min(packetid) || ' ' || max(packetid) || ' ' || count(DISTINCT packetid) FROM "
                     "main.packets") == "1 334 334");
    CHECK(file.value("SELECT count(*) FROM (SELECT min(packetid), max(packetid) FROM main.packets GROUP BY packetid "
                     "HAVING count(DISTINCT hash) > 1 OR count(DISTINCT packet_len) > 1)") == "0");
    const std::string pairs =
        "SELECT ours.packetid AS ours, theirs.packetid AS theirs FROM main.packets AS ours JOIN kismet.packets AS "
        "theirs USING (ts_sec, ts_usec)";
    CHECK(file.value("SELECT count(*) FROM (" + pairs + ")") == "499");
    CHECK(file.value("SELECT count(*) FROM (SELECT theirs FROM (" + pairs +
                     ") GROUP BY theirs HAVING count(DISTINCT ours) > 1)") == "0");
    CHECK(file.value("SELECT count(DISTINCT theirs) - count(DISTINCT ours) FROM (" + pairs + ")") == "4");
}

TEST_CASE("the device rows match Kismet's and carry the full device record", "[log]") {
    testing::TempDir dir;
    const auto logged = log_beside_kismets(dir);
    if (!logged) return;
    const testing::SqliteFile& file = *logged;
    // first_time and type are the tracker's, which differ from Kismet's on this capture (docs/compatibility.md:
    // Kismet types clients of association frames ad-hoc); the loop below checks them against the record.
    const std::string columns =
        "last_time, phyname, devmac, strongest_signal, min_lat, min_lon, max_lat, max_lon, "
        "avg_lat, avg_lon, bytes_data";
    CHECK(file.value("SELECT count(*) FROM main.devices") == "3");
    CHECK(file.rows("SELECT " + columns + " FROM main.devices EXCEPT SELECT " + columns + " FROM kismet.devices")
              .empty());
    CHECK(file.rows("SELECT " + columns + " FROM kismet.devices EXCEPT SELECT " + columns + " FROM main.devices")
              .empty());

    simdjson::dom::parser parser;
    for (const auto& row : file.rows("SELECT devkey, devmac, device, first_time, type FROM main.devices")) {
        CAPTURE(row[1]);
        simdjson::dom::element device;
        REQUIRE(parser.parse(row[2]).get(device) == simdjson::SUCCESS);
        CHECK(std::string(device["kismet.device.base.key"].get_string().value()) == row[0]);
        CHECK(std::string(device["kismet.device.base.macaddr"].get_string().value()) == row[1]);
        CHECK(std::to_string(device["kismet.device.base.first_time"].get_uint64().value()) == row[3]);
        CHECK(std::string(device["kismet.device.base.type"].get_string().value()) == row[4]);
    }
}

TEST_CASE("datasources, alerts, messages and the SYSTEM snapshot are logged", "[log]") {
    const auto capture = testing::capture_of_sample(kSample);
    if (capture.empty()) {
        WARN("shared captures not present");
        return;
    }
    testing::TempDir dir;
    const auto logged = log_capture(dir, capture);
    testing::SqliteFile file(logged.log);
    simdjson::dom::parser parser;

    const auto sources = file.rows("SELECT uuid, typestring, definition, interface, json FROM datasources");
    REQUIRE(sources.size() == 1);
    CHECK(sources[0][1] == "pcapfile");
    CHECK(sources[0][2] == capture.string());
    CHECK(sources[0][3] == capture.string());
    simdjson::dom::element source;
    REQUIRE(parser.parse(sources[0][4]).get(source) == simdjson::SUCCESS);
    CHECK(std::string(source["kismet.datasource.uuid"].get_string().value()) == sources[0][0]);
    CHECK(source["kismet.datasource.num_packets"].get_uint64().value() == 499);

    // Kismet raised NOCLIENTMFP once on this capture (and ROOTUSER, for running as root).
    const auto alerts = file.rows("SELECT header, phyname, devmac, json FROM alerts");
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0][0] == "NOCLIENTMFP");
    CHECK(alerts[0][1] == "IEEE802.11");
    CHECK(alerts[0][2] == "00:0B:86:C2:A4:85");
    simdjson::dom::element alert;
    REQUIRE(parser.parse(alerts[0][3]).get(alert) == simdjson::SUCCESS);
    CHECK(std::string(alert["kismet.alert.header"].get_string().value()) == "NOCLIENTMFP");

    CHECK(file.value("SELECT count(*) FROM messages WHERE msgtype = 'INFO' AND message LIKE 'Detected new 802.11%'") ==
          "3");
    // The alert's own message carries only the ALERT flag, which Kismet's msgtype leaves empty.
    CHECK(file.value("SELECT msgtype FROM messages WHERE message LIKE 'NOCLIENTMFP %'") == "");

    const auto snapshots = file.rows("SELECT snaptype, json FROM snapshots");
    REQUIRE(snapshots.size() == 1);
    CHECK(snapshots[0][0] == "SYSTEM");
    simdjson::dom::element system;
    REQUIRE(parser.parse(snapshots[0][1]).get(system) == simdjson::SUCCESS);
    for (const char* field :
         {"kismet.system.version", "kismet.system.git", "kismet.system.server_uuid", "kismet.system.server_name",
          "kismet.system.server_location", "kismet.system.server_description", "kismet.system.user"}) {
        CAPTURE(field);
        CHECK(system[field].is_string());
    }
}

TEST_CASE("write_devices() writes the devices changed since its last call", "[log]") {
    const auto capture = testing::capture_of_sample(kSample);
    if (capture.empty()) {
        WARN("shared captures not present");
        return;
    }
    std::uint64_t clock = 100;
    EngineConfig config;
    config.clock = [&clock] { return clock; };
    Engine engine(config);
    testing::TempDir dir;
    std::string error;
    auto writer = log::KismetdbWriter::create(dir.file("devices.kismet"), {}, error);
    REQUIRE(writer);
    log::KismetdbLog log(engine, std::move(writer));
    engine.feed_file(capture);
    CHECK(log.write_devices() == 3);  // the first call writes every device
    clock = 200;
    CHECK(log.write_devices() == 3);  // changed in the second of the last write (100): written again
    clock = 300;
    CHECK(log.write_devices() == 0);  // nothing changed since 200
    // Another capture of the same network at 300: a fourth device, and the three again (the same capture again
    // would be dropped by the duplicate filter).
    engine.feed_file(testing::capture_of_sample("wpa-psk-linksys"));
    REQUIRE(engine.all_devices().size() == 4);
    clock = 400;
    CHECK(log.write_devices() == 4);
    REQUIRE(log.close());
    CHECK(log.writer().stats().written == log.writer().stats().queued);
}

TEST_CASE("kis_log options leave out what they turn off", "[log]") {
    const auto capture = testing::capture_of_sample(kSample);
    if (capture.empty()) {
        WARN("shared captures not present");
        return;
    }
    {
        testing::TempDir dir;
        log::KismetdbLogOptions options;
        options.log_data_packets = false;
        const auto logged = log_capture(dir, capture, options);
        const testing::SqliteFile file(logged.log);
        // 499 packets, of which 208 are data frames (type 2: frame control 0x08 or 0x48 on this capture).
        CHECK(file.value("SELECT count(*) FROM packets") == "291");
        CHECK(file.value("SELECT count(*) FROM packets WHERE (unicode(substr(packet, 1, 1)) & 12) = 8") == "0");
        CHECK(file.value("SELECT count(*) FROM devices") == "3");
    }
    {
        testing::TempDir dir;
        log::KismetdbLogOptions options;
        options.log_packets = false;
        options.log_devices = false;
        options.log_alerts = false;
        options.log_messages = false;
        const auto logged = log_capture(dir, capture, options);
        const testing::SqliteFile file(logged.log);
        CHECK(file.value("SELECT (SELECT count(*) FROM packets) + (SELECT count(*) FROM devices) + (SELECT count(*) "
                         "FROM alerts) + (SELECT count(*) FROM messages)") == "0");
        CHECK(file.value("SELECT count(*) FROM datasources") == "1");
    }
}

TEST_CASE("kis_log_duplicate_packets=false leaves out the frames the duplicate filter dropped", "[log]") {
    const auto captures = testing::shared_captures_dir();
    if (captures.empty()) {
        WARN("shared captures not present");
        return;
    }
    // A capture with many retransmitted frames.
    const auto capture = captures / "aircrack-ng__pmkid-not-recognized.cap";
    Engine counting;
    counting.feed_file(capture);
    const std::uint64_t duplicates = counting.stats().duplicates;
    REQUIRE(duplicates > 1000);

    testing::TempDir all_dir;
    const auto all = log_capture(all_dir, capture);
    CHECK(testing::SqliteFile(all.log).value("SELECT count(*) FROM packets") == std::to_string(all.read.packets));

    testing::TempDir kept_dir;
    log::KismetdbLogOptions options;
    options.log_duplicate_packets = false;
    const auto kept = log_capture(kept_dir, capture, options);
    CHECK(testing::SqliteFile(kept.log).value("SELECT count(*) FROM packets") ==
          std::to_string(kept.read.packets - duplicates));
}

TEST_CASE("a damaged capture logs every packet before the damage and says why it stopped", "[log]") {
    const auto captures = testing::shared_captures_dir();
    if (captures.empty()) {
        WARN("shared captures not present");
        return;
    }
    testing::TempDir dir;
    const auto logged = log_capture(dir, captures / "aircrack-ng__pmkid-not-recognized.cap");
    CHECK_THAT(logged.read.error, Catch::Contains("truncated record"));
    CHECK(logged.read.packets > 0);
    const testing::SqliteFile file(logged.log);
    CHECK(file.value("SELECT count(*) FROM packets") == std::to_string(logged.read.packets));
    CHECK(file.value("PRAGMA integrity_check") == "ok");

    testing::TempDir missing_dir;
    const auto missing = log_capture(missing_dir, captures / "no-such-capture.pcap");
    CHECK_FALSE(missing.read.error.empty());
    CHECK(missing.read.packets == 0);
}
