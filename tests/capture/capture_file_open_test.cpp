// Opening capture files: what is accepted, and the clear errors for everything that is not a capture.
#include <catch2/catch.hpp>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/capture/pcap_file_writer.h"
#include "support/capture_files.h"

using kismetcore::capture::CaptureFileReader;
using kismetcore::capture::CaptureFormat;
using kismetcore::testing::PcapBytes;
using kismetcore::testing::PcapngBytes;
using kismetcore::testing::TempDir;

namespace {

// Opens `path` expecting failure, and returns the error message.
std::string open_error(const std::filesystem::path& path) {
    std::string error;
    auto reader = CaptureFileReader::open(path, 0, error);
    CHECK_FALSE(reader);
    return error;
}

}  // namespace

TEST_CASE("opening a missing file fails with a message naming the file", "[capture]") {
    TempDir dir;
    const auto path = dir.file("absent.pcap");
    const std::string error = open_error(path);
    CHECK(error == path.string() + ": no such file");
}

TEST_CASE("opening a directory fails with a message saying so", "[capture]") {
    TempDir dir;
    const std::string error = open_error(dir.path());
    CHECK(error == dir.path().string() + ": is a directory, not a capture file");
}

TEST_CASE("opening a zero-length file fails with a message saying it is empty", "[capture]") {
    TempDir dir;
    const auto path = dir.file("empty.pcap");
    kismetcore::testing::write_file(path, {});
    CHECK(open_error(path) == path.string() + ": empty file (zero length), not a capture");
}

TEST_CASE("opening a file of random bytes fails as not a capture", "[capture]") {
    TempDir dir;
    const auto path = dir.file("garbage.pcap");
    std::vector<std::uint8_t> garbage = kismetcore::testing::test_frame(4096, 99);
    garbage[0] = 0x47;  // "GIF8" would be just as wrong; any non-capture start will do
    garbage[1] = 0x49;
    garbage[2] = 0x46;
    garbage[3] = 0x38;
    kismetcore::testing::write_file(path, garbage);
    CHECK(open_error(path) == path.string() + ": not a pcap or pcapng file (starts with 0x38464947)");
}

TEST_CASE("opening a file shorter than any magic number fails as too short", "[capture]") {
    TempDir dir;
    const auto path = dir.file("tiny.pcap");
    const std::vector<std::uint8_t> two_bytes{0xd4, 0xc3};
    kismetcore::testing::write_file(path, two_bytes);
    CHECK(open_error(path) == path.string() + ": too short to be a capture file (2 bytes)");
}

TEST_CASE("opening a pcap whose file header is cut short fails with libpcap's reason", "[capture]") {
    TempDir dir;
    const auto path = dir.file("short-header.pcap");
    PcapBytes pcap(kismetcore::capture::dlt::kIeee80211);
    kismetcore::testing::write_file(path, std::span(pcap.bytes()).first(10));
    const std::string error = open_error(path);
    CHECK_THAT(error, Catch::StartsWith(path.string() + ": cannot read as pcap: "));
    CHECK_THAT(error, Catch::Contains("truncated"));
}

TEST_CASE("opening a pcapng whose section header is damaged fails with the offset", "[capture]") {
    TempDir dir;
    const auto path = dir.file("bad-shb.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    std::vector<std::uint8_t> bytes = pcapng.bytes();
    bytes[8] = 0x00;  // break the byte-order magic
    kismetcore::testing::write_file(path, bytes);
    const std::string error = open_error(path);
    CHECK_THAT(error, Catch::StartsWith(path.string() + ": not a readable pcapng file: "));
    CHECK_THAT(error, Catch::EndsWith("bad byte-order magic 0x1a2b3c00 at byte offset 0"));
}

TEST_CASE("opening a pcapng of a newer major version fails", "[capture]") {
    TempDir dir;
    const auto path = dir.file("version-2.pcapng");
    PcapngBytes pcapng;
    pcapng.section_header();
    std::vector<std::uint8_t> bytes = pcapng.bytes();
    bytes[12] = 2;  // major version, little-endian
    kismetcore::testing::write_file(path, bytes);
    CHECK_THAT(open_error(path), Catch::Contains("unsupported pcapng version 2.0 at byte offset 0"));
}

TEST_CASE("an open reader reports the file, its format and its link type", "[capture]") {
    TempDir dir;
    const auto path = dir.file("one.pcap");
    std::string error;
    auto writer = kismetcore::capture::PcapFileWriter::create(path, kismetcore::capture::dlt::kRadiotap, error);
    REQUIRE(writer);
    REQUIRE(writer->close());
    auto reader = CaptureFileReader::open(path, 3, error);
    REQUIRE(reader);
    CHECK(reader->path() == path);
    CHECK(reader->format() == CaptureFormat::pcap);
    CHECK(reader->link_type() == kismetcore::capture::dlt::kRadiotap);
    CHECK(reader->packets_read() == 0);
    CHECK(reader->error().empty());
}
