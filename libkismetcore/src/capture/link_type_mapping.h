// Translates between the LINKTYPE numbers stored in capture files and this platform's DLT numbers.
#pragma once

#include <cstdint>

namespace kismetcore::capture {

// A handful of LINKTYPE values differ from the DLT values of the same link layer, because operating systems
// disagreed on those DLTs. libpcap translates them when it reads and writes files, so our own pcapng parser
// and our writers do too, and a file gives the same DLTs whichever parser reads it
// (tcpdump.org/linktypes.html; libpcap pcap-common.c; values for Linux).
std::uint32_t dlt_from_linktype(std::uint32_t linktype) noexcept;
std::uint32_t linktype_from_dlt(std::uint32_t dlt) noexcept;

}  // namespace kismetcore::capture
