// A write-only file with a large buffer of its own, shared by the pcap and pcapng writers.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace kismetcore::capture {

// Writers append many small pieces (a 16-byte record header, then the frame); collecting them in one buffer
// and handing the OS large chunks is what lets a benchmark write a million packets quickly. The first error
// is sticky: later appends and close() report failure, and error() names the file.
class OutputFile {
public:
    static std::unique_ptr<OutputFile> create(const std::filesystem::path& path, std::string& error);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    bool append(std::span<const std::uint8_t> bytes);
    // Appends `count` zero bytes (pcapng padding).
    bool append_zeros(std::size_t count);
    bool close();
    // Sets error() to "<file>: <what>" and makes the file fail from now on.
    bool fail(const std::string& what);

    [[nodiscard]] bool ok() const noexcept { return error_.empty(); }
    [[nodiscard]] const std::string& error() const noexcept { return error_; }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    OutputFile(std::filesystem::path path, std::FILE* file);
    bool flush_buffer();

    std::filesystem::path path_;
    std::FILE* file_;
    std::vector<std::uint8_t> buffer_;
    std::size_t used_ = 0;
    std::string error_;
};

// Little-endian encoding into a fixed-size header array, so writers build each header in one place.
template <std::size_t N>
constexpr void put_le16(std::array<std::uint8_t, N>& out, std::size_t at, std::uint16_t value) noexcept {
    out[at] = static_cast<std::uint8_t>(value);
    out[at + 1] = static_cast<std::uint8_t>(value >> 8);
}
template <std::size_t N>
constexpr void put_le32(std::array<std::uint8_t, N>& out, std::size_t at, std::uint32_t value) noexcept {
    for (std::size_t i = 0; i < 4; ++i) out[at + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

}  // namespace kismetcore::capture
