// Writes classic little-endian pcap files (microsecond timestamps) quickly, for tests, tools and exporters.
#include "kismetcore/capture/pcap_file_writer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>

#include "capture/link_type_mapping.h"
#include "capture/output_file.h"

namespace kismetcore::capture {

namespace {
// The libpcap file format (tcpdump.org/manpages/pcap-savefile.5): magic, version 2.4, zone, sigfigs,
// snaplen, link type; then per record seconds, microseconds, captured length, original length.
constexpr std::uint32_t kMicrosecondMagic = 0xa1b2c3d4;
constexpr std::size_t kFileHeaderSize = 24;
constexpr std::size_t kRecordHeaderSize = 16;
}  // namespace

std::unique_ptr<PcapFileWriter> PcapFileWriter::create(const std::filesystem::path& path, std::uint32_t dlt,
                                                       std::string& error, std::uint32_t snaplen) {
    if (snaplen == 0) {
        error = path.string() + ": snap length must be positive";
        return nullptr;
    }
    auto file = OutputFile::create(path, error);
    if (!file) return nullptr;
    std::array<std::uint8_t, kFileHeaderSize> header{};
    put_le32(header, 0, kMicrosecondMagic);
    put_le16(header, 4, 2);
    put_le16(header, 6, 4);
    put_le32(header, 16, snaplen);
    put_le32(header, 20, linktype_from_dlt(dlt));
    if (!file->append(header)) {
        error = file->error();
        return nullptr;
    }
    return std::unique_ptr<PcapFileWriter>(new PcapFileWriter(std::move(file), snaplen));
}

PcapFileWriter::PcapFileWriter(std::unique_ptr<OutputFile> file, std::uint32_t snaplen)
    : file_(std::move(file)), snaplen_(snaplen) {}

PcapFileWriter::~PcapFileWriter() = default;

bool PcapFileWriter::write(const Packet& packet) {
    return write(packet.ts_sec, packet.ts_usec, packet.bytes(), packet.original_length);
}

bool PcapFileWriter::write(std::int64_t ts_sec, std::uint32_t ts_usec, std::span<const std::uint8_t> bytes,
                           std::uint32_t original_length) {
    if (!file_->ok()) return false;
    // libpcap reads the seconds field as a signed 32-bit number; refuse what would not read back the same.
    if (ts_sec < std::numeric_limits<std::int32_t>::min() || ts_sec > std::numeric_limits<std::int32_t>::max())
        return file_->fail("timestamp " + std::to_string(ts_sec) + " does not fit a pcap record");
    if (ts_usec >= 1000000) return file_->fail("microseconds " + std::to_string(ts_usec) + " out of range");
    const auto captured = static_cast<std::uint32_t>(std::min<std::size_t>(bytes.size(), snaplen_));
    // The original length is never less than what was handed to us, even if the caller left it 0.
    const auto whole = static_cast<std::uint32_t>(std::min<std::size_t>(bytes.size(), UINT32_MAX));
    std::array<std::uint8_t, kRecordHeaderSize> header{};
    put_le32(header, 0, static_cast<std::uint32_t>(ts_sec));
    put_le32(header, 4, ts_usec);
    put_le32(header, 8, captured);
    put_le32(header, 12, std::max(original_length, whole));
    if (!file_->append(header) || !file_->append(bytes.first(captured))) return false;
    ++packets_written_;
    return true;
}

bool PcapFileWriter::close() {
    return file_->close();
}

const std::string& PcapFileWriter::error() const noexcept {
    return file_->error();
}

const std::filesystem::path& PcapFileWriter::path() const noexcept {
    return file_->path();
}

}  // namespace kismetcore::capture
