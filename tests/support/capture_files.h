// Builds small pcap and pcapng files byte by byte for the capture tests, and reads captures back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/capture/packet.h"

namespace kismetcore::testing {

// A fresh directory under the system temp directory, removed with its contents when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] std::filesystem::path file(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// `size` deterministic bytes that differ with `seed`, so a lost or reordered packet shows up in a comparison.
std::vector<std::uint8_t> test_frame(std::size_t size, std::uint8_t seed);

void write_file(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);
// Cuts a file to its first `size` bytes, as a crash or a full disk would.
void truncate_file(const std::filesystem::path& path, std::uintmax_t size);

enum class ByteOrder { little_endian, big_endian };
enum class TimestampPrecision { microseconds, nanoseconds };

// A classic pcap file in memory (tcpdump.org/manpages/pcap-savefile.5), in either byte order, with micro- or
// nanosecond timestamps. Each append returns the byte offset where it starts.
class PcapBytes {
public:
    explicit PcapBytes(std::uint32_t linktype, ByteOrder order = ByteOrder::little_endian,
                       TimestampPrecision precision = TimestampPrecision::microseconds, std::uint32_t snaplen = 65535);

    // `fraction` is micro- or nanoseconds, as the file's magic says; original_length 0 means data.size().
    std::uint64_t record(std::uint32_t ts_sec, std::uint32_t fraction, std::span<const std::uint8_t> data,
                         std::uint32_t original_length = 0);
    // Only a record header, with whatever captured length it is told to claim: for damaged files.
    std::uint64_t record_header(std::uint32_t ts_sec, std::uint32_t fraction, std::uint32_t captured_length,
                                std::uint32_t original_length);

    [[nodiscard]] const std::vector<std::uint8_t>& bytes() const noexcept { return bytes_; }

private:
    void put32(std::uint32_t value);
    void put16(std::uint16_t value);

    bool big_endian_;
    std::vector<std::uint8_t> bytes_;
};

// A pcapng file in memory (draft-ietf-opsawg-pcapng), block by block; sections may differ in byte order.
// Each append returns the byte offset where its block starts.
class PcapngBytes {
public:
    struct InterfaceOptions {
        std::uint32_t snaplen = 0;             // 0: no limit
        std::optional<std::uint8_t> tsresol;   // if_tsresol; absent means the default, microseconds
        std::optional<std::int64_t> tsoffset;  // if_tsoffset, seconds

        InterfaceOptions& with_snaplen(std::uint32_t value) {
            snaplen = value;
            return *this;
        }
        InterfaceOptions& with_tsresol(std::uint8_t value) {
            tsresol = value;
            return *this;
        }
        InterfaceOptions& with_tsoffset(std::int64_t value) {
            tsoffset = value;
            return *this;
        }
    };

    std::uint64_t section_header(ByteOrder order = ByteOrder::little_endian);
    std::uint64_t interface(std::uint16_t linktype, InterfaceOptions options);
    std::uint64_t interface(std::uint16_t linktype) { return interface(linktype, InterfaceOptions{}); }
    // `timestamp` is in ticks of the interface's if_tsresol; original_length 0 means data.size().
    std::uint64_t enhanced_packet(std::uint32_t interface_id, std::uint64_t timestamp,
                                  std::span<const std::uint8_t> data, std::uint32_t original_length = 0);
    std::uint64_t simple_packet(std::span<const std::uint8_t> data, std::uint32_t original_length);
    std::uint64_t obsolete_packet(std::uint16_t interface_id, std::uint64_t timestamp,
                                  std::span<const std::uint8_t> data);
    // Any block, such as one of a type readers must skip; the body is padded to 32 bits.
    std::uint64_t block(std::uint32_t type, std::span<const std::uint8_t> body);
    // Only a block header, with whatever total length it is told to claim: for damaged files.
    std::uint64_t block_header(std::uint32_t type, std::uint32_t claimed_length);

    [[nodiscard]] const std::vector<std::uint8_t>& bytes() const noexcept { return bytes_; }

private:
    void put32(std::uint32_t value);
    void put16(std::uint16_t value);
    void put_option(std::uint16_t code, std::span<const std::uint8_t> value);
    // Writes the block's total length into its header and appends it again as the trailer.
    void finish_block(std::size_t start);

    bool big_endian_ = false;
    std::vector<std::uint8_t> bytes_;
};

// Everything a reader delivered from one file, and how it stopped.
struct ReadBack {
    std::vector<capture::Packet> packets;
    capture::ReadResult last = capture::ReadResult::packet;
    std::string error;
    std::uint64_t error_offset = 0;
    capture::CaptureFormat format = capture::CaptureFormat::pcap;
    std::uint32_t link_type = 0;
};

// Opens `path` (failing the test if it cannot) and reads it to the end or the first error.
ReadBack read_back(const std::filesystem::path& path,
                   capture::CaptureParser parser = capture::CaptureParser::automatic);

// Packets compare equal when every field the reader fills is equal.
bool same_packet(const capture::Packet& a, const capture::Packet& b);

}  // namespace kismetcore::testing
