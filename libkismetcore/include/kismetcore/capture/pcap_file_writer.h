// Writes classic little-endian pcap files (microsecond timestamps) quickly, for tests, tools and exporters.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "kismetcore/capture/packet.h"

namespace kismetcore::capture {

class OutputFile;

class PcapFileWriter {
public:
    // Creates (or replaces) `path` and writes the file header. On failure returns nullptr and sets `error`.
    static std::unique_ptr<PcapFileWriter> create(const std::filesystem::path& path, std::uint32_t dlt,
                                                  std::string& error, std::uint32_t snaplen = 262144);

    PcapFileWriter(const PcapFileWriter&) = delete;
    PcapFileWriter& operator=(const PcapFileWriter&) = delete;
    // Closes the file if close() was not called; errors are then lost, so call close() to see them.
    ~PcapFileWriter();

    // Appends one record. Bytes beyond the snap length are cut, keeping the original length. The pcap format
    // stores seconds as a signed 32-bit number: a timestamp outside that range, or ts_usec >= 1000000, is
    // refused. original_length 0 means "the captured length". Returns false with error() set on failure.
    bool write(const Packet& packet);
    bool write(std::int64_t ts_sec, std::uint32_t ts_usec, std::span<const std::uint8_t> bytes,
               std::uint32_t original_length);
    // Flushes and closes; false with error() set if any write failed. Further writes fail.
    bool close();

    [[nodiscard]] const std::string& error() const noexcept;
    [[nodiscard]] const std::filesystem::path& path() const noexcept;
    [[nodiscard]] std::uint64_t packets_written() const noexcept { return packets_written_; }

private:
    PcapFileWriter(std::unique_ptr<OutputFile> file, std::uint32_t snaplen);

    std::unique_ptr<OutputFile> file_;
    std::uint32_t snaplen_;
    std::uint64_t packets_written_ = 0;
};

}  // namespace kismetcore::capture
