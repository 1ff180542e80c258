// The capture file reader backed by libpcap: every pcap file, and pcapng files libpcap can read whole.
#include "capture/libpcap_file_reader.h"

#include <pcap/pcap.h>

namespace kismetcore::capture {

namespace {

class LibpcapFileReader final : public CaptureFileReader {
public:
    LibpcapFileReader(std::filesystem::path path, CaptureFormat format, pcap_t* handle)
        : CaptureFileReader(std::move(path), format, static_cast<std::uint32_t>(pcap_datalink(handle))),
          handle_(handle) {}
    ~LibpcapFileReader() override { pcap_close(handle_); }
    LibpcapFileReader(const LibpcapFileReader&) = delete;
    LibpcapFileReader& operator=(const LibpcapFileReader&) = delete;

private:
    ReadResult read_next(Packet& packet) override {
        // libpcap reads the file through this FILE, so its position before the call is where the next record
        // (pcap) or block (pcapng) starts: the offset to report if libpcap finds it damaged.
        const long offset = std::ftell(pcap_file(handle_));
        pcap_pkthdr* header = nullptr;
        const u_char* data = nullptr;
        const int status = pcap_next_ex(handle_, &header, &data);
        if (status == 1) {
            packet.data.assign(data, data + header->caplen);
            packet.ts_sec = header->ts.tv_sec;
            packet.ts_usec = static_cast<std::uint32_t>(header->ts.tv_usec);
            packet.dlt = link_type();
            packet.original_length = header->len;
            return ReadResult::packet;
        }
        if (status == PCAP_ERROR_BREAK) return ReadResult::end_of_file;
        const char* unit = format() == CaptureFormat::pcap ? "damaged record" : "damaged block";
        return fail(std::string(unit) + " (libpcap: " + pcap_geterr(handle_) + ")",
                    offset < 0 ? 0 : static_cast<std::uint64_t>(offset));
    }

    pcap_t* handle_;
};

}  // namespace

std::unique_ptr<CaptureFileReader> open_libpcap_reader(const std::filesystem::path& path, StdioFile& file,
                                                       CaptureFormat format, std::string& error) {
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    // Microsecond precision: libpcap scales nanosecond pcap files and any pcapng if_tsresol down to it.
    pcap_t* handle = pcap_fopen_offline_with_tstamp_precision(file.get(), PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (handle == nullptr) {
        error = errbuf;  // libpcap leaves the FILE open on failure: it is still ours
        return nullptr;
    }
    file.release();  // pcap_close closes it from now on
    return std::make_unique<LibpcapFileReader>(path, format, handle);
}

}  // namespace kismetcore::capture
