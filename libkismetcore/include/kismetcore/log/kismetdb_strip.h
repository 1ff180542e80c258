// A kismetdb without its packets: what Kismet's kismetdb_strip_packets makes, for keeping logs small.
#pragma once

#include <filesystem>
#include <string>

namespace kismetcore::log {

// Writes to `output` a copy of the log at `input` with every table and row but the packets and data rows, and
// compacted. Refuses an `output` that exists and an `input` that is not a readable kismetdb (KismetdbReader's
// reasons). False and `error` on failure, when no `output` is left behind.
bool strip_kismetdb_packets(const std::filesystem::path& input, const std::filesystem::path& output,
                            std::string& error);

}  // namespace kismetcore::log
