// Reads pcapng blocks one at a time: framing, section byte order and length checks, not block contents.
#include "capture/pcapng_block_stream.h"

#include <cstring>

#include "capture/pcapng_format.h"

namespace kismetcore::capture {

namespace {

std::string hex32(std::uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

}  // namespace

PcapngBlockStream::Status PcapngBlockStream::fail(std::string what) {
    error_what_ = std::move(what);
    error_offset_ = offset_;
    return Status::error;
}

// A read that came back short: the file ends there, unless the read failed.
PcapngBlockStream::Status PcapngBlockStream::fail_short_read(std::string what) {
    if (input_.read_error() != 0) return fail(std::string("read error: ") + std::strerror(input_.read_error()));
    return fail(std::move(what));
}

PcapngBlockStream::Status PcapngBlockStream::next(PcapngBlock& block, bool read_body) {
    const std::span<const std::uint8_t> header = input_.peek(8);
    if (header.size() < 8) {
        if (header.empty() && input_.read_error() == 0) return Status::end_of_file;
        return fail_short_read("truncated block header (" + std::to_string(header.size()) + " of 8 bytes)");
    }
    ByteCursor cursor(header);
    block.offset = offset_;
    // The SHB type is a palindrome, so it is recognised before the byte order is known; any other type is
    // read in the byte order of the current section.
    std::uint32_t raw_type = 0;
    cursor.read_le32(raw_type);
    if (raw_type == pcapng::kSectionHeaderBlock) {
        block.type = raw_type;
        if (!read_byte_order()) return Status::error;
    } else if (!in_section_) {
        return fail("block " + hex32(raw_type) + " before the first section header");
    } else {
        ByteCursor type_cursor(header.first(4));
        read_u32(type_cursor, big_endian_, block.type);
    }
    read_u32(cursor, big_endian_, block.total_length);
    block.big_endian = big_endian_;
    if (block.type == pcapng::kSectionHeaderBlock && block.total_length < pcapng::kSectionHeaderMinimum)
        return fail("section header block length " + std::to_string(block.total_length) + " is below the " +
                    std::to_string(pcapng::kSectionHeaderMinimum) + "-byte minimum");
    // Section headers and interface descriptions are always read whole: the scan needs what they say.
    const bool needed = block.type == pcapng::kSectionHeaderBlock || block.type == pcapng::kInterfaceDescriptionBlock;
    return read_rest(block, read_body || needed);
}

bool PcapngBlockStream::read_byte_order() {
    // The byte-order magic follows the length field, and only it says how to read that length.
    const std::span<const std::uint8_t> start = input_.peek(12);
    if (start.size() < 12) {
        fail_short_read("truncated section header block");
        return false;
    }
    ByteCursor cursor(start.subspan(8));
    std::uint32_t magic = 0;
    cursor.read_le32(magic);
    if (magic == pcapng::kByteOrderMagic) {
        big_endian_ = false;
    } else if (magic == __builtin_bswap32(pcapng::kByteOrderMagic)) {
        big_endian_ = true;
    } else {
        fail("section header block with bad byte-order magic " + hex32(magic));
        return false;
    }
    in_section_ = true;
    return true;
}

PcapngBlockStream::Status PcapngBlockStream::read_rest(PcapngBlock& block, bool read_body) {
    const std::uint32_t length = block.total_length;
    if (length < pcapng::kBlockOverhead)
        return fail("block length " + std::to_string(length) + " is below the 12-byte minimum");
    if (length % 4 != 0) return fail("block length " + std::to_string(length) + " is not a multiple of 4");
    if (length > pcapng::kMaxBlockLength)
        return fail("block length " + std::to_string(length) + " exceeds the 16 MiB limit");

    // The body lies between the 8-byte header and the trailing length.
    std::span<const std::uint8_t> trailer;
    if (read_body) {
        const std::span<const std::uint8_t> whole = input_.peek(length);
        if (whole.size() < length)
            return fail_short_read("truncated block " + hex32(block.type) + " of " + std::to_string(length) +
                                   " bytes (the file ends " + std::to_string(whole.size()) + " bytes into it)");
        block.body = whole.subspan(8, length - 12);
        trailer = whole.subspan(length - 4);
        input_.consume(length);
    } else {
        input_.skip(length - 4);
        trailer = input_.peek(4);
        if (trailer.size() < 4)
            return fail_short_read("truncated block " + hex32(block.type) + " of " + std::to_string(length) + " bytes");
        block.body = {};
        input_.consume(4);
    }
    ByteCursor trailer_cursor(trailer);
    std::uint32_t trailing_length = 0;
    read_u32(trailer_cursor, big_endian_, trailing_length);
    if (trailing_length != length)
        return fail("block " + hex32(block.type) + " has leading length " + std::to_string(length) +
                    " but trailing length " + std::to_string(trailing_length));
    offset_ += length;
    return Status::block;
}

}  // namespace kismetcore::capture
