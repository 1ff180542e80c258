// Builds small pcap and pcapng files byte by byte for the capture tests, and reads captures back.
#include "support/capture_files.h"

#include <atomic>
#include <fstream>
#include <random>

#include <unistd.h>
#include <catch2/catch.hpp>

namespace kismetcore::testing {

namespace {
// pcapng block types and options used here (draft-ietf-opsawg-pcapng sections 4 and 3.5).
constexpr std::uint32_t kSectionHeader = 0x0A0D0D0A;
constexpr std::uint32_t kInterfaceDescription = 1;
constexpr std::uint32_t kObsoletePacket = 2;
constexpr std::uint32_t kSimplePacket = 3;
constexpr std::uint32_t kEnhancedPacket = 6;
constexpr std::uint16_t kIfTsResol = 9;
constexpr std::uint16_t kIfTsOffset = 14;
}  // namespace

TempDir::TempDir() {
    static std::atomic<unsigned> counter{0};
    std::random_device entropy;
    path_ = std::filesystem::temp_directory_path() / ("kismetcore-test-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(counter++) + "-" + std::to_string(entropy()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::vector<std::uint8_t> test_frame(std::size_t size, std::uint8_t seed) {
    std::vector<std::uint8_t> frame(size);
    for (std::size_t i = 0; i < size; ++i) frame[i] = static_cast<std::uint8_t>(seed * 31u + i * 7u);
    return frame;
}

void write_file(const std::filesystem::path& path, std::span<const std::uint8_t> bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
}

void truncate_file(const std::filesystem::path& path, std::uintmax_t size) {
    std::filesystem::resize_file(path, size);
}

PcapBytes::PcapBytes(std::uint32_t linktype, ByteOrder order, TimestampPrecision precision, std::uint32_t snaplen)
    : big_endian_(order == ByteOrder::big_endian) {
    put32(precision == TimestampPrecision::nanoseconds ? 0xa1b23c4du : 0xa1b2c3d4u);
    put16(2);
    put16(4);
    put32(0);  // thiszone
    put32(0);  // sigfigs
    put32(snaplen);
    put32(linktype);
}

std::uint64_t PcapBytes::record(std::uint32_t ts_sec, std::uint32_t fraction, std::span<const std::uint8_t> data,
                                std::uint32_t original_length) {
    const auto captured = static_cast<std::uint32_t>(data.size());
    const std::uint64_t offset =
        record_header(ts_sec, fraction, captured, original_length ? original_length : captured);
    bytes_.insert(bytes_.end(), data.begin(), data.end());
    return offset;
}

std::uint64_t PcapBytes::record_header(std::uint32_t ts_sec, std::uint32_t fraction, std::uint32_t captured_length,
                                       std::uint32_t original_length) {
    const std::uint64_t offset = bytes_.size();
    put32(ts_sec);
    put32(fraction);
    put32(captured_length);
    put32(original_length);
    return offset;
}

void PcapBytes::put32(std::uint32_t value) {
    for (int i = 0; i < 4; ++i) {
        const int shift = big_endian_ ? 24 - 8 * i : 8 * i;
        bytes_.push_back(static_cast<std::uint8_t>(value >> shift));
    }
}

void PcapBytes::put16(std::uint16_t value) {
    for (int i = 0; i < 2; ++i) {
        const int shift = big_endian_ ? 8 - 8 * i : 8 * i;
        bytes_.push_back(static_cast<std::uint8_t>(value >> shift));
    }
}

void PcapngBytes::put32(std::uint32_t value) {
    for (int i = 0; i < 4; ++i) {
        const int shift = big_endian_ ? 24 - 8 * i : 8 * i;
        bytes_.push_back(static_cast<std::uint8_t>(value >> shift));
    }
}

void PcapngBytes::put16(std::uint16_t value) {
    for (int i = 0; i < 2; ++i) {
        const int shift = big_endian_ ? 8 - 8 * i : 8 * i;
        bytes_.push_back(static_cast<std::uint8_t>(value >> shift));
    }
}

void PcapngBytes::put_option(std::uint16_t code, std::span<const std::uint8_t> value) {
    put16(code);
    put16(static_cast<std::uint16_t>(value.size()));
    bytes_.insert(bytes_.end(), value.begin(), value.end());
    while (bytes_.size() % 4 != 0) bytes_.push_back(0);
}

void PcapngBytes::finish_block(std::size_t start) {
    const auto length = static_cast<std::uint32_t>(bytes_.size() - start + 4);
    put32(length);
    // Patch the leading length, in the section's byte order, by writing it at the end and moving it.
    const std::vector<std::uint8_t> encoded(bytes_.end() - 4, bytes_.end());
    std::copy(encoded.begin(), encoded.end(), bytes_.begin() + static_cast<std::ptrdiff_t>(start + 4));
}

std::uint64_t PcapngBytes::section_header(ByteOrder order) {
    big_endian_ = order == ByteOrder::big_endian;
    const std::size_t start = bytes_.size();
    put32(kSectionHeader);
    put32(0);  // total length, patched by finish_block
    put32(0x1A2B3C4D);
    put16(1);
    put16(0);
    put32(0xFFFFFFFF);  // section length: unknown
    put32(0xFFFFFFFF);
    finish_block(start);
    return start;
}

std::uint64_t PcapngBytes::interface(std::uint16_t linktype, InterfaceOptions options) {
    const std::size_t start = bytes_.size();
    put32(kInterfaceDescription);
    put32(0);
    put16(linktype);
    put16(0);
    put32(options.snaplen);
    if (options.tsresol) put_option(kIfTsResol, std::span<const std::uint8_t>(&*options.tsresol, 1));
    if (options.tsoffset) {
        put16(kIfTsOffset);
        put16(8);
        const auto seconds = static_cast<std::uint64_t>(*options.tsoffset);
        if (big_endian_) {
            put32(static_cast<std::uint32_t>(seconds >> 32));
            put32(static_cast<std::uint32_t>(seconds));
        } else {
            put32(static_cast<std::uint32_t>(seconds));
            put32(static_cast<std::uint32_t>(seconds >> 32));
        }
    }
    if (options.tsresol || options.tsoffset) put32(0);  // opt_endofopt
    finish_block(start);
    return start;
}

std::uint64_t PcapngBytes::enhanced_packet(std::uint32_t interface_id, std::uint64_t timestamp,
                                           std::span<const std::uint8_t> data, std::uint32_t original_length) {
    const std::size_t start = bytes_.size();
    put32(kEnhancedPacket);
    put32(0);
    put32(interface_id);
    put32(static_cast<std::uint32_t>(timestamp >> 32));
    put32(static_cast<std::uint32_t>(timestamp));
    put32(static_cast<std::uint32_t>(data.size()));
    put32(original_length ? original_length : static_cast<std::uint32_t>(data.size()));
    bytes_.insert(bytes_.end(), data.begin(), data.end());
    while (bytes_.size() % 4 != 0) bytes_.push_back(0);
    finish_block(start);
    return start;
}

std::uint64_t PcapngBytes::simple_packet(std::span<const std::uint8_t> data, std::uint32_t original_length) {
    const std::size_t start = bytes_.size();
    put32(kSimplePacket);
    put32(0);
    put32(original_length);
    bytes_.insert(bytes_.end(), data.begin(), data.end());
    while (bytes_.size() % 4 != 0) bytes_.push_back(0);
    finish_block(start);
    return start;
}

std::uint64_t PcapngBytes::obsolete_packet(std::uint16_t interface_id, std::uint64_t timestamp,
                                           std::span<const std::uint8_t> data) {
    const std::size_t start = bytes_.size();
    put32(kObsoletePacket);
    put32(0);
    put16(interface_id);
    put16(0);  // drops count
    put32(static_cast<std::uint32_t>(timestamp >> 32));
    put32(static_cast<std::uint32_t>(timestamp));
    put32(static_cast<std::uint32_t>(data.size()));
    put32(static_cast<std::uint32_t>(data.size()));
    bytes_.insert(bytes_.end(), data.begin(), data.end());
    while (bytes_.size() % 4 != 0) bytes_.push_back(0);
    finish_block(start);
    return start;
}

std::uint64_t PcapngBytes::block(std::uint32_t type, std::span<const std::uint8_t> body) {
    const std::size_t start = bytes_.size();
    put32(type);
    put32(0);
    bytes_.insert(bytes_.end(), body.begin(), body.end());
    while (bytes_.size() % 4 != 0) bytes_.push_back(0);
    finish_block(start);
    return start;
}

std::uint64_t PcapngBytes::block_header(std::uint32_t type, std::uint32_t claimed_length) {
    const std::size_t start = bytes_.size();
    put32(type);
    put32(claimed_length);
    return start;
}

ReadBack read_back(const std::filesystem::path& path, capture::CaptureParser parser) {
    std::string error;
    auto reader = capture::CaptureFileReader::open(path, 7, error, parser);
    INFO(error);
    REQUIRE(reader);
    ReadBack result;
    result.format = reader->format();
    result.link_type = reader->link_type();
    capture::Packet packet;
    while ((result.last = reader->next(packet)) == capture::ReadResult::packet) result.packets.push_back(packet);
    result.error = reader->error();
    result.error_offset = reader->error_offset();
    return result;
}

bool same_packet(const capture::Packet& a, const capture::Packet& b) {
    return a.data == b.data && a.ts_sec == b.ts_sec && a.ts_usec == b.ts_usec && a.dlt == b.dlt &&
           a.original_length == b.original_length && a.source == b.source;
}

}  // namespace kismetcore::testing
