// Damaged pcapng files: every whole packet before the damage, then an error naming the damaged block.
#include <catch2/catch.hpp>

#include "kismetcore/capture/capture_file_reader.h"
#include "support/capture_files.h"

using kismetcore::capture::CaptureParser;
using kismetcore::capture::ReadResult;
using kismetcore::testing::PcapngBytes;
using kismetcore::testing::read_back;
using kismetcore::testing::TempDir;
using kismetcore::testing::test_frame;
namespace dlt = kismetcore::capture::dlt;

namespace {

// A section with one radiotap interface and three 100-byte packets; returns the offset of the third.
std::uint64_t three_packets(PcapngBytes& pcapng) {
    pcapng.section_header();
    pcapng.interface(dlt::kRadiotap);
    pcapng.enhanced_packet(0, 1, test_frame(100, 1));
    pcapng.enhanced_packet(0, 2, test_frame(100, 2));
    return pcapng.enhanced_packet(0, 3, test_frame(100, 3));
}

}  // namespace

TEST_CASE("truncated pcapng delivers every whole block then an error at the cut block's offset", "[capture]") {
    // Catch2 v2 needs generators before sections.
    const auto parser = GENERATE(CaptureParser::automatic, CaptureParser::builtin);
    TempDir dir;
    const auto path = dir.file("truncated.pcapng");
    PcapngBytes pcapng;
    const std::uint64_t third = three_packets(pcapng);
    kismetcore::testing::write_file(path, pcapng.bytes());

    std::string expected_what;
    SECTION("cut inside the packet data") {
        kismetcore::testing::truncate_file(path, third + 60);
        expected_what = "truncated block 0x00000006 of 132 bytes (the file ends 60 bytes into it)";
    }
    SECTION("cut inside the block header") {
        kismetcore::testing::truncate_file(path, third + 3);
        expected_what = "truncated block header (3 of 8 bytes)";
    }
    SECTION("cut before the trailing length") {
        kismetcore::testing::truncate_file(path, third + 130);
        expected_what = "truncated block 0x00000006 of 132 bytes (the file ends 130 bytes into it)";
    }

    const auto read = read_back(path, parser);
    REQUIRE(read.packets.size() == 2);
    CHECK(read.packets[1].data == test_frame(100, 2));
    CHECK(read.last == ReadResult::error);
    CHECK(read.error_offset == third);
    CHECK(read.error == path.string() + ": " + expected_what + " at byte offset " + std::to_string(third));
}

TEST_CASE("pcapng block length 0xFFFFFFF0 is an error at that block, not an allocation", "[capture]") {
    TempDir dir;
    const auto path = dir.file("huge-block.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.interface(dlt::kRadiotap);
    pcapng.enhanced_packet(0, 1, test_frame(100, 1));
    const std::uint64_t liar = pcapng.block_header(6, 0xFFFFFFF0u);
    std::vector<std::uint8_t> bytes = pcapng.bytes();
    const auto tail = test_frame(300, 2);
    bytes.insert(bytes.end(), tail.begin(), tail.end());
    kismetcore::testing::write_file(path, bytes);
    const auto read = read_back(path);
    CHECK(read.packets.size() == 1);
    CHECK(read.last == ReadResult::error);
    CHECK(read.error_offset == liar);
    CHECK_THAT(read.error, Catch::EndsWith(": block length 4294967280 exceeds the 16 MiB limit at byte offset " +
                                           std::to_string(liar)));
}

TEST_CASE("pcapng block lengths below the minimum or not a multiple of 4 are errors", "[capture]") {
    TempDir dir;
    const auto path = dir.file("bad-length.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.interface(dlt::kRadiotap);
    const auto [length, what] = GENERATE(table<std::uint32_t, std::string>(
        {{8, "block length 8 is below the 12-byte minimum"}, {30, "block length 30 is not a multiple of 4"}}));
    const std::uint64_t liar = pcapng.block_header(6, length);
    std::vector<std::uint8_t> bytes = pcapng.bytes();
    bytes.resize(bytes.size() + 64);
    kismetcore::testing::write_file(path, bytes);
    const auto read = read_back(path);
    CHECK(read.packets.empty());
    CHECK(read.error_offset == liar);
    CHECK_THAT(read.error, Catch::Contains(what));
}

TEST_CASE("pcapng block whose trailing length disagrees with its leading length is an error", "[capture]") {
    // libpcap passes over this damage in its own way; the automatic choice must still name the block.
    const auto parser = GENERATE(CaptureParser::automatic, CaptureParser::builtin);
    TempDir dir;
    const auto path = dir.file("trailer.pcapng");
    PcapngBytes pcapng;
    const std::uint64_t third = three_packets(pcapng);
    std::vector<std::uint8_t> bytes = pcapng.bytes();
    bytes[bytes.size() - 4] ^= 0x40;  // the third block's trailing length
    kismetcore::testing::write_file(path, bytes);
    const auto read = read_back(path, parser);
    CHECK(read.packets.size() == 2);
    CHECK(read.error_offset == third);
    CHECK_THAT(read.error, Catch::Contains("has leading length 132 but trailing length 196"));
}

TEST_CASE("pcapng packet on an interface the section never described is an error", "[capture]") {
    // libpcap passes over this damage in its own way; the automatic choice must still name the block.
    const auto parser = GENERATE(CaptureParser::automatic, CaptureParser::builtin);
    TempDir dir;
    const auto path = dir.file("no-such-interface.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.interface(dlt::kRadiotap);
    pcapng.enhanced_packet(0, 1, test_frame(10, 1));
    const std::uint64_t stray = pcapng.enhanced_packet(3, 2, test_frame(10, 2));
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto read = read_back(path, parser);
    CHECK(read.packets.size() == 1);
    CHECK(read.error_offset == stray);
    CHECK_THAT(read.error, Catch::Contains("packet on interface 3 but the section describes 1 interface(s)"));
}

TEST_CASE("pcapng packet before any interface is an error at that packet", "[capture]") {
    // libpcap passes over this damage in its own way; the automatic choice must still name the block.
    const auto parser = GENERATE(CaptureParser::automatic, CaptureParser::builtin);
    TempDir dir;
    const auto path = dir.file("packet-first.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    const std::uint64_t early = pcapng.enhanced_packet(0, 1, test_frame(10, 1));
    pcapng.interface(dlt::kRadiotap);
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto read = read_back(path, parser);
    CHECK(read.packets.empty());
    CHECK(read.link_type == dlt::kRadiotap);
    CHECK(read.error_offset == early);
}

TEST_CASE("pcapng enhanced packet claiming more bytes than its block holds is an error", "[capture]") {
    // libpcap passes over this damage in its own way; the automatic choice must still name the block.
    const auto parser = GENERATE(CaptureParser::automatic, CaptureParser::builtin);
    TempDir dir;
    const auto path = dir.file("overlong-caplen.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.interface(dlt::kRadiotap);
    const std::uint64_t liar = pcapng.enhanced_packet(0, 1, test_frame(16, 1));
    std::vector<std::uint8_t> bytes = pcapng.bytes();
    bytes[liar + 20] = 0xF0;  // captured length, little-endian low byte: 16 becomes 240
    kismetcore::testing::write_file(path, bytes);
    const auto read = read_back(path, parser);
    CHECK(read.packets.empty());
    CHECK(read.error_offset == liar);
    CHECK_THAT(read.error, Catch::Contains("enhanced packet block claims 240 captured bytes but holds only 16"));
}

TEST_CASE("pcapng interface with an impossible if_tsresol is an error", "[capture]") {
    TempDir dir;
    const auto path = dir.file("tsresol.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.interface(dlt::kRadiotap);
    const std::uint64_t bad = pcapng.interface(dlt::kRadiotap, PcapngBytes::InterfaceOptions().with_tsresol(20));
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto read = read_back(path);
    CHECK(read.error_offset == bad);
    CHECK_THAT(read.error, Catch::Contains("if_tsresol 10^-20"));
}

TEST_CASE("a pcapng that describes no interface at all reads as empty", "[capture]") {
    TempDir dir;
    const auto path = dir.file("no-interfaces.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    kismetcore::testing::write_file(path, pcapng.bytes());
    const auto read = read_back(path);
    CHECK(read.last == ReadResult::end_of_file);
    CHECK(read.packets.empty());
    CHECK(read.link_type == 0);
}
