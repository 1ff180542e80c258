// Reading and writing allocate nothing per packet in steady state, and no length field causes a big allocation.
#include <catch2/catch.hpp>

#include "allocation_counter.h"
#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/capture/pcap_file_writer.h"
#include "kismetcore/capture/pcapng_file_writer.h"
#include "support/capture_files.h"

using kismetcore::capture::CaptureFileReader;
using kismetcore::capture::Packet;
using kismetcore::capture::ReadResult;
using kismetcore::testing::AllocationCounter;
using kismetcore::testing::TempDir;
using kismetcore::testing::test_frame;
namespace dlt = kismetcore::capture::dlt;

namespace {

constexpr int kPackets = 2000;

// Frames of varying length up to 1500 bytes; the largest comes first, so the buffer is grown by then.
std::vector<std::uint8_t> frame_for(int i) {
    return test_frame(i == 0 ? 1500 : 40u + static_cast<unsigned>(i % 900), 1);
}

}  // namespace

TEST_CASE("steady-state reading allocates nothing per packet", "[capture]") {
    // Our own readers read both: the radiotap pcap, and the pcapng whose interfaces mix link types.
    const bool pcapng_file = GENERATE(false, true);
    TempDir dir;
    const auto path = dir.file(pcapng_file ? "steady.pcapng" : "steady.pcap");
    std::string error;
    if (pcapng_file) {
        auto writer = kismetcore::capture::PcapngFileWriter::create(path, error);
        REQUIRE(writer);
        writer->add_interface(dlt::kRadiotap);
        writer->add_interface(dlt::kIeee80211);
        for (int i = 0; i < kPackets; ++i)
            REQUIRE(writer->write(static_cast<std::uint32_t>(i % 2), i, 0, frame_for(i), 0));
        REQUIRE(writer->close());
    } else {
        auto writer = kismetcore::capture::PcapFileWriter::create(path, dlt::kRadiotap, error);
        REQUIRE(writer);
        for (int i = 0; i < kPackets; ++i) REQUIRE(writer->write(i, 0, frame_for(i), 0));
        REQUIRE(writer->close());
    }
    auto reader = CaptureFileReader::open(path, 0, error);
    INFO(error);
    REQUIRE(reader);
    Packet packet;
    REQUIRE(reader->next(packet) == ReadResult::packet);  // grows the packet and block buffers to 1500 bytes
    REQUIRE(reader->next(packet) == ReadResult::packet);
    std::size_t allocations = 0;
    {
        AllocationCounter counter;
        while (reader->next(packet) == ReadResult::packet) {
        }
        allocations = counter.allocations();
    }
    CHECK(reader->packets_read() == kPackets);
    if (!AllocationCounter::available()) WARN("allocations are not counted in sanitizer builds");
    CHECK(allocations == 0);
}

TEST_CASE("writing packets allocates nothing per packet", "[capture]") {
    TempDir dir;
    std::string error;
    auto pcap = kismetcore::capture::PcapFileWriter::create(dir.file("w.pcap"), dlt::kRadiotap, error);
    auto pcapng = kismetcore::capture::PcapngFileWriter::create(dir.file("w.pcapng"), error);
    REQUIRE(pcap);
    REQUIRE(pcapng);
    pcapng->add_interface(dlt::kRadiotap);
    const auto frame = test_frame(300, 1);
    std::size_t allocations = 0;
    {
        AllocationCounter counter;
        for (int i = 0; i < kPackets; ++i) {
            pcap->write(i, 0, frame, 0);
            pcapng->write(0, i, 0, frame, 0);
        }
        allocations = counter.allocations();
    }
    if (!AllocationCounter::available()) WARN("allocations are not counted in sanitizer builds");
    CHECK(allocations == 0);
    CHECK(pcap->close());
    CHECK(pcapng->close());
}

TEST_CASE("a lying pcapng block length never causes an allocation beyond the 16 MiB cap", "[capture]") {
    TempDir dir;
    const auto path = dir.file("liar.pcapng");
    // Just under the cap (believed, then found cut short), far over it, and the largest signed length.
    const std::uint32_t claimed = GENERATE(16u * 1024 * 1024 - 4, 0xFFFFFFF0u, 0x7FFFFFFCu);
    kismetcore::testing::PcapngBytes pcapng;
    pcapng.section_header();
    pcapng.interface(dlt::kRadiotap);
    pcapng.block_header(6, claimed);
    kismetcore::testing::write_file(path, pcapng.bytes());

    std::string error;
    auto reader = CaptureFileReader::open(path, 0, error);
    REQUIRE(reader);
    Packet packet;
    AllocationCounter counter;
    CHECK(reader->next(packet) == ReadResult::error);
    CHECK(counter.largest() <= 16u * 1024 * 1024);
}
