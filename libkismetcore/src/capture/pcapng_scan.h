// Walks the blocks before a pcapng file's first packet at open, to decide whether libpcap should read it.
#pragma once

#include <cstdint>
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

// Reads the file from its start with pread, so the file's position does not move. Stops at the first packet
// block once an interface has been seen; with `first_interface_only`, at the first interface description:
// enough for link_type().
PcapngScan scan_pcapng(int file_descriptor, bool first_interface_only);

}  // namespace kismetcore::capture
