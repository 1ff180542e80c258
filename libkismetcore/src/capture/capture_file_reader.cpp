// Opens a capture file: checks it is a readable pcap or pcapng file and picks the parser that reads it.
#include "kismetcore/capture/capture_file_reader.h"

#include <cerrno>
#include <cstring>

#include "capture/libpcap_file_reader.h"
#include "capture/pcap_file_reader.h"
#include "capture/pcapng_fallback_reader.h"
#include "capture/pcapng_file_reader.h"
#include "capture/pcapng_format.h"
#include "capture/pcapng_scan.h"
#include "capture/stdio_file.h"
#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::capture {

namespace {

// Magic numbers of the pcap formats libpcap reads: microsecond, nanosecond and Kuznetzov's modified pcap,
// in either byte order (tcpdump.org/manpages/pcap-savefile.5).
bool is_pcap_magic(std::uint32_t magic) {
    for (std::uint32_t known : {0xa1b2c3d4u, 0xa1b23c4du, 0xa1b2cd34u})
        if (magic == known || magic == __builtin_bswap32(known)) return true;
    return false;
}

// Records of micro- and nanosecond pcap start with a 16-byte header. Kuznetzov's modified pcap has 24-byte
// headers, and libpcap makes further allowances for its variants, so its records are not counted (0).
std::uint32_t pcap_record_header_size(std::uint32_t magic) {
    for (std::uint32_t standard : {0xa1b2c3d4u, 0xa1b23c4du})
        if (magic == standard || magic == __builtin_bswap32(standard)) return 16;
    return 0;
}

std::string hex32(std::uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

// Opens a regular file for reading, or says why not.
StdioFile open_capture_file(const std::filesystem::path& path, std::string& error) {
    std::error_code status_error;
    const auto status = std::filesystem::status(path, status_error);
    if (status.type() == std::filesystem::file_type::not_found) {
        error = path.string() + ": no such file";
        return nullptr;
    }
    if (status_error) {
        error = path.string() + ": cannot open: " + status_error.message();
        return nullptr;
    }
    if (std::filesystem::is_directory(status)) {
        error = path.string() + ": is a directory, not a capture file";
        return nullptr;
    }
    // Both parsers may rewind the file, which pipes and devices cannot do.
    if (!std::filesystem::is_regular_file(status)) {
        error = path.string() + ": is not a regular file";
        return nullptr;
    }
    StdioFile file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        error = path.string() + ": cannot open: " + std::strerror(errno);
        return nullptr;
    }
    return file;
}

// Reads the first four bytes, which say the format, and rewinds.
bool read_magic(const std::filesystem::path& path, std::FILE* file, std::uint32_t& magic, std::string& error) {
    std::uint8_t magic_bytes[4] = {};
    const std::size_t got = std::fread(magic_bytes, 1, sizeof magic_bytes, file);
    if (got == 0) {
        error = path.string() + (std::ferror(file) ? ": cannot read: " + std::string(std::strerror(errno))
                                                   : ": empty file (zero length), not a capture");
        return false;
    }
    if (got < sizeof magic_bytes) {
        error = path.string() + ": too short to be a capture file (" + std::to_string(got) + " bytes)";
        return false;
    }
    ByteCursor cursor(magic_bytes);
    cursor.read_le32(magic);
    std::rewind(file);
    return true;
}

// Picks the parser for a pcapng file (see CaptureParser) after scanning the blocks before its first packet.
std::unique_ptr<CaptureFileReader> open_pcapng(const std::filesystem::path& path, StdioFile file, CaptureParser parser,
                                               std::string& error) {
    const PcapngScan scan = scan_pcapng(::fileno(file.get()), parser != CaptureParser::automatic);
    if (!scan.unreadable.empty()) {
        error = path.string() + ": not a readable pcapng file: " + scan.unreadable + " at byte offset " +
                std::to_string(scan.unreadable_offset);
        return nullptr;
    }
    if (parser == CaptureParser::libpcap || (parser == CaptureParser::automatic && scan.libpcap_can_read)) {
        std::string why;
        auto reader = open_libpcap_reader(path, file, CaptureFormat::pcapng, 0, why);
        if (parser == CaptureParser::libpcap) {
            if (!reader) error = path.string() + ": libpcap cannot read this pcapng file: " + why;
            return reader;
        }
        if (reader) return open_pcapng_fallback_reader(std::move(reader), scan.first_link_type);
        std::rewind(file.get());  // libpcap declined to open it: our own parser reads it instead
    }
    return open_pcapng_block_reader(path, std::move(file), scan.first_link_type);
}

// Our own reader where it reads the file as libpcap would (see CaptureParser), libpcap otherwise.
std::unique_ptr<CaptureFileReader> open_pcap(const std::filesystem::path& path, StdioFile& file, std::uint32_t magic,
                                             CaptureParser parser, std::string& error) {
    std::string why;
    if (parser != CaptureParser::libpcap) {
        if (auto reader = open_pcap_record_reader(path, file, why)) return reader;
        if (parser == CaptureParser::builtin) {
            error = path.string() + ": kismetcore's pcap reader leaves this file to libpcap: " + why;
            return nullptr;
        }
    }
    auto reader = open_libpcap_reader(path, file, CaptureFormat::pcap, pcap_record_header_size(magic), why);
    if (!reader) error = path.string() + ": cannot read as pcap: " + why;
    return reader;
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
                                                           std::string& error, CaptureParser parser) {
    StdioFile file = open_capture_file(path, error);
    if (!file) return nullptr;
    std::uint32_t magic = 0;
    if (!read_magic(path, file.get(), magic, error)) return nullptr;

    std::unique_ptr<CaptureFileReader> reader;
    if (is_pcap_magic(magic)) {
        reader = open_pcap(path, file, magic, parser, error);
    } else if (magic == pcapng::kSectionHeaderBlock) {
        reader = open_pcapng(path, std::move(file), parser, error);
    } else {
        error = path.string() + ": not a pcap or pcapng file (starts with " + hex32(magic) + ")";
    }
    if (reader) reader->source_ = source;
    return reader;
}

}  // namespace kismetcore::capture
