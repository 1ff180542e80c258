// Opens a capture file: checks it is a readable pcap or pcapng file and picks the parser that reads it.
#include "kismetcore/capture/capture_file_reader.h"

#include <cerrno>
#include <cstring>

#include "capture/libpcap_file_reader.h"
#include "capture/pcapng_fallback_reader.h"
#include "capture/pcapng_file_reader.h"
#include "capture/pcapng_format.h"
#include "capture/pcapng_scan.h"
#include "capture/stdio_file.h"
#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::capture {

namespace {

// Reading in large chunks matters more than anything else for replay speed.
constexpr std::size_t kReadBufferSize = 256 * 1024;

// Magic numbers of the pcap formats libpcap reads: microsecond, nanosecond and Kuznetzov's modified pcap,
// in either byte order (tcpdump.org/manpages/pcap-savefile.5).
bool is_pcap_magic(std::uint32_t magic) {
    for (std::uint32_t known : {0xa1b2c3d4u, 0xa1b23c4du, 0xa1b2cd34u})
        if (magic == known || magic == __builtin_bswap32(known)) return true;
    return false;
}

std::string hex32(std::uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

}  // namespace

CaptureFileReader::CaptureFileReader(std::filesystem::path path, CaptureFormat format, std::uint32_t link_type)
    : path_(std::move(path)), format_(format), link_type_(link_type) {}

CaptureFileReader::~CaptureFileReader() = default;

ReadResult CaptureFileReader::next(Packet& packet) {
    if (final_result_ != ReadResult::packet) return final_result_;
    const ReadResult result = read_next(packet);
    if (result == ReadResult::packet) {
        packet.source = source_;
        ++packets_read_;
    } else {
        final_result_ = result;
    }
    return result;
}

ReadResult CaptureFileReader::fail(std::string_view what, std::uint64_t offset) {
    error_ = path_.string();
    error_ += ": ";
    error_ += what;
    error_ += " at byte offset ";
    error_ += std::to_string(offset);
    error_offset_ = offset;
    return ReadResult::error;
}

ReadResult CaptureFileReader::adopt_error(const CaptureFileReader& inner) {
    error_ = inner.error_;
    error_offset_ = inner.error_offset_;
    return ReadResult::error;
}

std::unique_ptr<CaptureFileReader> CaptureFileReader::open(const std::filesystem::path& path, SourceId source,
                                                           std::string& error, PcapngParser parser) {
    const std::string name = path.string();
    std::error_code status_error;
    const auto status = std::filesystem::status(path, status_error);
    if (!std::filesystem::exists(status)) {
        error = name + ": no such file";
        return nullptr;
    }
    if (std::filesystem::is_directory(status)) {
        error = name + ": is a directory, not a capture file";
        return nullptr;
    }
    // Both parsers may rewind the file, which pipes and devices cannot do.
    if (!std::filesystem::is_regular_file(status)) {
        error = name + ": is not a regular file";
        return nullptr;
    }
    StdioFile file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        error = name + ": cannot open: " + std::strerror(errno);
        return nullptr;
    }
    std::setvbuf(file.get(), nullptr, _IOFBF, kReadBufferSize);

    std::uint8_t magic_bytes[4] = {};
    const std::size_t got = std::fread(magic_bytes, 1, sizeof magic_bytes, file.get());
    if (got == 0) {
        error = name + (std::ferror(file.get()) ? ": cannot read: " + std::string(std::strerror(errno))
                                                : ": empty file (zero length), not a capture");
        return nullptr;
    }
    if (got < sizeof magic_bytes) {
        error = name + ": too short to be a capture file (" + std::to_string(got) + " bytes)";
        return nullptr;
    }
    ByteCursor cursor(magic_bytes);
    std::uint32_t magic = 0;
    cursor.read_le32(magic);
    std::rewind(file.get());

    std::unique_ptr<CaptureFileReader> reader;
    if (is_pcap_magic(magic)) {
        std::string why;
        reader = open_libpcap_reader(path, file, CaptureFormat::pcap, why);
        if (!reader) {
            error = name + ": cannot read as pcap: " + why;
            return nullptr;
        }
    } else if (magic == pcapng::kSectionHeaderBlock) {
        const PcapngScan scan = scan_pcapng(file.get(), parser != PcapngParser::automatic);
        if (!scan.unreadable.empty()) {
            error = name + ": not a readable pcapng file: " + scan.unreadable + " at byte offset " +
                    std::to_string(scan.unreadable_offset);
            return nullptr;
        }
        std::rewind(file.get());
        std::string why;
        const bool try_libpcap =
            parser == PcapngParser::libpcap || (parser == PcapngParser::automatic && scan.libpcap_can_read);
        if (try_libpcap) reader = open_libpcap_reader(path, file, CaptureFormat::pcapng, why);
        if (!reader && parser == PcapngParser::libpcap) {
            error = name + ": libpcap cannot read this pcapng file: " + why;
            return nullptr;
        }
        if (reader && parser == PcapngParser::automatic)
            reader = open_pcapng_fallback_reader(std::move(reader), scan.first_link_type);
        // Whatever libpcap could not open, our own parser reads, naming the block where it stops.
        if (!reader) {
            std::rewind(file.get());
            reader = open_pcapng_block_reader(path, std::move(file), scan.first_link_type);
        }
    } else {
        error = name + ": not a pcap or pcapng file (starts with " + hex32(magic) + ")";
        return nullptr;
    }
    reader->source_ = source;
    return reader;
}

}  // namespace kismetcore::capture
