// Writes little-endian pcapng files with any number of interfaces, each with its own link type (as Kismet does).
#include "kismetcore/capture/pcapng_file_writer.h"

#include <algorithm>
#include <array>
#include <limits>

#include "capture/link_type_mapping.h"
#include "capture/output_file.h"
#include "capture/pcapng_format.h"

namespace kismetcore::capture {

namespace {

constexpr std::size_t padding_to_32_bits(std::size_t length) {
    return (4 - length % 4) % 4;
}

// Option header plus value plus padding, as it takes space in a block (section 3.5).
constexpr std::size_t option_size(std::size_t value_length) {
    return 4 + value_length + padding_to_32_bits(value_length);
}

constexpr std::string_view kApplication = "kismetcore";

}  // namespace

std::unique_ptr<PcapngFileWriter> PcapngFileWriter::create(const std::filesystem::path& path, std::string& error) {
    auto file = OutputFile::create(path, error);
    if (!file) return nullptr;
    // Section Header Block: type, length, byte-order magic, version 1.0, section length -1 (unknown),
    // shb_userappl, end of options, length.
    const std::size_t length = 24 + option_size(kApplication.size()) + 4 + 4;
    std::array<std::uint8_t, 24> header{};
    put_le32(header, 0, pcapng::kSectionHeaderBlock);
    put_le32(header, 4, static_cast<std::uint32_t>(length));
    put_le32(header, 8, pcapng::kByteOrderMagic);
    put_le16(header, 12, pcapng::kMajorVersion);
    put_le16(header, 14, 0);
    put_le32(header, 16, 0xFFFFFFFFu);
    put_le32(header, 20, 0xFFFFFFFFu);
    std::array<std::uint8_t, 4> option{};
    put_le16(option, 0, pcapng::kOptionShbUserAppl);
    put_le16(option, 2, static_cast<std::uint16_t>(kApplication.size()));
    std::array<std::uint8_t, 8> trailer{};  // end of options, then the length again
    put_le32(trailer, 4, static_cast<std::uint32_t>(length));
    const auto* name = reinterpret_cast<const std::uint8_t*>(kApplication.data());
    if (!file->append(header) || !file->append(option) || !file->append({name, kApplication.size()}) ||
        !file->append_zeros(padding_to_32_bits(kApplication.size())) || !file->append(trailer)) {
        error = file->error();
        return nullptr;
    }
    return std::unique_ptr<PcapngFileWriter>(new PcapngFileWriter(std::move(file)));
}

PcapngFileWriter::PcapngFileWriter(std::unique_ptr<OutputFile> file) : file_(std::move(file)) {}

PcapngFileWriter::~PcapngFileWriter() = default;

std::uint32_t PcapngFileWriter::add_interface(std::uint32_t dlt, std::string_view name) {
    // Interface Description Block: link type, reserved, snaplen 0 (no limit), if_name, if_tsresol 6
    // (microseconds, stated although it is the default so that readers need not know that), end of options.
    name = name.substr(0, std::numeric_limits<std::uint16_t>::max());
    const std::size_t name_size = name.empty() ? 0 : option_size(name.size());
    const std::size_t length = 16 + name_size + option_size(1) + 4 + 4;
    std::array<std::uint8_t, 16> header{};
    put_le32(header, 0, pcapng::kInterfaceDescriptionBlock);
    put_le32(header, 4, static_cast<std::uint32_t>(length));
    put_le16(header, 8, static_cast<std::uint16_t>(linktype_from_dlt(dlt)));
    file_->append(header);
    if (!name.empty()) {
        std::array<std::uint8_t, 4> option{};
        put_le16(option, 0, pcapng::kOptionIfName);
        put_le16(option, 2, static_cast<std::uint16_t>(name.size()));
        file_->append(option);
        file_->append({reinterpret_cast<const std::uint8_t*>(name.data()), name.size()});
        file_->append_zeros(padding_to_32_bits(name.size()));
    }
    std::array<std::uint8_t, 16> tail{};  // if_tsresol, end of options, length
    put_le16(tail, 0, pcapng::kOptionIfTsResol);
    put_le16(tail, 2, 1);
    tail[4] = pcapng::kDefaultTsResol;
    put_le32(tail, 12, static_cast<std::uint32_t>(length));
    file_->append(tail);
    return interface_count_++;
}

bool PcapngFileWriter::write(std::uint32_t interface_id, const Packet& packet) {
    return write(interface_id, packet.ts_sec, packet.ts_usec, packet.bytes(), packet.original_length);
}

bool PcapngFileWriter::write(std::uint32_t interface_id, std::int64_t ts_sec, std::uint32_t ts_usec,
                             std::span<const std::uint8_t> bytes, std::uint32_t original_length) {
    if (!file_->ok()) return false;
    if (interface_id >= interface_count_)
        return file_->fail("packet for interface " + std::to_string(interface_id) + " before add_interface");
    // Microseconds since 1970 must fit the block's 64-bit timestamp.
    constexpr std::int64_t kLastSecond =
        static_cast<std::int64_t>(std::numeric_limits<std::uint64_t>::max() / 1000000u) - 1;
    if (ts_sec < 0 || ts_sec > kLastSecond || ts_usec >= 1000000)
        return file_->fail("timestamp " + std::to_string(ts_sec) + "." + std::to_string(ts_usec) +
                           " cannot be stored in microseconds since 1970");
    // Leave room for the block's own 32 bytes under the 16 MiB that readers (ours, libpcap) accept.
    if (bytes.size() > pcapng::kMaxBlockLength - 64)
        return file_->fail("packet of " + std::to_string(bytes.size()) + " bytes is too large for a pcapng block");
    const auto captured = static_cast<std::uint32_t>(bytes.size());
    const std::size_t length = 28 + captured + padding_to_32_bits(captured) + 4;
    const std::uint64_t stamp = static_cast<std::uint64_t>(ts_sec) * 1000000u + ts_usec;
    // Enhanced Packet Block (section 4.3): interface, timestamp high and low, captured and original length.
    std::array<std::uint8_t, 28> header{};
    put_le32(header, 0, pcapng::kEnhancedPacketBlock);
    put_le32(header, 4, static_cast<std::uint32_t>(length));
    put_le32(header, 8, interface_id);
    put_le32(header, 12, static_cast<std::uint32_t>(stamp >> 32));
    put_le32(header, 16, static_cast<std::uint32_t>(stamp));
    put_le32(header, 20, captured);
    put_le32(header, 24, std::max(original_length, captured));
    std::array<std::uint8_t, 4> trailer{};
    put_le32(trailer, 0, static_cast<std::uint32_t>(length));
    if (!file_->append(header) || !file_->append(bytes) || !file_->append_zeros(padding_to_32_bits(captured)) ||
        !file_->append(trailer))
        return false;
    ++packets_written_;
    return true;
}

bool PcapngFileWriter::close() {
    return file_->close();
}

const std::string& PcapngFileWriter::error() const noexcept {
    return file_->error();
}

const std::filesystem::path& PcapngFileWriter::path() const noexcept {
    return file_->path();
}

}  // namespace kismetcore::capture
