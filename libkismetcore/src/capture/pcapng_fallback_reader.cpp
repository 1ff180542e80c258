// Reads a pcapng file with libpcap, and hands over to our own parser if libpcap refuses something mid-file.
#include "capture/pcapng_fallback_reader.h"

#include <cstdio>

#include "capture/pcapng_file_reader.h"
#include "capture/stdio_file.h"

namespace kismetcore::capture {

namespace {

class PcapngFallbackReader final : public CaptureFileReader {
public:
    PcapngFallbackReader(std::unique_ptr<CaptureFileReader> libpcap_reader, std::uint32_t first_link_type)
        : CaptureFileReader(libpcap_reader->path(), CaptureFormat::pcapng, libpcap_reader->link_type()),
          libpcap_(std::move(libpcap_reader)),
          first_link_type_(first_link_type) {}

private:
    ReadResult read_next(Packet& packet) override {
        if (!ours_) {
            const ReadResult result = libpcap_->next(packet);
            if (result != ReadResult::error) return result;
            if (!hand_over()) return adopt_error(*libpcap_);
        }
        const ReadResult result = ours_->next(packet);
        return result == ReadResult::error ? adopt_error(*ours_) : result;
    }

    // Opens our parser and moves it past the packets libpcap delivered. False if it cannot get that far, in
    // which case libpcap's own error is the best account of the damage.
    bool hand_over() {
        StdioFile file(std::fopen(path().c_str(), "rb"));
        if (!file) return false;
        ours_ = open_pcapng_block_reader(path(), std::move(file), first_link_type_);
        Packet skipped;
        for (std::uint64_t i = 0; i < libpcap_->packets_read(); ++i)
            if (ours_->next(skipped) != ReadResult::packet) return false;
        return true;
    }

    std::unique_ptr<CaptureFileReader> libpcap_;
    std::unique_ptr<CaptureFileReader> ours_;
    std::uint32_t first_link_type_;
};

}  // namespace

std::unique_ptr<CaptureFileReader> open_pcapng_fallback_reader(std::unique_ptr<CaptureFileReader> libpcap_reader,
                                                               std::uint32_t first_link_type) {
    return std::make_unique<PcapngFallbackReader>(std::move(libpcap_reader), first_link_type);
}

}  // namespace kismetcore::capture
