// Reading and writing classic pcap files: round trips, timestamp precision, byte order and damage.
#include <catch2/catch.hpp>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/capture/pcap_file_writer.h"
#include "support/capture_files.h"

using kismetcore::capture::CaptureFileReader;
using kismetcore::capture::CaptureFormat;
using kismetcore::capture::CaptureParser;
using kismetcore::capture::Packet;
using kismetcore::capture::PcapFileWriter;
using kismetcore::capture::ReadResult;
using kismetcore::testing::ByteOrder;
using kismetcore::testing::PcapBytes;
using kismetcore::testing::read_back;
using kismetcore::testing::TempDir;
using kismetcore::testing::test_frame;
using kismetcore::testing::TimestampPrecision;
namespace dlt = kismetcore::capture::dlt;

TEST_CASE("pcap written by PcapFileWriter reads back packet for packet", "[capture]") {
    TempDir dir;
    const auto path = dir.file("round-trip.pcap");
    std::vector<Packet> written;
    for (std::uint8_t i = 0; i < 50; ++i) {
        Packet packet;
        packet.data = test_frame(20u + i * 13u, i);
        packet.ts_sec = 1700000000 + i;
        packet.ts_usec = i * 19999u;
        packet.original_length = packet.captured_length() + (i % 3);
        written.push_back(packet);
    }
    std::string error;
    auto writer = PcapFileWriter::create(path, dlt::kRadiotap, error);
    REQUIRE(writer);
    for (const auto& packet : written) REQUIRE(writer->write(packet));
    REQUIRE(writer->close());
    CHECK(writer->packets_written() == written.size());

    const auto read = read_back(path);
    CHECK(read.last == ReadResult::end_of_file);
    CHECK(read.format == CaptureFormat::pcap);
    CHECK(read.link_type == dlt::kRadiotap);
    REQUIRE(read.packets.size() == written.size());
    for (std::size_t i = 0; i < written.size(); ++i) {
        INFO("packet " << i);
        CHECK(read.packets[i].data == written[i].data);
        CHECK(read.packets[i].ts_sec == written[i].ts_sec);
        CHECK(read.packets[i].ts_usec == written[i].ts_usec);
        CHECK(read.packets[i].original_length == written[i].original_length);
        CHECK(read.packets[i].dlt == dlt::kRadiotap);
        CHECK(read.packets[i].source == 7);
    }
}

TEST_CASE("pcap writer cuts packets at the snap length and keeps the original length", "[capture]") {
    TempDir dir;
    const auto path = dir.file("snap.pcap");
    std::string error;
    auto writer = PcapFileWriter::create(path, dlt::kIeee80211, error, 64);
    REQUIRE(writer);
    const auto frame = test_frame(200, 1);
    REQUIRE(writer->write(5, 6, frame, 0));
    REQUIRE(writer->close());
    const auto read = read_back(path);
    REQUIRE(read.packets.size() == 1);
    CHECK(read.packets[0].captured_length() == 64);
    CHECK(read.packets[0].original_length == 200);
    CHECK(std::equal(read.packets[0].data.begin(), read.packets[0].data.end(), frame.begin()));
}

TEST_CASE("pcap writer refuses timestamps a pcap record cannot hold", "[capture]") {
    TempDir dir;
    std::string error;
    auto writer = PcapFileWriter::create(dir.file("range.pcap"), dlt::kIeee80211, error);
    REQUIRE(writer);
    const auto frame = test_frame(10, 0);
    CHECK_FALSE(writer->write(std::int64_t{1} << 40, 0, frame, 0));
    CHECK_THAT(writer->error(), Catch::Contains("does not fit a pcap record"));
    CHECK_FALSE(writer->close());
}

TEST_CASE("pcap writer reports a file it cannot create", "[capture]") {
    TempDir dir;
    std::string error;
    auto writer = PcapFileWriter::create(dir.file("no-such-dir") / "x.pcap", dlt::kIeee80211, error);
    CHECK_FALSE(writer);
    CHECK_THAT(error, Catch::Contains("x.pcap: cannot create: "));
}

TEST_CASE("nanosecond pcap delivers microsecond timestamps", "[capture]") {
    TempDir dir;
    const auto path = dir.file("nano.pcap");
    PcapBytes pcap(dlt::kIeee80211, ByteOrder::little_endian, TimestampPrecision::nanoseconds);
    pcap.record(1600000000, 123456789, test_frame(30, 1));
    pcap.record(1600000001, 999999999, test_frame(30, 2));
    kismetcore::testing::write_file(path, pcap.bytes());
    const auto read = read_back(path, GENERATE(CaptureParser::automatic, CaptureParser::libpcap));
    REQUIRE(read.packets.size() == 2);
    CHECK(read.packets[0].ts_sec == 1600000000);
    CHECK(read.packets[0].ts_usec == 123456);
    CHECK(read.packets[1].ts_sec == 1600000001);
    CHECK(read.packets[1].ts_usec == 999999);
}

TEST_CASE("big-endian pcap reads like little-endian", "[capture]") {
    TempDir dir;
    const auto path = dir.file("big-endian.pcap");
    PcapBytes pcap(dlt::kPrism, ByteOrder::big_endian);
    pcap.record(1234, 5678, test_frame(40, 3), 90);
    kismetcore::testing::write_file(path, pcap.bytes());
    const auto read = read_back(path, GENERATE(CaptureParser::automatic, CaptureParser::libpcap));
    CHECK(read.link_type == dlt::kPrism);
    REQUIRE(read.packets.size() == 1);
    CHECK(read.packets[0].ts_sec == 1234);
    CHECK(read.packets[0].ts_usec == 5678);
    CHECK(read.packets[0].data == test_frame(40, 3));
    CHECK(read.packets[0].original_length == 90);
    CHECK(read.packets[0].dlt == dlt::kPrism);
}

TEST_CASE("truncated pcap delivers every whole record then an error at the cut record's offset", "[capture]") {
    TempDir dir;
    const auto path = dir.file("truncated.pcap");
    PcapBytes pcap(dlt::kIeee80211);
    pcap.record(1, 0, test_frame(100, 1));
    pcap.record(2, 0, test_frame(100, 2));
    const std::uint64_t third = pcap.record(3, 0, test_frame(100, 3));
    kismetcore::testing::write_file(path, pcap.bytes());

    std::string ours, libpcaps;
    SECTION("cut inside the frame") {
        kismetcore::testing::truncate_file(path, third + 16 + 50);
        ours = "truncated record (100 captured bytes announced, the file ends 50 bytes into them)";
        libpcaps = "damaged record (libpcap: truncated dump file; tried to read 100 captured bytes, only got 50)";
    }
    SECTION("cut inside the record header") {
        kismetcore::testing::truncate_file(path, third + 5);
        ours = "truncated record header (5 of 16 bytes)";
        libpcaps = "damaged record (libpcap: truncated dump file; tried to read 16 header bytes, only got 5)";
    }

    const auto parser = GENERATE(CaptureParser::automatic, CaptureParser::libpcap);
    const auto read = read_back(path, parser);
    REQUIRE(read.packets.size() == 2);
    CHECK(read.packets[1].data == test_frame(100, 2));
    CHECK(read.last == ReadResult::error);
    CHECK(read.error_offset == third);
    const std::string& what = parser == CaptureParser::libpcap ? libpcaps : ours;
    CHECK(read.error == path.string() + ": " + what + " at byte offset " + std::to_string(third));
}

TEST_CASE("a record longer than the snap length is delivered cut and does not shift later offsets", "[capture]") {
    // Both readers count record lengths instead of asking the file where each record starts; a record longer
    // than the file's snap length is delivered cut, as libpcap does, while the file still holds all of it.
    TempDir dir;
    const auto path = dir.file("over-snaplen.pcap");
    PcapBytes pcap(dlt::kIeee80211, ByteOrder::little_endian, TimestampPrecision::microseconds, 64);
    pcap.record(1, 0, test_frame(100, 1));
    pcap.record(2, 0, test_frame(64, 2));
    pcap.record(3, 0, test_frame(30, 3));
    const std::uint64_t fourth = pcap.record(4, 0, test_frame(50, 4));
    kismetcore::testing::write_file(path, pcap.bytes());
    kismetcore::testing::truncate_file(path, fourth + 16 + 20);

    const auto read = read_back(path, GENERATE(CaptureParser::automatic, CaptureParser::libpcap));
    REQUIRE(read.packets.size() == 3);
    CHECK(read.packets[0].captured_length() == 64);
    CHECK(read.packets[0].original_length == 100);
    CHECK(read.packets[1].data == test_frame(64, 2));
    CHECK(read.packets[2].data == test_frame(30, 3));
    CHECK(read.last == ReadResult::error);
    CHECK(read.error_offset == fourth);
}

TEST_CASE("pcap 2.3, whose lengths libpcap may swap, reports damage at the record's offset", "[capture]") {
    TempDir dir;
    const auto path = dir.file("version-2-3.pcap");
    PcapBytes pcap(dlt::kIeee80211);
    pcap.record(1, 0, test_frame(100, 1));
    const std::uint64_t second = pcap.record(2, 0, test_frame(80, 2));
    std::vector<std::uint8_t> bytes = pcap.bytes();
    bytes[6] = 3;  // version_minor, little-endian
    kismetcore::testing::write_file(path, bytes);
    kismetcore::testing::truncate_file(path, second + 16 + 10);

    const auto read = read_back(path);
    REQUIRE(read.packets.size() == 1);
    CHECK(read.packets[0].data == test_frame(100, 1));
    CHECK(read.last == ReadResult::error);
    CHECK(read.error_offset == second);
}

TEST_CASE("pcap record length 0xFFFFFFF0 is an error at that record, not an allocation", "[capture]") {
    TempDir dir;
    const auto path = dir.file("huge-length.pcap");
    PcapBytes pcap(dlt::kIeee80211);
    pcap.record(1, 0, test_frame(60, 1));
    const std::uint64_t liar = pcap.record_header(2, 0, 0xFFFFFFF0u, 0xFFFFFFF0u);
    const auto tail = test_frame(200, 2);
    std::vector<std::uint8_t> bytes = pcap.bytes();
    bytes.insert(bytes.end(), tail.begin(), tail.end());
    kismetcore::testing::write_file(path, bytes);
    const auto read = read_back(path, GENERATE(CaptureParser::automatic, CaptureParser::libpcap));
    CHECK(read.packets.size() == 1);
    CHECK(read.last == ReadResult::error);
    CHECK(read.error_offset == liar);
    CHECK_THAT(read.error, Catch::Contains("4294967280"));
}

TEST_CASE("after an error or the end, next keeps returning the same result", "[capture]") {
    TempDir dir;
    const auto path = dir.file("sticky.pcap");
    PcapBytes pcap(dlt::kIeee80211);
    pcap.record(1, 0, test_frame(100, 1));
    kismetcore::testing::write_file(path, pcap.bytes());
    const bool truncated = GENERATE(false, true);
    if (truncated) kismetcore::testing::truncate_file(path, pcap.bytes().size() - 1);
    const ReadResult end = truncated ? ReadResult::error : ReadResult::end_of_file;

    std::string error;
    auto reader = CaptureFileReader::open(path, 0, error);
    REQUIRE(reader);
    Packet packet;
    CHECK(reader->next(packet) == (truncated ? ReadResult::error : ReadResult::packet));
    for (int i = 0; i < 3; ++i) CHECK(reader->next(packet) == end);
    CHECK(reader->packets_read() == (truncated ? 0u : 1u));
}
