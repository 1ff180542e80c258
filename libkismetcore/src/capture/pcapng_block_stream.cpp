// Reads pcapng blocks one at a time: framing, section byte order and length checks, not block contents.
#include "capture/pcapng_block_stream.h"

#include <cerrno>
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

bool PcapngBlockStream::read_exactly(std::uint8_t* into, std::size_t count, std::size_t& got) {
    got = std::fread(into, 1, count, file_);
    return got == count;
}

PcapngBlockStream::Status PcapngBlockStream::next(PcapngBlock& block, bool read_body) {
    std::uint8_t header[8];
    std::size_t got = 0;
    if (!read_exactly(header, sizeof header, got)) {
        if (std::ferror(file_)) return fail(std::string("read error: ") + std::strerror(errno));
        if (got == 0) return Status::end_of_file;
        return fail("truncated block header (" + std::to_string(got) + " of 8 bytes)");
    }
    ByteCursor cursor(std::span<const std::uint8_t>(header, sizeof header));
    block.offset = offset_;
    // The SHB type is a palindrome, so it is recognised before the byte order is known; any other type is
    // read in the byte order of the current section.
    std::uint32_t raw_type = 0;
    cursor.read_le32(raw_type);
    std::size_t body_prefix = 0;
    if (raw_type == pcapng::kSectionHeaderBlock) {
        block.type = raw_type;
        if (!read_byte_order()) return Status::error;
        body_prefix = 4;
    } else if (!in_section_) {
        return fail("block " + hex32(raw_type) + " before the first section header");
    } else {
        ByteCursor type_cursor(std::span<const std::uint8_t>(header, 4));
        read_u32(type_cursor, big_endian_, block.type);
    }
    read_u32(cursor, big_endian_, block.total_length);
    block.big_endian = big_endian_;
    if (block.type == pcapng::kSectionHeaderBlock && block.total_length < pcapng::kSectionHeaderMinimum)
        return fail("section header block length " + std::to_string(block.total_length) + " is below the " +
                    std::to_string(pcapng::kSectionHeaderMinimum) + "-byte minimum");
    // Section headers and interface descriptions are always read whole: the scan needs what they say.
    const bool needed = block.type == pcapng::kSectionHeaderBlock || block.type == pcapng::kInterfaceDescriptionBlock;
    return read_rest(block, body_prefix, read_body || needed);
}

bool PcapngBlockStream::read_byte_order() {
    // The byte-order magic follows the length field, and only it says how to read that length.
    if (buffer_.size() < 4) buffer_.resize(4);
    std::size_t got = 0;
    if (!read_exactly(buffer_.data(), 4, got)) {
        fail(std::ferror(file_) ? std::string("read error: ") + std::strerror(errno)
                                : std::string("truncated section header block"));
        return false;
    }
    ByteCursor cursor(std::span<const std::uint8_t>(buffer_.data(), 4));
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

PcapngBlockStream::Status PcapngBlockStream::read_rest(PcapngBlock& block, std::size_t body_prefix, bool read_body) {
    const std::uint32_t length = block.total_length;
    if (length < pcapng::kBlockOverhead)
        return fail("block length " + std::to_string(length) + " is below the 12-byte minimum");
    if (length % 4 != 0) return fail("block length " + std::to_string(length) + " is not a multiple of 4");
    if (length > pcapng::kMaxBlockLength)
        return fail("block length " + std::to_string(length) + " exceeds the 16 MiB limit");

    // What is left after the 8-byte header and any body bytes already read: the body, then the trailing length.
    const std::size_t body_size = length - 12;
    const std::size_t remaining = length - 8 - body_prefix;
    std::size_t got = 0;
    std::uint8_t trailer[4];
    if (read_body) {
        if (buffer_.size() < body_size + 4) buffer_.resize(body_size + 4);
        if (!read_exactly(buffer_.data() + body_prefix, remaining, got)) {
            if (std::ferror(file_)) return fail(std::string("read error: ") + std::strerror(errno));
            return fail("truncated block " + hex32(block.type) + " of " + std::to_string(length) +
                        " bytes (the file ends " + std::to_string(8 + body_prefix + got) + " bytes into it)");
        }
        std::memcpy(trailer, buffer_.data() + body_size, sizeof trailer);
        block.body = std::span<const std::uint8_t>(buffer_.data(), body_size);
    } else {
        if (std::fseek(file_, static_cast<long>(remaining - 4), SEEK_CUR) != 0)
            return fail(std::string("seek error: ") + std::strerror(errno));
        if (!read_exactly(trailer, sizeof trailer, got)) {
            if (std::ferror(file_)) return fail(std::string("read error: ") + std::strerror(errno));
            return fail("truncated block " + hex32(block.type) + " of " + std::to_string(length) + " bytes");
        }
        block.body = {};
    }
    ByteCursor trailer_cursor(std::span<const std::uint8_t>(trailer, sizeof trailer));
    std::uint32_t trailing_length = 0;
    read_u32(trailer_cursor, big_endian_, trailing_length);
    if (trailing_length != length)
        return fail("block " + hex32(block.type) + " has leading length " + std::to_string(length) +
                    " but trailing length " + std::to_string(trailing_length));
    offset_ += length;
    return Status::block;
}

}  // namespace kismetcore::capture
