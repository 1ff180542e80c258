// Reads pcapng blocks one at a time: framing, section byte order and length checks, not block contents.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "capture/read_ahead_buffer.h"
#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::capture {

struct PcapngBlock {
    std::uint32_t type = 0;
    std::uint64_t offset = 0;        // of the block's first byte in the file
    std::uint32_t total_length = 0;  // including the type and both length fields
    // What lies between the leading and trailing length fields; for a section header this starts with the
    // byte-order magic. Empty when the body was skipped.
    std::span<const std::uint8_t> body;
    bool big_endian = false;  // byte order of the section the block belongs to
};

// Both the scan at open and the block parser read through this class, so they agree on what "damaged"
// means. The stream does not own the file. Blocks are read through a ReadAheadBuffer, whose buffer grows only
// for a block longer than it, so steady-state reading allocates nothing and copies nothing.
class PcapngBlockStream {
public:
    enum class Status { block, end_of_file, error };

    // Reads `file_descriptor` from its start, `read_ahead` bytes at a time.
    PcapngBlockStream(int file_descriptor, std::size_t read_ahead) : input_(file_descriptor, 0, read_ahead) {}

    // Reads the next block. Its body stays valid until the next call. With `read_body` false, bodies of blocks
    // other than section headers and interface descriptions are skipped unread, which is how the scan at open
    // walks a large file cheaply.
    Status next(PcapngBlock& block, bool read_body = true);

    // After Status::error: what is wrong, and the offset of the block it is wrong in.
    [[nodiscard]] const std::string& error_what() const noexcept { return error_what_; }
    [[nodiscard]] std::uint64_t error_offset() const noexcept { return error_offset_; }

private:
    Status fail(std::string what);
    Status fail_short_read(std::string what);
    bool read_byte_order();
    Status read_rest(PcapngBlock& block, bool read_body);

    ReadAheadBuffer input_;
    std::uint64_t offset_ = 0;  // of the next block
    bool in_section_ = false;
    bool big_endian_ = false;
    std::string error_what_;
    std::uint64_t error_offset_ = 0;
};

// Reads a 16- or 32-bit field in the byte order of the section being read.
inline bool read_u16(ByteCursor& cursor, bool big_endian, std::uint16_t& out) noexcept {
    return big_endian ? cursor.read_be16(out) : cursor.read_le16(out);
}
inline bool read_u32(ByteCursor& cursor, bool big_endian, std::uint32_t& out) noexcept {
    return big_endian ? cursor.read_be32(out) : cursor.read_le32(out);
}
inline bool read_u64(ByteCursor& cursor, bool big_endian, std::uint64_t& out) noexcept {
    return big_endian ? cursor.read_be64(out) : cursor.read_le64(out);
}

}  // namespace kismetcore::capture
