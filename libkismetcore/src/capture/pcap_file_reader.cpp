// kismetcore's own reader of classic pcap files (tcpdump.org/manpages/pcap-savefile.5), delivering exactly what
// libpcap 1.10 delivers for the files it accepts, from a read-ahead buffer instead of two freads per record.
#include "capture/pcap_file_reader.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "capture/link_type_mapping.h"
#include "capture/packet_bytes.h"
#include "capture/read_ahead_buffer.h"
#include "kismetcore/capture/packet.h"

namespace kismetcore::capture {

namespace {

constexpr std::size_t kFileHeaderSize = 24;
constexpr std::size_t kRecordHeaderSize = 16;
constexpr std::uint32_t kMicrosecondMagic = 0xa1b2c3d4;
constexpr std::uint32_t kNanosecondMagic = 0xa1b23c4d;
// libpcap's MAXIMUM_SNAPLEN: the longest record it accepts for every link type read here. A file header that
// announces no snap length, or a longer one, gets this one instead (pcap_adjust_snapshot).
constexpr std::uint32_t kMaximumSnapLength = 262144;
// The low 26 bits of the header's link type are the LINKTYPE; the bits above say how long an FCS is (LT_LINKTYPE).
constexpr std::uint32_t kLinkTypeMask = 0x03FFFFFF;
// Large enough for the longest record with its header, and large enough that a read per megabyte replaces the
// two freads per record libpcap makes.
constexpr std::size_t kReadAheadSize = 1024 * 1024;
static_assert(kReadAheadSize >= kRecordHeaderSize + kMaximumSnapLength);

constexpr std::array<std::uint32_t, 5> kOwnLinkTypes = {dlt::kIeee80211, dlt::kPrism, dlt::kRadiotap, dlt::kAvs,
                                                        dlt::kPpi};

std::uint32_t load32(const std::uint8_t* bytes, bool swapped) noexcept {
    std::uint32_t value = 0;
    std::memcpy(&value, bytes, sizeof value);
    return swapped ? __builtin_bswap32(value) : value;
}

std::uint16_t load16(const std::uint8_t* bytes, bool swapped) noexcept {
    std::uint16_t value = 0;
    std::memcpy(&value, bytes, sizeof value);
    return swapped ? __builtin_bswap16(value) : value;
}

struct PcapFileHeader {
    bool swapped = false;  // written in the other byte order than this machine's
    bool nanoseconds = false;
    std::uint32_t dlt = 0;
    std::uint32_t snapshot = 0;  // the snap length as libpcap adjusts it
};

// Reads and checks the file header; false with a reason when this reader leaves the file to libpcap.
bool read_file_header(int file_descriptor, PcapFileHeader& header, std::string& why_not) {
    std::uint8_t bytes[kFileHeaderSize];
    if (::pread(file_descriptor, bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
        why_not = "file header shorter than 24 bytes";
        return false;
    }
    std::uint32_t magic = load32(bytes, false);
    header.swapped = magic != kMicrosecondMagic && magic != kNanosecondMagic;
    if (header.swapped) magic = __builtin_bswap32(magic);
    if (magic != kMicrosecondMagic && magic != kNanosecondMagic) {
        why_not = "not a micro- or nanosecond pcap magic";
        return false;
    }
    header.nanoseconds = magic == kNanosecondMagic;
    // Before 2.4 the two lengths of a record may be stored the other way round, and libpcap guesses.
    if (load16(bytes + 4, header.swapped) != 2 || load16(bytes + 6, header.swapped) != 4) {
        why_not = "pcap version other than 2.4";
        return false;
    }
    header.dlt = dlt_from_linktype(load32(bytes + 20, header.swapped) & kLinkTypeMask);
    if (std::find(kOwnLinkTypes.begin(), kOwnLinkTypes.end(), header.dlt) == kOwnLinkTypes.end()) {
        why_not = "link type " + std::to_string(header.dlt) + " is not an 802.11 one";
        return false;
    }
    const std::uint32_t snaplen = load32(bytes + 16, header.swapped);
    header.snapshot = snaplen == 0 || snaplen > kMaximumSnapLength ? kMaximumSnapLength : snaplen;
    return true;
}

class PcapFileReader final : public CaptureFileReader {
public:
    PcapFileReader(std::filesystem::path path, StdioFile file, const PcapFileHeader& header)
        : CaptureFileReader(std::move(path), CaptureFormat::pcap, header.dlt),
          file_(std::move(file)),
          input_(::fileno(file_.get()), kFileHeaderSize, kReadAheadSize),
          header_(header) {}

private:
    ReadResult read_next(Packet& packet) override {
        const std::uint64_t record_offset = input_.offset();
        const std::span<const std::uint8_t> header = input_.peek(kRecordHeaderSize);
        if (header.size() < kRecordHeaderSize) {
            if (input_.read_error() != 0) return read_failed(record_offset);
            if (header.empty()) return ReadResult::end_of_file;
            return fail("truncated record header (" + std::to_string(header.size()) + " of 16 bytes)", record_offset);
        }
        const std::uint32_t captured = load32(header.data() + 8, header_.swapped);
        if (captured > kMaximumSnapLength)
            return fail("record captured length " + std::to_string(captured) + " exceeds the " +
                            std::to_string(kMaximumSnapLength) + "-byte maximum",
                        record_offset);
        const std::span<const std::uint8_t> record = input_.peek(kRecordHeaderSize + captured);
        if (record.size() < kRecordHeaderSize + captured) {
            if (input_.read_error() != 0) return read_failed(record_offset);
            return fail("truncated record (" + std::to_string(captured) + " captured bytes announced, the file ends " +
                            std::to_string(record.size() - kRecordHeaderSize) + " bytes into them)",
                        record_offset);
        }
        const std::uint8_t* fields = record.data();
        // libpcap reads both timestamp fields as signed 32-bit numbers (struct pcap_timeval) and scales
        // nanoseconds down by division; doing the same gives the same packets whichever reader reads a file.
        const auto seconds = static_cast<std::int32_t>(load32(fields, header_.swapped));
        const auto fraction = static_cast<std::int32_t>(load32(fields + 4, header_.swapped));
        packet.ts_sec = seconds;
        packet.ts_usec = static_cast<std::uint32_t>(header_.nanoseconds ? fraction / 1000 : fraction);
        packet.original_length = load32(fields + 12, header_.swapped);
        packet.dlt = header_.dlt;
        // A record longer than the file's snap length is delivered cut to it, as libpcap does; the file still
        // holds all of it.
        copy_packet_bytes(fields + kRecordHeaderSize, std::min(captured, header_.snapshot), packet.data);
        input_.consume(kRecordHeaderSize + captured);
        return ReadResult::packet;
    }

    ReadResult read_failed(std::uint64_t record_offset) {
        return fail(std::string("read error: ") + std::strerror(input_.read_error()), record_offset);
    }

    StdioFile file_;  // owns the descriptor input_ reads
    ReadAheadBuffer input_;
    PcapFileHeader header_;
};

}  // namespace

std::unique_ptr<CaptureFileReader> open_pcap_record_reader(const std::filesystem::path& path, StdioFile& file,
                                                           std::string& why_not) {
    PcapFileHeader header;
    if (!read_file_header(::fileno(file.get()), header, why_not)) return nullptr;
    return std::make_unique<PcapFileReader>(path, std::move(file), header);
}

}  // namespace kismetcore::capture
