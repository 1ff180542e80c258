// The writer thread: every row queued is committed once, rows are visible after flush() or a commit interval,
// a full queue blocks or drops as configured, and each column keeps its value and SQLite type.
#include <catch2/catch.hpp>

#include <array>

#include <thread>

#include "kismetcore/log/kismetdb_writer.h"
#include "sqlite_rows.h"
#include "support/capture_files.h"

using namespace kismetcore;

namespace {

log::MessageRow message(int index) {
    log::MessageRow row;
    row.ts_sec = 1700000000 + index;
    row.msgtype = "INFO";
    row.message = "message " + std::to_string(index);
    return row;
}

std::unique_ptr<log::KismetdbWriter> create(const std::filesystem::path& path, log::KismetdbWriterOptions options) {
    std::string error;
    auto writer = log::KismetdbWriter::create(path, std::move(options), error);
    INFO(error);
    REQUIRE(writer);
    return writer;
}

}  // namespace

TEST_CASE("rows from several threads are each committed once", "[log][concurrency]") {
    testing::TempDir dir;
    const auto path = dir.file("threads.kismet");
    log::KismetdbWriterOptions options;
    options.queue_rows = 64;  // small, so writers wait for room
    options.commit_interval = std::chrono::milliseconds(5);
    auto writer = create(path, options);
    constexpr int kThreads = 4;
    constexpr int kRowsEach = 2500;
    std::vector<std::thread> threads;
    for (int thread = 0; thread < kThreads; ++thread)
        threads.emplace_back([&writer, thread] {
            for (int index = 0; index < kRowsEach; ++index) writer->write(message(thread * kRowsEach + index));
        });
    for (auto& thread : threads) thread.join();
    REQUIRE(writer->close());
    const auto stats = writer->stats();
    CHECK(stats.queued == kThreads * kRowsEach);
    CHECK(stats.written == kThreads * kRowsEach);
    CHECK(stats.dropped == 0);
    CHECK(stats.failed == 0);
    const testing::SqliteFile file(path);
    CHECK(file.value("SELECT count(*) FROM messages") == std::to_string(kThreads * kRowsEach));
    CHECK(file.value("SELECT count(DISTINCT message) FROM messages") == std::to_string(kThreads * kRowsEach));
}

TEST_CASE("a full queue drops rows under the drop policy and counts each one", "[log][concurrency]") {
    testing::TempDir dir;
    const auto path = dir.file("drop.kismet");
    log::KismetdbWriterOptions options;
    options.queue_rows = 2;
    options.when_full = log::KismetdbWriterOptions::WhenFull::drop;
    auto writer = create(path, options);
    constexpr int kAttempts = 20000;
    int accepted = 0;
    for (int index = 0; index < kAttempts; ++index) accepted += writer->write(message(index)) ? 1 : 0;
    REQUIRE(writer->close());
    const auto stats = writer->stats();
    CHECK(stats.queued == static_cast<std::uint64_t>(accepted));
    CHECK(stats.queued + stats.dropped == kAttempts);
    CHECK(stats.written == stats.queued);
    CHECK(testing::SqliteFile(path).value("SELECT count(*) FROM messages") == std::to_string(accepted));
}

TEST_CASE("flush() commits what is queued, and the commit interval does without it", "[log][concurrency]") {
    testing::TempDir dir;
    const auto path = dir.file("flush.kismet");
    log::KismetdbWriterOptions options;
    options.commit_interval = std::chrono::hours(1);
    auto writer = create(path, options);
    for (int index = 0; index < 5; ++index) writer->write(message(index));
    writer->flush();
    // Another connection sees the committed rows while the writer still has the file open.
    CHECK(testing::SqliteFile(path).value("SELECT count(*) FROM messages") == "5");
    REQUIRE(writer->close());

    testing::TempDir other;
    const auto timed = other.file("interval.kismet");
    options.commit_interval = std::chrono::milliseconds(20);
    auto interval_writer = create(timed, options);
    interval_writer->write(message(1));
    std::string count;
    for (int wait = 0; wait < 200 && count != "1"; ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        count = testing::SqliteFile(timed).value("SELECT count(*) FROM messages");
    }
    CHECK(count == "1");
    REQUIRE(interval_writer->close());
}

TEST_CASE("between batches nothing pins the write-ahead log, so it can be checkpointed and emptied", "[log]") {
    // A read transaction the writer left open would pin the write-ahead log: SQLite's checkpoints could never
    // empty it, so it grew by every row until close().
    testing::TempDir dir;
    const auto path = dir.file("checkpoint.kismet");
    auto writer = create(path, {});
    for (int batch = 0; batch < 3; ++batch) {
        for (int index = 0; index < 100; ++index) writer->write(message(batch * 100 + index));
        writer->flush();
    }
    std::string error;
    auto other = log::open_connection(path, SQLITE_OPEN_READWRITE, error);
    REQUIRE(other);
    REQUIRE(log::execute(other.get(), "SELECT count(*) FROM messages", error));  // opens the write-ahead log
    // TRUNCATE waits for readers of the write-ahead log, then copies all of it into the file and empties it;
    // between batches the writer reads nothing, so it succeeds (SQLITE_BUSY when a reader pins it).
    int frames = -1;
    int copied = -1;
    CHECK(sqlite3_wal_checkpoint_v2(other.get(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, &frames, &copied) == SQLITE_OK);
    CHECK(frames == 0);
    CHECK(std::filesystem::file_size(path.string() + "-wal") == 0);
    other.reset();  // close() sets journal_mode=DELETE, which needs the file to itself
    REQUIRE(writer->close());
    CHECK(testing::SqliteFile(path).value("SELECT count(*) FROM messages") == "300");
}

TEST_CASE("a batch SQLite refuses is counted with its reason, and later batches are written", "[log]") {
    testing::TempDir dir;
    const auto path = dir.file("locked.kismet");
    auto writer = create(path, {});
    // Another connection holds the write lock: the writer waits its second, then gives the batch up.
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    writer->write(message(1));
    writer->write(message(2));
    writer->flush();
    auto stats = writer->stats();
    CHECK(stats.failed == 2);
    CHECK(stats.written == 0);
    CHECK_THAT(stats.last_error, Catch::Contains("locked"));
    REQUIRE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(other);

    writer->write(message(3));
    writer->flush();
    stats = writer->stats();
    CHECK(stats.written == 1);
    CHECK(stats.failed == 2);
    REQUIRE(writer->close());
    CHECK(testing::SqliteFile(path).value("SELECT group_concat(message) FROM messages") == "message 3");
}

TEST_CASE("a closed writer drops later rows and closes once", "[log]") {
    testing::TempDir dir;
    auto writer = create(dir.file("closed.kismet"), {});
    REQUIRE(writer->close());
    CHECK_FALSE(writer->write(message(1)));
    CHECK(writer->stats().dropped == 1);
    CHECK(writer->close());
    writer->flush();  // returns at once
}

TEST_CASE("each column keeps its value and Kismet's SQLite type", "[log]") {
    testing::TempDir dir;
    const auto path = dir.file("columns.kismet");
    auto writer = create(path, {});

    log::PacketRow packet;
    packet.ts_sec = 1146709178;
    packet.ts_usec = 924134;
    packet.phyname = "IEEE802.11";
    packet.source = *MacAddress::parse("00:13:ce:55:98:ef");
    packet.destination = *MacAddress::parse("00:0b:86:c2:a4:85");
    packet.frequency_khz = 2437000;
    packet.location = {51.5, -0.25, 12.5, 3.5, 270};
    packet.signal_dbm = -42;
    packet.datasource = *parse_uuid("4E1D07C3-0000-0000-0000-000054BE0FF3");
    packet.dlt = 127;
    const std::array<std::uint8_t, 4> bytes{0x00, 0x01, 0xfe, 0xff};  // copied by write()
    packet.packet = bytes;
    packet.error = true;
    packet.tags = "DOT11_PROBE_REQ";
    packet.datarate_mbps = 5.5;
    packet.hash = 0xfffffffeU;  // Kismet stores the CRC as a signed 32-bit number
    packet.packet_id = 7;
    packet.full_length = 1500;
    writer->write(packet);

    log::DeviceRow device;
    device.first_time = 10;
    device.last_time = 20;
    device.devkey = "4202770D00000000_EF9855CE1300";
    device.phyname = "IEEE802.11";
    device.devmac = packet.source;
    device.strongest_signal = -30;
    device.min_lat = 1.5;
    device.bytes_data = 99;
    device.type = "Wi-Fi Client";
    device.json = "{\"a\": 1}";
    writer->write(device);
    device.last_time = 30;  // the same device again replaces the row (UNIQUE(phyname, devmac))
    writer->write(device);
    REQUIRE(writer->close());

    const testing::SqliteFile file(path);
    const auto rows = file.rows(
        "SELECT ts_sec, ts_usec, phyname, sourcemac, destmac, transmac, frequency, devkey, lat, lon, alt, speed, "
        "heading, packet_len, signal, datasource, dlt, hex(packet), error, tags, datarate, hash, packetid, "
        "packet_full_len FROM packets");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == testing::SqliteFile::Row{"1146709178",
                                              "924134",
                                              "IEEE802.11",
                                              "00:13:CE:55:98:EF",
                                              "00:0B:86:C2:A4:85",
                                              "00:00:00:00:00:00",
                                              "2437000.0",
                                              "0",
                                              "51.5",
                                              "-0.25",
                                              "12.5",
                                              "3.5",
                                              "270.0",
                                              "4",
                                              "-42",
                                              "4E1D07C3-0000-0000-0000-000054BE0FF3",
                                              "127",
                                              "0001FEFF",
                                              "1",
                                              "DOT11_PROBE_REQ",
                                              "5.5",
                                              "-2",
                                              "7",
                                              "1500"});
    CHECK(file.value("SELECT typeof(ts_sec) || typeof(frequency) || typeof(lat) || typeof(packet) || typeof(hash) "
                     "FROM packets") == "integerrealrealblobinteger");
    const auto devices = file.rows("SELECT first_time, last_time, devmac, type, device, typeof(device) FROM devices");
    REQUIRE(devices.size() == 1);
    CHECK(devices[0] ==
          testing::SqliteFile::Row{"10", "30", "00:13:CE:55:98:EF", "Wi-Fi Client", "{\"a\": 1}", "blob"});
}
