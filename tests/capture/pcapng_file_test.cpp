// Reading and writing pcapng files: interfaces, link types, timestamp resolutions, byte orders and blocks.
#include <catch2/catch.hpp>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/capture/pcapng_file_writer.h"
#include "support/capture_files.h"

using kismetcore::capture::CaptureFormat;
using kismetcore::capture::CaptureParser;
using kismetcore::capture::Packet;
using kismetcore::capture::PcapngFileWriter;
using kismetcore::capture::ReadResult;
using kismetcore::testing::ByteOrder;
using kismetcore::testing::PcapngBytes;
using kismetcore::testing::read_back;
using kismetcore::testing::same_packet;
using kismetcore::testing::TempDir;
using kismetcore::testing::test_frame;
namespace dlt = kismetcore::capture::dlt;

TEST_CASE("pcapng written by PcapngFileWriter reads back packet for packet with either parser", "[capture]") {
    TempDir dir;
    const auto path = dir.file("round-trip.pcapng");
    std::string error;
    auto writer = PcapngFileWriter::create(path, error);
    REQUIRE(writer);
    CHECK(writer->add_interface(dlt::kRadiotap, "wlan0mon") == 0);
    CHECK(writer->add_interface(dlt::kRadiotap) == 1);
    std::vector<Packet> written;
    for (std::uint8_t i = 0; i < 40; ++i) {
        Packet packet;
        packet.data = test_frame(1u + i * 7u, i);  // odd lengths exercise the 32-bit padding
        packet.ts_sec = 1700000000 + i * 1000;
        packet.ts_usec = 999999u - i;
        packet.original_length = packet.captured_length() + i;
        packet.dlt = dlt::kRadiotap;
        packet.source = 7;
        REQUIRE(writer->write(i % 2u, packet));
        written.push_back(packet);
    }
    REQUIRE(writer->close());

    const auto parser = GENERATE(CaptureParser::automatic, CaptureParser::libpcap, CaptureParser::builtin);
    const auto read = read_back(path, parser);
    CHECK(read.last == ReadResult::end_of_file);
    CHECK(read.format == CaptureFormat::pcapng);
    CHECK(read.link_type == dlt::kRadiotap);
    REQUIRE(read.packets.size() == written.size());
    for (std::size_t i = 0; i < written.size(); ++i) {
        INFO("packet " << i);
        CHECK(same_packet(read.packets[i], written[i]));
    }
}

TEST_CASE("pcapng writer refuses a packet for an interface it has not described", "[capture]") {
    TempDir dir;
    std::string error;
    auto writer = PcapngFileWriter::create(dir.file("no-interface.pcapng"), error);
    REQUIRE(writer);
    CHECK_FALSE(writer->write(0, 1, 2, test_frame(10, 0), 0));
    CHECK_THAT(writer->error(), Catch::Contains("before add_interface"));
}

TEST_CASE("pcapng with interfaces of different link types delivers each packet with its interface's DLT", "[capture]") {
    TempDir dir;
    const auto path = dir.file("mixed.pcapng");
    std::string error;
    auto writer = PcapngFileWriter::create(path, error);
    REQUIRE(writer);
    const auto radiotap = writer->add_interface(dlt::kRadiotap, "wlan0");
    REQUIRE(writer->write(radiotap, 10, 1, test_frame(50, 1), 0));
    // Kismet adds an interface when a new source appears, after packets of the first.
    const auto raw = writer->add_interface(dlt::kIeee80211, "wlan1");
    REQUIRE(writer->write(raw, 11, 2, test_frame(60, 2), 0));
    REQUIRE(writer->write(radiotap, 12, 3, test_frame(70, 3), 0));
    REQUIRE(writer->close());

    SECTION("the automatic choice reads every packet") {
        const auto read = read_back(path);
        CHECK(read.last == ReadResult::end_of_file);
        CHECK(read.link_type == dlt::kRadiotap);
        REQUIRE(read.packets.size() == 3);
        CHECK(read.packets[0].dlt == dlt::kRadiotap);
        CHECK(read.packets[1].dlt == dlt::kIeee80211);
        CHECK(read.packets[1].data == test_frame(60, 2));
        CHECK(read.packets[2].dlt == dlt::kRadiotap);
        CHECK(read.packets[2].ts_sec == 12);
    }
    SECTION("libpcap alone refuses the second link type, which is why we parse these ourselves") {
        const auto read = read_back(path, CaptureParser::libpcap);
        CHECK(read.packets.size() == 1);
        CHECK(read.last == ReadResult::error);
        CHECK_THAT(read.error, Catch::Contains("different from the type of the first interface"));
    }
}

TEST_CASE("pcapng if_tsresol 9 timestamps are converted to microseconds", "[capture]") {
    TempDir dir;
    const auto path = dir.file("nanoseconds.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.interface(dlt::kRadiotap, PcapngBytes::InterfaceOptions().with_tsresol(9));
    pcapng.enhanced_packet(0, 1600000000'123456789ull, test_frame(30, 1));
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto parser = GENERATE(CaptureParser::libpcap, CaptureParser::builtin);
    const auto read = read_back(path, parser);
    REQUIRE(read.packets.size() == 1);
    CHECK(read.packets[0].ts_sec == 1600000000);
    CHECK(read.packets[0].ts_usec == 123456);
}

TEST_CASE("pcapng power-of-two if_tsresol and if_tsoffset are applied", "[capture]") {
    TempDir dir;
    const auto path = dir.file("binary-resolution.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    // 2^-10 seconds per tick, and 1000 seconds added to every timestamp.
    pcapng.interface(dlt::kIeee80211, PcapngBytes::InterfaceOptions().with_tsresol(0x80 | 10).with_tsoffset(1000));
    pcapng.enhanced_packet(0, 5 * 1024 + 512, test_frame(30, 1));  // 5.5 s
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto parser = GENERATE(CaptureParser::libpcap, CaptureParser::builtin);
    const auto read = read_back(path, parser);
    REQUIRE(read.packets.size() == 1);
    CHECK(read.packets[0].ts_sec == 1005);
    CHECK(read.packets[0].ts_usec == 500000);
}

TEST_CASE("big-endian pcapng section reads like little-endian", "[capture]") {
    TempDir dir;
    const auto path = dir.file("big-endian.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header(ByteOrder::big_endian);
    pcapng.interface(dlt::kPpi, PcapngBytes::InterfaceOptions().with_tsresol(3));
    pcapng.enhanced_packet(0, 42'500, test_frame(33, 4), 40);
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto parser = GENERATE(CaptureParser::automatic, CaptureParser::libpcap, CaptureParser::builtin);
    const auto read = read_back(path, parser);
    CHECK(read.last == ReadResult::end_of_file);
    CHECK(read.link_type == dlt::kPpi);
    REQUIRE(read.packets.size() == 1);
    CHECK(read.packets[0].ts_sec == 42);
    CHECK(read.packets[0].ts_usec == 500000);
    CHECK(read.packets[0].data == test_frame(33, 4));
    CHECK(read.packets[0].original_length == 40);
    CHECK(read.packets[0].dlt == dlt::kPpi);
}

TEST_CASE("simple and obsolete packet blocks are delivered", "[capture]") {
    TempDir dir;
    const auto path = dir.file("old-blocks.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.interface(dlt::kIeee80211, PcapngBytes::InterfaceOptions().with_snaplen(40));
    pcapng.simple_packet(test_frame(40, 1), 100);  // cut at the interface's snap length
    pcapng.obsolete_packet(0, 3'000'001, test_frame(25, 2));
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto parser = GENERATE(CaptureParser::libpcap, CaptureParser::builtin);
    const auto read = read_back(path, parser);
    CHECK(read.last == ReadResult::end_of_file);
    REQUIRE(read.packets.size() == 2);
    CHECK(read.packets[0].data == test_frame(40, 1));
    CHECK(read.packets[0].original_length == 100);
    CHECK(read.packets[0].ts_sec == 0);
    CHECK(read.packets[1].data == test_frame(25, 2));
    CHECK(read.packets[1].ts_sec == 3);
    CHECK(read.packets[1].ts_usec == 1);
}

TEST_CASE("unknown pcapng blocks are skipped by their length", "[capture]") {
    TempDir dir;
    const auto path = dir.file("unknown-blocks.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.block(0x00000BAD, test_frame(17, 9));  // a future block type
    pcapng.interface(dlt::kRadiotap);
    pcapng.enhanced_packet(0, 1, test_frame(20, 1));
    pcapng.block(0x00000005, test_frame(24, 8));  // an interface statistics block
    pcapng.enhanced_packet(0, 2, test_frame(20, 2));
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto parser = GENERATE(CaptureParser::automatic, CaptureParser::builtin);
    const auto read = read_back(path, parser);
    CHECK(read.last == ReadResult::end_of_file);
    REQUIRE(read.packets.size() == 2);
    CHECK(read.packets[1].data == test_frame(20, 2));
}

TEST_CASE("a second pcapng section starts a new list of interfaces", "[capture]") {
    TempDir dir;
    const auto path = dir.file("two-sections.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.interface(dlt::kRadiotap);
    pcapng.enhanced_packet(0, 1, test_frame(20, 1));
    pcapng.section_header(ByteOrder::big_endian);
    pcapng.interface(dlt::kIeee80211);
    pcapng.enhanced_packet(0, 2, test_frame(20, 2));
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto read = read_back(path);
    CHECK(read.last == ReadResult::end_of_file);
    REQUIRE(read.packets.size() == 2);
    CHECK(read.packets[0].dlt == dlt::kRadiotap);
    CHECK(read.packets[1].dlt == dlt::kIeee80211);
    CHECK(read.packets[1].data == test_frame(20, 2));
}

TEST_CASE("pcapng blocks straddling the read-ahead buffer read as libpcap reads them", "[capture]") {
    // About 6 MiB of enhanced packet blocks of 20 to 4000 bytes, so many cross the edge of the 1 MiB buffer.
    TempDir dir;
    const auto path = dir.file("large.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header(GENERATE(ByteOrder::little_endian, ByteOrder::big_endian));
    pcapng.interface(dlt::kRadiotap);
    for (std::uint32_t i = 0; pcapng.bytes().size() < 6u * 1024 * 1024; ++i)
        pcapng.enhanced_packet(0, 1'700'000'000'000'000ull + i * 977ull,
                               test_frame(20 + (i * 7919u) % 3981, static_cast<std::uint8_t>(i)));
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto ours = read_back(path, CaptureParser::builtin);
    const auto theirs = read_back(path, CaptureParser::libpcap);
    CHECK(ours.last == ReadResult::end_of_file);
    CHECK(theirs.last == ReadResult::end_of_file);
    REQUIRE(ours.packets.size() == theirs.packets.size());
    for (std::size_t i = 0; i < ours.packets.size(); ++i) REQUIRE(same_packet(ours.packets[i], theirs.packets[i]));
}

TEST_CASE("a pcapng block longer than the read-ahead buffer is read whole", "[capture]") {
    TempDir dir;
    const auto path = dir.file("long-block.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.interface(dlt::kIeee80211);
    pcapng.enhanced_packet(0, 1, test_frame(100, 1));
    pcapng.block(0x00000BAD, std::vector<std::uint8_t>(3 * 1024 * 1024 + 4, 0x5A));  // a block readers skip
    pcapng.enhanced_packet(0, 2, test_frame(2 * 1024 * 1024, 2));
    pcapng.enhanced_packet(0, 3, test_frame(60, 3));
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto read = read_back(path, CaptureParser::builtin);
    CHECK(read.last == ReadResult::end_of_file);
    REQUIRE(read.packets.size() == 3);
    CHECK(read.packets[1].data == test_frame(2 * 1024 * 1024, 2));
    CHECK(read.packets[2].data == test_frame(60, 3));
}
