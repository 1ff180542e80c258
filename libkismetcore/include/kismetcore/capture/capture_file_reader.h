// Reads pcap and pcapng capture files packet by packet, reporting damage with the file and byte offset.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "kismetcore/capture/packet.h"

namespace kismetcore::capture {

enum class ReadResult { packet, end_of_file, error };
enum class CaptureFormat { pcap, pcapng };

// Which parser reads a capture file. `automatic` picks kismetcore's own reader wherever it is known to deliver what
// libpcap delivers, and libpcap otherwise:
// - pcap: our reader takes version 2.4 files of the 802.11 link types (it reads several times faster than
//   pcap_next_ex); libpcap reads older versions, Kuznetzov's records and every other link type.
// - pcapng: libpcap reads a file whose block headers look sound and whose interfaces share one link type, and
//   our block parser reads it otherwise, or from the point where libpcap gives up: libpcap refuses mixed link
//   types (which Kismet writes) and cannot say which block was damaged.
// The other two values force one parser (tests, comparisons); `builtin` refuses a pcap file our reader leaves
// to libpcap.
enum class CaptureParser { automatic, libpcap, builtin };

// One open capture file. Replay is lossless and deterministic: every packet is delivered, in file order, and
// reading the same file again gives the same packets. After damage, every whole packet before it has been
// delivered and next() returns ReadResult::error from then on. Nothing on the read path throws, and once
// Packet::data has grown to the largest packet, reading allocates nothing.
class CaptureFileReader {
public:
    // Opens a pcap or pcapng file. On failure returns nullptr and sets `error` to "<file>: <reason>".
    static std::unique_ptr<CaptureFileReader> open(const std::filesystem::path& path, SourceId source,
                                                   std::string& error, CaptureParser parser = CaptureParser::automatic);

    CaptureFileReader(const CaptureFileReader&) = delete;
    CaptureFileReader& operator=(const CaptureFileReader&) = delete;
    virtual ~CaptureFileReader();

    // Fills `packet` with the next packet, reusing its buffer. end_of_file and error are sticky.
    ReadResult next(Packet& packet);

    // After ReadResult::error: "<file>: <what> at byte offset <N>"; empty otherwise.
    [[nodiscard]] const std::string& error() const noexcept { return error_; }
    // Byte offset of the damaged record or block (the start of its header).
    [[nodiscard]] std::uint64_t error_offset() const noexcept { return error_offset_; }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] CaptureFormat format() const noexcept { return format_; }
    // DLT of the file (pcap) or of its first interface (pcapng); 0 when a pcapng declares no interface.
    [[nodiscard]] std::uint32_t link_type() const noexcept { return link_type_; }
    [[nodiscard]] std::uint64_t packets_read() const noexcept { return packets_read_; }

protected:
    CaptureFileReader(std::filesystem::path path, CaptureFormat format, std::uint32_t link_type);

    // Reads the next packet's bytes, timestamp, DLT and original length. Damage is reported with fail().
    virtual ReadResult read_next(Packet& packet) = 0;
    // Records "<file>: <what> at byte offset <offset>" and returns ReadResult::error.
    ReadResult fail(std::string_view what, std::uint64_t offset);
    // Takes over the error of a reader this one delegates to (same file, so the message stands as it is).
    ReadResult adopt_error(const CaptureFileReader& inner);

private:
    std::filesystem::path path_;
    CaptureFormat format_;
    std::uint32_t link_type_;
    SourceId source_ = 0;
    std::uint64_t packets_read_ = 0;
    ReadResult final_result_ = ReadResult::packet;  // end_of_file or error once reached
    std::string error_;
    std::uint64_t error_offset_ = 0;
};

}  // namespace kismetcore::capture
