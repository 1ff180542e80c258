// Walks the blocks before a pcapng file's first packet at open, to decide whether libpcap should read it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace kismetcore::capture {

struct PcapngScan {
    // One byte order, one link type, an interface before the first packet, and no damage, as far as the
    // scan went: libpcap should read such a file. Anything else goes to our own parser, which handles mixed
    // link types and names the damaged block.
    bool libpcap_can_read = false;
    std::uint32_t first_link_type = 0;  // DLT of the first interface; 0 when none was found
    // Set when the first section header itself is unreadable: the file cannot be opened at all.
    std::string unreadable;
    std::uint64_t unreadable_offset = 0;
};

// Reads from the current position (the start of the file) and leaves the position wherever it stopped: at
// the first packet block once an interface has been seen. With `first_interface_only`, stops at the first
// interface description: enough for link_type().
PcapngScan scan_pcapng(std::FILE* file, bool first_interface_only);

}  // namespace kismetcore::capture
