// Reads a pcapng file with libpcap, and hands over to our own parser if libpcap refuses something mid-file.
#pragma once

#include <cstdint>
#include <memory>

#include "kismetcore/capture/capture_file_reader.h"

namespace kismetcore::capture {

// The scan at open only reads block headers and interface descriptions, so libpcap can still refuse a
// packet block it passed (a bad interface id, a caplen longer than its block) and it cannot name the
// damaged block. When libpcap stops with an error, our parser re-reads the file, skips the packets already
// delivered, and carries on: it either reads on, or reports the damage with the offset of the block.
std::unique_ptr<CaptureFileReader> open_pcapng_fallback_reader(std::unique_ptr<CaptureFileReader> libpcap_reader,
                                                               std::uint32_t first_link_type);

}  // namespace kismetcore::capture
