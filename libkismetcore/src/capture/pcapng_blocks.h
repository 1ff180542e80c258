// Parses the bodies of the pcapng blocks kismetcore understands: section header, interface, packet blocks.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace kismetcore::capture {

// What an Interface Description Block says about the packets of its interface.
struct PcapngInterface {
    std::uint32_t dlt = 0;
    std::uint32_t snaplen = 0;  // 0: no limit
    // Timestamp ticks per second (if_tsresol, default 10^6) and seconds to add (if_tsoffset).
    std::uint64_t ticks_per_second = 1000000;
    std::int64_t offset_seconds = 0;
};

// What a packet block (enhanced, simple or obsolete) says; `data` points into the block body.
struct PcapngPacketFields {
    std::uint32_t interface_id = 0;
    std::uint64_t timestamp = 0;  // in ticks of the interface
    std::uint32_t original_length = 0;
    std::span<const std::uint8_t> data;
};

// Each parser returns false and sets `what` when the body is malformed; `what` is only touched on failure.
bool parse_section_header(std::span<const std::uint8_t> body, bool big_endian, std::string& what);
bool parse_interface(std::span<const std::uint8_t> body, bool big_endian, PcapngInterface& out, std::string& what);
bool parse_enhanced_packet(std::span<const std::uint8_t> body, bool big_endian, PcapngPacketFields& out,
                           std::string& what);
bool parse_obsolete_packet(std::span<const std::uint8_t> body, bool big_endian, PcapngPacketFields& out,
                           std::string& what);
// A Simple Packet Block belongs to interface 0 and carries min(original length, that interface's snaplen)
// bytes (section 4.4); it has no timestamp.
bool parse_simple_packet(std::span<const std::uint8_t> body, bool big_endian, std::uint32_t snaplen,
                         PcapngPacketFields& out, std::string& what);

// Converts a timestamp in the interface's ticks to seconds and microseconds, rounding down like libpcap.
void to_seconds_and_microseconds(const PcapngInterface& interface, std::uint64_t timestamp, std::int64_t& sec,
                                 std::uint32_t& usec) noexcept;

}  // namespace kismetcore::capture
