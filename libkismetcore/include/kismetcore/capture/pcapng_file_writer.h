// Writes little-endian pcapng files with any number of interfaces, each with its own link type (as Kismet does).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "kismetcore/capture/packet.h"

namespace kismetcore::capture {

class OutputFile;

class PcapngFileWriter {
public:
    // Creates (or replaces) `path` and writes the section header. On failure returns nullptr and sets `error`.
    static std::unique_ptr<PcapngFileWriter> create(const std::filesystem::path& path, std::string& error);

    PcapngFileWriter(const PcapngFileWriter&) = delete;
    PcapngFileWriter& operator=(const PcapngFileWriter&) = delete;
    // Closes the file if close() was not called; errors are then lost, so call close() to see them.
    ~PcapngFileWriter();

    // Writes an Interface Description Block (microsecond timestamps, no snap length) and returns its
    // interface id, counting from 0 in the order interfaces were added.
    std::uint32_t add_interface(std::uint32_t dlt, std::string_view name = {});

    // Writes an Enhanced Packet Block. Fails for an interface id not yet added, a negative timestamp or
    // ts_usec >= 1000000. original_length 0 means "the captured length".
    bool write(std::uint32_t interface_id, const Packet& packet);
    bool write(std::uint32_t interface_id, std::int64_t ts_sec, std::uint32_t ts_usec,
               std::span<const std::uint8_t> bytes, std::uint32_t original_length);
    // Flushes and closes; false with error() set if any write failed. Further writes fail.
    bool close();

    [[nodiscard]] const std::string& error() const noexcept;
    [[nodiscard]] const std::filesystem::path& path() const noexcept;
    [[nodiscard]] std::uint32_t interface_count() const noexcept { return interface_count_; }
    [[nodiscard]] std::uint64_t packets_written() const noexcept { return packets_written_; }

private:
    explicit PcapngFileWriter(std::unique_ptr<OutputFile> file);

    std::unique_ptr<OutputFile> file_;
    std::uint32_t interface_count_ = 0;
    std::uint64_t packets_written_ = 0;
};

}  // namespace kismetcore::capture
