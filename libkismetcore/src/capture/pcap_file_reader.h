// kismetcore's own reader of classic pcap files of the 802.11 link types: the common case, read at full speed.
#pragma once

#include <memory>
#include <string>

#include "capture/stdio_file.h"
#include "kismetcore/capture/capture_file_reader.h"

namespace kismetcore::capture {

// Takes `file` over when its header is one this reader handles: micro- or nanosecond pcap in either byte order,
// version 2.4, of a link type kismetcore dissects as 802.11 (raw 802.11, Prism, radiotap, AVS, PPI). Otherwise
// returns nullptr, says why in `why_not` and leaves `file` with the caller, for libpcap to read: older format
// versions, Kuznetzov's records, and link types for which libpcap allows longer records or rewrites pseudo-headers.
std::unique_ptr<CaptureFileReader> open_pcap_record_reader(const std::filesystem::path& path, StdioFile& file,
                                                           std::string& why_not);

}  // namespace kismetcore::capture
