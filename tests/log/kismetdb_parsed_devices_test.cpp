// The reader's devices with their records parsed by simdjson.
#include <catch2/catch.hpp>

#include <set>

#include "kismetcore/log/kismetdb_log.h"
#include "kismetcore/log/kismetdb_parsed_devices.h"
#include "sqlite_rows.h"
#include "support/capture_files.h"
#include "support/shared_captures.h"

using namespace kismetcore;

namespace {

std::filesystem::path log_of(const testing::TempDir& dir, const std::filesystem::path& capture) {
    Engine engine;
    std::string error;
    const auto path = dir.file("devices.kismet");
    auto writer = log::KismetdbWriter::create(path, {}, error);
    REQUIRE(writer);
    log::KismetdbLog log(engine, std::move(writer));
    engine.feed_file(capture);
    REQUIRE(log.close(&error));
    return path;
}

}  // namespace

TEST_CASE("visit_parsed_devices gives each logged device's record as a simdjson element", "[log][reader]") {
    const auto captures = testing::shared_captures_dir();
    if (captures.empty()) {
        WARN("shared captures not present");
        return;
    }
    testing::TempDir dir;
    const auto path = log_of(dir, captures / "aircrack-ng__wpa2-psk-linksys.cap");
    std::string error;
    auto reader = log::KismetdbReader::open(path, error);
    REQUIRE(reader);
    simdjson::dom::parser parser;
    std::set<std::string> macs;
    REQUIRE(log::visit_parsed_devices(
        *reader, {}, parser,
        [&macs](const log::LoggedDevice& device, simdjson::dom::element record) {
            CHECK(std::string(record["kismet.device.base.macaddr"].get_string().value()) == device.devmac);
            CHECK(std::string(record["kismet.device.base.key"].get_string().value()) == device.devkey);
            CHECK(record["kismet.device.base.last_time"].get_int64().value() == device.last_time);
            macs.insert(device.devmac);
            return true;
        },
        error));
    CHECK(macs.size() == 3);

    // The visitor stops the visit when it returns false.
    int visited = 0;
    REQUIRE(log::visit_parsed_devices(
        *reader, {}, parser, [&visited](const log::LoggedDevice&, simdjson::dom::element) { return ++visited < 2; },
        error));
    CHECK(visited == 2);
}

TEST_CASE("a device record that is not JSON stops the visit and is named", "[log][reader]") {
    const auto captures = testing::shared_captures_dir();
    if (captures.empty()) {
        WARN("shared captures not present");
        return;
    }
    testing::TempDir dir;
    const auto path = log_of(dir, captures / "aircrack-ng__wpa2-psk-linksys.cap");
    {
        std::string error;
        auto db = log::open_connection(path, SQLITE_OPEN_READWRITE, error);
        REQUIRE(db);
        REQUIRE(log::execute(db.get(), "UPDATE devices SET device = '{\"kismet.device.base.key\": ' WHERE rowid = 2",
                             error));
    }
    std::string error;
    auto reader = log::KismetdbReader::open(path, error);
    REQUIRE(reader);
    const std::string broken = testing::SqliteFile(path).value("SELECT devmac FROM devices WHERE rowid = 2");
    simdjson::dom::parser parser;
    int visited = 0;
    CHECK_FALSE(log::visit_parsed_devices(
        *reader, {}, parser,
        [&visited](const log::LoggedDevice&, simdjson::dom::element) {
            ++visited;
            return true;
        },
        error));
    CHECK(visited == 1);
    CHECK(error.find("device " + broken + " (IEEE802.11): record is not JSON") == 0);
}
