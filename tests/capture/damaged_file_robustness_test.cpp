// Randomly damaged capture files: the reader always stops cleanly, with packets or a located error.
#include <catch2/catch.hpp>

#include <random>

#include "allocation_counter.h"
#include "kismetcore/capture/capture_file_reader.h"
#include "support/capture_files.h"

using kismetcore::capture::CaptureParser;
using kismetcore::capture::ReadResult;
using kismetcore::testing::AllocationCounter;
using kismetcore::testing::PcapBytes;
using kismetcore::testing::PcapngBytes;
using kismetcore::testing::TempDir;
using kismetcore::testing::test_frame;
namespace dlt = kismetcore::capture::dlt;

namespace {

constexpr int kDamagedCopies = 150;

std::vector<std::uint8_t> sample_pcap() {
    PcapBytes pcap(dlt::kRadiotap);
    for (std::uint8_t i = 0; i < 20; ++i) pcap.record(i, i, test_frame(30u + i * 5u, i));
    return pcap.bytes();
}

std::vector<std::uint8_t> sample_pcapng() {
    PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.interface(dlt::kRadiotap, PcapngBytes::InterfaceOptions().with_tsresol(9));
    pcapng.interface(dlt::kIeee80211);
    for (std::uint8_t i = 0; i < 20; ++i) pcapng.enhanced_packet(i % 2u, i * 1000u, test_frame(30u + i * 5u, i));
    pcapng.simple_packet(test_frame(12, 1), 12);
    return pcapng.bytes();
}

// Overwrites a few random bytes, sometimes with 0xFF runs that make length fields huge, and sometimes cuts
// the file short. The first 4 bytes stay, so that open() gets past the magic number and the reader runs.
std::vector<std::uint8_t> damage(std::vector<std::uint8_t> bytes, std::mt19937& random) {
    std::uniform_int_distribution<std::size_t> position(4, bytes.size() - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    const int changes = std::uniform_int_distribution<int>(1, 8)(random);
    for (int i = 0; i < changes; ++i) {
        const std::size_t at = position(random);
        const bool saturate = byte(random) < 64;
        for (std::size_t j = at; j < std::min(bytes.size(), at + (saturate ? 4 : 1)); ++j)
            bytes[j] = saturate ? 0xFF : static_cast<std::uint8_t>(byte(random));
    }
    if (byte(random) < 64) bytes.resize(position(random));
    return bytes;
}

}  // namespace

TEST_CASE("randomly damaged pcap and pcapng files end in packets and a located error, never a crash", "[capture]") {
    const bool pcapng_file = GENERATE(false, true);
    const auto parser = GENERATE(CaptureParser::automatic, CaptureParser::builtin);
    const std::vector<std::uint8_t> original = pcapng_file ? sample_pcapng() : sample_pcap();
    TempDir dir;
    const auto path = dir.file(pcapng_file ? "damaged.pcapng" : "damaged.pcap");
    std::mt19937 random(pcapng_file ? 1234u : 5678u);
    for (int copy = 0; copy < kDamagedCopies; ++copy) {
        const std::vector<std::uint8_t> bytes = damage(original, random);
        kismetcore::testing::write_file(path, bytes);
        std::string error;
        auto reader = kismetcore::capture::CaptureFileReader::open(path, 0, error, parser);
        if (!reader) {
            CHECK_THAT(error, Catch::StartsWith(path.string() + ": "));
            continue;
        }
        INFO("copy " << copy);
        kismetcore::capture::Packet packet;
        ReadResult result;
        std::size_t largest = 0;
        {
            AllocationCounter counter;
            // Every packet takes at least 16 bytes of the file, which bounds how many there can be.
            for (std::size_t count = 0; (result = reader->next(packet)) == ReadResult::packet; ++count)
                REQUIRE(count < bytes.size() / 16);
            largest = counter.largest();
        }
        CHECK(largest <= 16u * 1024 * 1024);
        if (result == ReadResult::error) {
            CHECK_THAT(reader->error(), Catch::StartsWith(path.string() + ": "));
            CHECK(reader->error_offset() < bytes.size());
        }
    }
}
