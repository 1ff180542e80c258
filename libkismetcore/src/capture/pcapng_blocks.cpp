// Parses the bodies of the pcapng blocks kismetcore understands: section header, interface, packet blocks.
#include "capture/pcapng_blocks.h"

#include <utility>

#include "capture/link_type_mapping.h"
#include "capture/pcapng_block_stream.h"
#include "capture/pcapng_format.h"
#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::capture {

namespace {

__extension__ typedef unsigned __int128 Uint128;  // exact tick conversion for any if_tsresol

// Reads the packet data that follows a packet block's fixed fields, padded to 32 bits.
bool read_packet_data(ByteCursor& cursor, std::uint32_t captured, const char* block, PcapngPacketFields& out,
                      std::string& what) {
    if (!cursor.read_bytes(captured, out.data)) {
        what = std::string(block) + " claims " + std::to_string(captured) + " captured bytes but holds only " +
               std::to_string(cursor.remaining());
        return false;
    }
    return true;
}

bool parse_timestamp_resolution(std::uint8_t resolution, std::uint64_t& ticks, std::string& what) {
    const unsigned exponent = resolution & 0x7Fu;
    if ((resolution & pcapng::kTsResolPowerOfTwo) != 0) {
        if (exponent > 63) {
            what = "if_tsresol 2^-" + std::to_string(exponent) + " is finer than 64-bit timestamps can hold";
            return false;
        }
        ticks = std::uint64_t{1} << exponent;
        return true;
    }
    if (exponent > 19) {
        what = "if_tsresol 10^-" + std::to_string(exponent) + " is finer than 64-bit timestamps can hold";
        return false;
    }
    ticks = 1;
    for (unsigned i = 0; i < exponent; ++i) ticks *= 10;
    return true;
}

}  // namespace

bool parse_section_header(std::span<const std::uint8_t> body, bool big_endian, std::string& what) {
    ByteCursor cursor(body);
    std::uint32_t magic = 0;
    std::uint16_t major = 0;
    std::uint16_t minor = 0;
    if (!read_u32(cursor, big_endian, magic) || !read_u16(cursor, big_endian, major) ||
        !read_u16(cursor, big_endian, minor) || !cursor.skip(8)) {
        what = "section header block too short";
        return false;
    }
    // A new major version may change any block's layout, so its sections cannot be read (section 4.1).
    if (major != pcapng::kMajorVersion) {
        what = "unsupported pcapng version " + std::to_string(major) + "." + std::to_string(minor);
        return false;
    }
    return true;
}

bool parse_interface(std::span<const std::uint8_t> body, bool big_endian, PcapngInterface& out, std::string& what) {
    ByteCursor cursor(body);
    std::uint16_t linktype = 0;
    out = PcapngInterface{};
    if (!read_u16(cursor, big_endian, linktype) || !cursor.skip(2) || !read_u32(cursor, big_endian, out.snaplen)) {
        what = "interface description block too short";
        return false;
    }
    out.dlt = dlt_from_linktype(linktype);
    bool have_resolution = false;
    bool have_offset = false;
    while (cursor.remaining() >= 4) {
        std::uint16_t code = 0;
        std::uint16_t length = 0;
        read_u16(cursor, big_endian, code);
        read_u16(cursor, big_endian, length);
        if (code == pcapng::kOptionEnd) break;
        std::span<const std::uint8_t> value;
        if (!cursor.read_bytes(length, value) || !cursor.align(4)) {
            what = "interface description option " + std::to_string(code) + " runs past the end of its block";
            return false;
        }
        // A second if_tsresol or if_tsoffset would make the timestamps ambiguous; libpcap refuses it too.
        if (code == pcapng::kOptionIfTsResol) {
            if (std::exchange(have_resolution, true)) {
                what = "interface description block has more than one if_tsresol option";
                return false;
            }
            if (value.size() != 1) {
                what = "if_tsresol option of length " + std::to_string(value.size()) + " instead of 1";
                return false;
            }
            if (!parse_timestamp_resolution(value[0], out.ticks_per_second, what)) return false;
        } else if (code == pcapng::kOptionIfTsOffset) {
            if (std::exchange(have_offset, true)) {
                what = "interface description block has more than one if_tsoffset option";
                return false;
            }
            ByteCursor offset_cursor(value);
            std::uint64_t seconds = 0;
            if (value.size() != 8 || !read_u64(offset_cursor, big_endian, seconds)) {
                what = "if_tsoffset option of length " + std::to_string(value.size()) + " instead of 8";
                return false;
            }
            out.offset_seconds = static_cast<std::int64_t>(seconds);
        }
    }
    return true;
}

bool parse_enhanced_packet(std::span<const std::uint8_t> body, bool big_endian, PcapngPacketFields& out,
                           std::string& what) {
    ByteCursor cursor(body);
    std::uint32_t high = 0;
    std::uint32_t low = 0;
    std::uint32_t captured = 0;
    if (!read_u32(cursor, big_endian, out.interface_id) || !read_u32(cursor, big_endian, high) ||
        !read_u32(cursor, big_endian, low) || !read_u32(cursor, big_endian, captured) ||
        !read_u32(cursor, big_endian, out.original_length)) {
        what = "enhanced packet block too short";
        return false;
    }
    out.timestamp = (std::uint64_t{high} << 32) | low;
    return read_packet_data(cursor, captured, "enhanced packet block", out, what);
}

bool parse_obsolete_packet(std::span<const std::uint8_t> body, bool big_endian, PcapngPacketFields& out,
                           std::string& what) {
    ByteCursor cursor(body);
    std::uint16_t interface_id = 0;
    std::uint32_t high = 0;
    std::uint32_t low = 0;
    std::uint32_t captured = 0;
    if (!read_u16(cursor, big_endian, interface_id) || !cursor.skip(2) || !read_u32(cursor, big_endian, high) ||
        !read_u32(cursor, big_endian, low) || !read_u32(cursor, big_endian, captured) ||
        !read_u32(cursor, big_endian, out.original_length)) {
        what = "packet block too short";
        return false;
    }
    out.interface_id = interface_id;
    out.timestamp = (std::uint64_t{high} << 32) | low;
    return read_packet_data(cursor, captured, "packet block", out, what);
}

bool parse_simple_packet(std::span<const std::uint8_t> body, bool big_endian, std::uint32_t snaplen,
                         PcapngPacketFields& out, std::string& what) {
    ByteCursor cursor(body);
    if (!read_u32(cursor, big_endian, out.original_length)) {
        what = "simple packet block too short";
        return false;
    }
    std::size_t captured = out.original_length;
    if (snaplen != 0 && snaplen < captured) captured = snaplen;
    // The body may hold less than the rule above says when the writer cut the frame some other way.
    if (captured > cursor.remaining()) captured = cursor.remaining();
    out.interface_id = 0;
    out.timestamp = 0;
    cursor.read_bytes(captured, out.data);
    return true;
}

void to_seconds_and_microseconds(const PcapngInterface& interface, std::uint64_t timestamp, std::int64_t& sec,
                                 std::uint32_t& usec) noexcept {
    const std::uint64_t ticks = interface.ticks_per_second;
    const std::uint64_t whole = timestamp / ticks;
    const std::uint64_t fraction = timestamp % ticks;
    // Unsigned arithmetic wraps instead of overflowing; a timestamp that far out is nonsense either way.
    sec = static_cast<std::int64_t>(whole + static_cast<std::uint64_t>(interface.offset_seconds));
    usec = static_cast<std::uint32_t>(Uint128{fraction} * 1000000u / ticks);
}

}  // namespace kismetcore::capture
