// kismetcore's own pcap reader delivers exactly what libpcap delivers, packet for packet and error for error.
#include <catch2/catch.hpp>

#include "kismetcore/capture/capture_file_reader.h"
#include "support/capture_files.h"
#include "support/shared_captures.h"

using kismetcore::capture::CaptureFileReader;
using kismetcore::capture::CaptureParser;
using kismetcore::capture::ReadResult;
using kismetcore::testing::ByteOrder;
using kismetcore::testing::PcapBytes;
using kismetcore::testing::read_back;
using kismetcore::testing::ReadBack;
using kismetcore::testing::same_packet;
using kismetcore::testing::TempDir;
using kismetcore::testing::test_frame;
using kismetcore::testing::TimestampPrecision;
namespace dlt = kismetcore::capture::dlt;

namespace {

void check_same_reading(const ReadBack& ours, const ReadBack& libpcaps) {
    CHECK(ours.link_type == libpcaps.link_type);
    REQUIRE(ours.packets.size() == libpcaps.packets.size());
    for (std::size_t i = 0; i < ours.packets.size(); ++i) {
        INFO("packet " << i);
        REQUIRE(same_packet(ours.packets[i], libpcaps.packets[i]));
    }
    CHECK(ours.last == libpcaps.last);
    CHECK(ours.error_offset == libpcaps.error_offset);
}

std::string open_error(const std::filesystem::path& path, CaptureParser parser) {
    std::string error;
    const auto reader = CaptureFileReader::open(path, 0, error, parser);
    return reader ? std::string("opened") : error;
}

}  // namespace

TEST_CASE("our pcap reader and libpcap agree on every shared pcap capture", "[capture]") {
    const auto files = kismetcore::testing::shared_capture_files();
    if (files.empty()) {
        WARN("../shared/captures is absent: nothing to compare");
        return;
    }
    int compared = 0;
    for (const auto& path : files) {
        if (path.extension() == ".pcapng") continue;
        INFO(path.filename().string());
        check_same_reading(read_back(path, CaptureParser::builtin), read_back(path, CaptureParser::libpcap));
        ++compared;
    }
    CHECK(compared == 21);  // all of them 802.11 link types, three ending in a cut record
}

TEST_CASE("records straddling the read-ahead buffer read as libpcap reads them", "[capture]") {
    // About 6 MiB in records of 24 to 4000 bytes, so many records cross the edge of the 1 MiB buffer, and one
    // record runs up to the snap-length maximum.
    TempDir dir;
    const auto path = dir.file("large.pcap");
    const auto order = GENERATE(ByteOrder::little_endian, ByteOrder::big_endian);
    PcapBytes pcap(dlt::kRadiotap, order, TimestampPrecision::microseconds, 0);
    std::uint64_t bytes = 0;
    for (std::uint32_t i = 0; bytes < 6u * 1024 * 1024; ++i) {
        const std::size_t size = i == 700 ? 262144 : 24 + (i * 7919u) % 3977;
        pcap.record(1'700'000'000 + i, i * 37u % 1'000'000u, test_frame(size, static_cast<std::uint8_t>(i)));
        bytes += 16 + size;
    }
    kismetcore::testing::write_file(path, pcap.bytes());
    const auto ours = read_back(path, CaptureParser::builtin);
    CHECK(ours.last == ReadResult::end_of_file);
    CHECK(ours.packets[700].captured_length() == 262144);
    check_same_reading(ours, read_back(path, CaptureParser::libpcap));
}

TEST_CASE("timestamps with the top bit set read as libpcap's signed fields read them", "[capture]") {
    TempDir dir;
    const auto path = dir.file("far-future.pcap");
    const auto precision = GENERATE(TimestampPrecision::microseconds, TimestampPrecision::nanoseconds);
    PcapBytes pcap(dlt::kIeee80211, ByteOrder::little_endian, precision);
    pcap.record(0x80000001u, 0xFFFFFF00u, test_frame(30, 1));
    pcap.record(0xFFFFFFFFu, 999'999'999u, test_frame(30, 2));
    kismetcore::testing::write_file(path, pcap.bytes());
    const auto ours = read_back(path, CaptureParser::builtin);
    REQUIRE(ours.packets.size() == 2);
    CHECK(ours.packets[0].ts_sec == -2147483647);
    check_same_reading(ours, read_back(path, CaptureParser::libpcap));
}

TEST_CASE("a record over the snap length that the file cuts short fails as libpcap fails", "[capture]") {
    TempDir dir;
    const auto path = dir.file("cut-over-snaplen.pcap");
    PcapBytes pcap(dlt::kPpi, ByteOrder::little_endian, TimestampPrecision::microseconds, 64);
    pcap.record(1, 0, test_frame(50, 1));
    const std::uint64_t second = pcap.record(2, 0, test_frame(200, 2));
    kismetcore::testing::write_file(path, pcap.bytes());
    kismetcore::testing::truncate_file(path, second + 16 + GENERATE(30u, 100u));
    const auto ours = read_back(path, CaptureParser::builtin);
    CHECK(ours.packets.size() == 1);
    CHECK(ours.last == ReadResult::error);
    CHECK(ours.error_offset == second);
    check_same_reading(ours, read_back(path, CaptureParser::libpcap));
}

TEST_CASE("pcap files our reader does not take are read by libpcap", "[capture]") {
    TempDir dir;
    const auto path = dir.file("other.pcap");
    PcapBytes pcap(1);  // Ethernet: libpcap may rewrite pseudo-headers of some non-802.11 link types
    pcap.record(1, 0, test_frame(60, 1));
    std::vector<std::uint8_t> bytes = pcap.bytes();
    std::string reason = "link type 1 is not an 802.11 one";
    SECTION("version 2.3, whose record lengths libpcap may swap") {
        bytes[20] = dlt::kIeee80211;
        bytes[6] = 3;
        reason = "pcap version other than 2.4";
    }
    SECTION("a link type other than the 802.11 ones") {}
    kismetcore::testing::write_file(path, bytes);
    CHECK(open_error(path, CaptureParser::builtin) ==
          path.string() + ": kismetcore's pcap reader leaves this file to libpcap: " + reason);
    const auto read = read_back(path);
    REQUIRE(read.packets.size() == 1);
    CHECK(read.packets[0].data == test_frame(60, 1));
    CHECK(read.last == ReadResult::end_of_file);
}
