// The capture file reader backed by libpcap: every pcap file, and pcapng files libpcap can read whole.
#pragma once

#include <memory>
#include <string>

#include "capture/stdio_file.h"
#include "kismetcore/capture/capture_file_reader.h"

namespace kismetcore::capture {

// Hands `file` (positioned at its start) to libpcap. On failure returns nullptr, sets `error` to libpcap's
// reason, and gives the file back through `file` so the caller may try another parser.
std::unique_ptr<CaptureFileReader> open_libpcap_reader(const std::filesystem::path& path, StdioFile& file,
                                                       CaptureFormat format, std::string& error);

}  // namespace kismetcore::capture
