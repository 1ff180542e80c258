// Walks a pcapng file's block headers at open to decide whether libpcap can read it.
#include "capture/pcapng_scan.h"

#include "capture/pcapng_block_stream.h"
#include "capture/pcapng_blocks.h"
#include "capture/pcapng_format.h"

namespace kismetcore::capture {

namespace {

bool is_packet_block(std::uint32_t type) {
    return type == pcapng::kEnhancedPacketBlock || type == pcapng::kSimplePacketBlock ||
           type == pcapng::kObsoletePacketBlock;
}

}  // namespace

PcapngScan scan_pcapng(int file_descriptor, bool first_interface_only) {
    PcapngScan scan;
    // The blocks before the first packet are few and short: a small buffer suffices (it grows for a long one).
    PcapngBlockStream stream(file_descriptor, 64 * 1024);
    PcapngBlock block;
    bool libpcap_ok = true;
    bool have_interface = false;
    std::uint32_t first_snaplen = 0;
    std::uint32_t section_interfaces = 0;
    bool first_section = true;
    bool first_big_endian = false;
    std::string what;
    // Only the blocks before the first packet are read: that is where writers put their interfaces, and it
    // keeps open() cheap on a large file. Whatever libpcap refuses later is caught by the hand-over to our
    // parser (pcapng_fallback_reader.h). Without any interface yet, the scan goes on to find the first one,
    // for link_type().
    bool saw_packet = false;
    while (!(have_interface && (first_interface_only || !libpcap_ok || saw_packet))) {
        const auto status = stream.next(block, /*read_body=*/false);
        if (status == PcapngBlockStream::Status::end_of_file) {
            scan.libpcap_can_read = libpcap_ok && have_interface;  // libpcap refuses a file with no interface
            return scan;
        }
        if (status == PcapngBlockStream::Status::error) {
            if (stream.error_offset() == 0) {
                scan.unreadable = stream.error_what();
                scan.unreadable_offset = 0;
            }
            return scan;
        }
        if (block.type == pcapng::kSectionHeaderBlock) {
            if (!parse_section_header(block.body, block.big_endian, what)) {
                if (block.offset == 0) scan.unreadable = what;
                return scan;
            }
            // libpcap refuses a later section whose byte order differs from the first one's.
            if (first_section) {
                first_big_endian = block.big_endian;
                first_section = false;
            } else if (block.big_endian != first_big_endian) {
                libpcap_ok = false;
            }
            section_interfaces = 0;
        } else if (block.type == pcapng::kInterfaceDescriptionBlock) {
            PcapngInterface interface;
            if (!parse_interface(block.body, block.big_endian, interface, what)) return scan;
            ++section_interfaces;
            if (!have_interface) {
                have_interface = true;
                scan.first_link_type = interface.dlt;
                first_snaplen = interface.snaplen;
            } else if (interface.dlt != scan.first_link_type || interface.snaplen != first_snaplen) {
                libpcap_ok = false;  // libpcap refuses interfaces whose link type or snap length differ
            }
        } else if (is_packet_block(block.type)) {
            saw_packet = true;
            // libpcap refuses a packet before any interface; our parser names its offset.
            if (section_interfaces == 0) libpcap_ok = false;
        }
    }
    scan.libpcap_can_read = libpcap_ok;
    return scan;
}

}  // namespace kismetcore::capture
