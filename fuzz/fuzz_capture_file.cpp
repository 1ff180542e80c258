// libFuzzer target: CaptureFileReader over arbitrary file contents (pcap and pcapng, libpcap and our own
// readers), then dissect_packet over every packet it delivers; and where our pcap reader takes a file, it must
// deliver what libpcap delivers.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/dissect/packet_dissector.h"

namespace {

// The reader takes a path, so each input goes through one scratch file per fuzzing process.
const std::string& scratch_path() {
    static const std::string path = "/tmp/kismetcore-fuzz-capture-" + std::to_string(::getpid());
    return path;
}

bool write_scratch(const std::uint8_t* data, std::size_t size) {
    std::FILE* file = std::fopen(scratch_path().c_str(), "wb");
    if (file == nullptr) return false;
    const bool written = std::fwrite(data, 1, size, file) == size;
    return std::fclose(file) == 0 && written;
}

// Our pcap reader against libpcap: the same packets, then the same end at the same offset.
void compare_pcap_readers() {
    using kismetcore::capture::CaptureFileReader;
    using kismetcore::capture::CaptureParser;
    using kismetcore::capture::ReadResult;
    std::string error;
    auto ours = CaptureFileReader::open(scratch_path(), 0, error, CaptureParser::builtin);
    if (!ours || ours->format() != kismetcore::capture::CaptureFormat::pcap) return;
    auto libpcaps = CaptureFileReader::open(scratch_path(), 0, error, CaptureParser::libpcap);
    if (!libpcaps) std::abort();
    kismetcore::capture::Packet our_packet, their_packet;
    for (;;) {
        const ReadResult our_result = ours->next(our_packet);
        if (libpcaps->next(their_packet) != our_result) std::abort();
        if (our_result != ReadResult::packet) break;
        if (our_packet.data != their_packet.data || our_packet.ts_sec != their_packet.ts_sec ||
            our_packet.ts_usec != their_packet.ts_usec || our_packet.original_length != their_packet.original_length ||
            our_packet.dlt != their_packet.dlt)
            std::abort();
    }
    if (ours->error_offset() != libpcaps->error_offset()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kismetcore::capture::CaptureFileReader;
    using kismetcore::capture::ReadResult;
    if (!write_scratch(data, size)) std::abort();

    std::string error;
    auto reader = CaptureFileReader::open(scratch_path(), 0, error);
    if (!reader) {
        if (error.empty()) std::abort();  // a refusal always says why
        return 0;
    }
    kismetcore::capture::Packet packet;
    kismetcore::dissect::DissectedPacket dissected;
    ReadResult result;
    std::uint64_t packets = 0;
    while ((result = reader->next(packet)) == ReadResult::packet) {
        // A delivered packet never claims more bytes than the file holds.
        if (packet.data.size() > size) std::abort();
        kismetcore::dissect::dissect_packet(packet, dissected);
        ++packets;
    }
    if (result == ReadResult::error && (reader->error().empty() || reader->error_offset() > size)) std::abort();
    if (reader->packets_read() != packets) std::abort();
    compare_pcap_readers();
    return 0;
}
