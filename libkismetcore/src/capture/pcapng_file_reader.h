// kismetcore's own pcapng parser: mixed link types per interface, and damage reported by block offset.
#pragma once

#include <cstdint>
#include <memory>

#include "capture/stdio_file.h"
#include "kismetcore/capture/capture_file_reader.h"

namespace kismetcore::capture {

// Reads `file` from its start. `first_link_type` is what the scan at open found, for link_type().
std::unique_ptr<CaptureFileReader> open_pcapng_block_reader(const std::filesystem::path& path, StdioFile file,
                                                            std::uint32_t first_link_type);

}  // namespace kismetcore::capture
