// The capture file reader backed by libpcap: every pcap file, and pcapng files libpcap can read whole.
#pragma once

#include <memory>
#include <string>

#include "capture/stdio_file.h"
#include "kismetcore/capture/capture_file_reader.h"

namespace kismetcore::capture {

// Hands `file` (positioned at its start) to libpcap. On failure returns nullptr, sets `error` to libpcap's
// reason, and gives the file back through `file` so the caller may try another parser.
// `record_header_size` is the size of a pcap record header (pcap_record_header_size), which lets the reader
// count its way through the file to know where each record starts; 0 (pcapng, unusual pcap variants) makes it
// ask the FILE before each read instead.
std::unique_ptr<CaptureFileReader> open_libpcap_reader(const std::filesystem::path& path, StdioFile& file,
                                                       CaptureFormat format, std::uint32_t record_header_size,
                                                       std::string& error);

}  // namespace kismetcore::capture
