// The capture file reader backed by libpcap: every pcap file, and pcapng files libpcap can read whole.
#include "capture/libpcap_file_reader.h"

#include <pcap/pcap.h>

#include "capture/packet_bytes.h"

namespace kismetcore::capture {

namespace {

class LibpcapFileReader final : public CaptureFileReader {
public:
    LibpcapFileReader(std::filesystem::path path, CaptureFormat format, pcap_t* handle,
                      std::uint32_t record_header_size)
        : CaptureFileReader(std::move(path), format, static_cast<std::uint32_t>(pcap_datalink(handle))),
          handle_(handle),
          snapshot_(static_cast<std::uint32_t>(pcap_snapshot(handle))),
          record_header_size_(record_header_size) {}
    ~LibpcapFileReader() override { pcap_close(handle_); }
    LibpcapFileReader(const LibpcapFileReader&) = delete;
    LibpcapFileReader& operator=(const LibpcapFileReader&) = delete;

private:
    ReadResult read_next(Packet& packet) override {
        // Where the next record (pcap) or block (pcapng) starts: the offset to report if libpcap finds it damaged.
        // libpcap reads the file through this FILE, so its position before the call is that offset; asking it
        // (ftell) costs more than the rest of this function, so pcap records are counted instead (see below).
        if (!offset_known_) offset_ = file_position();
        pcap_pkthdr* header = nullptr;
        const u_char* data = nullptr;
        const int status = pcap_next_ex(handle_, &header, &data);
        if (status == 1) {
            const std::uint32_t captured = header->caplen;
            copy_packet_bytes(data, captured, packet.data);
            packet.ts_sec = header->ts.tv_sec;
            packet.ts_usec = static_cast<std::uint32_t>(header->ts.tv_usec);
            packet.dlt = link_type();
            packet.original_length = header->len;
            // A pcap record is its header and the captured bytes, unless libpcap cut a record longer than the
            // snap length down to it (the rest is skipped in the file): then the FILE is asked again.
            offset_ += record_header_size_ + captured;
            offset_known_ = record_header_size_ != 0 && captured < snapshot_;
            return ReadResult::packet;
        }
        if (status == PCAP_ERROR_BREAK) return ReadResult::end_of_file;
        const char* unit = format() == CaptureFormat::pcap ? "damaged record" : "damaged block";
        return fail(std::string(unit) + " (libpcap: " + pcap_geterr(handle_) + ")", offset_);
    }

    std::uint64_t file_position() const noexcept {
        const long position = std::ftell(pcap_file(handle_));
        return position < 0 ? 0 : static_cast<std::uint64_t>(position);
    }

    pcap_t* handle_;
    std::uint32_t snapshot_;
    // 0 when records cannot be counted (pcapng, unusual pcap variants): the FILE is asked before every read.
    std::uint32_t record_header_size_;
    std::uint64_t offset_ = 0;
    bool offset_known_ = false;
};

}  // namespace

std::unique_ptr<CaptureFileReader> open_libpcap_reader(const std::filesystem::path& path, StdioFile& file,
                                                       CaptureFormat format, std::uint32_t record_header_size,
                                                       std::string& error) {
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    // Microsecond precision: libpcap scales nanosecond pcap files and any pcapng if_tsresol down to it.
    pcap_t* handle = pcap_fopen_offline_with_tstamp_precision(file.get(), PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (handle == nullptr) {
        error = errbuf;  // libpcap leaves the FILE open on failure: it is still ours
        return nullptr;
    }
    file.release();  // pcap_close closes it from now on
    // Before pcap 2.4 captured and original length could be stored the other way round, and libpcap swaps
    // them back: the captured length it returns is then not the one in the file.
    if (pcap_major_version(handle) != 2 || pcap_minor_version(handle) < 4) record_header_size = 0;
    return std::make_unique<LibpcapFileReader>(path, format, handle, record_header_size);
}

}  // namespace kismetcore::capture
