// Reads a file front to back through one large buffer of our own and lends out spans of it, so that a record
// costs one copy (into the Packet) and no call into stdio.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace kismetcore::capture {

// Owns nothing but its buffer: the caller keeps the file open for as long as the buffer reads from it. Reads use
// pread at offsets of our own, so the file's position (which a FILE may have moved) does not matter.
class ReadAheadBuffer {
public:
    // Starts reading `file_descriptor` at `start_offset`, `capacity` bytes at a time.
    ReadAheadBuffer(int file_descriptor, std::uint64_t start_offset, std::size_t capacity);

    // The next `count` bytes without consuming them. Shorter only where the file ends or a read fails
    // (read_error() then says why); empty at the end of the file. A `count` larger than the buffer grows the
    // buffer to it, so callers bound `count` before asking.
    [[nodiscard]] std::span<const std::uint8_t> peek(std::size_t count) {
        if (static_cast<std::size_t>(filled_end_ - next_) >= count) return {next_, count};
        return refill(count);
    }
    // Moves past `count` bytes of the last peek().
    void consume(std::size_t count) noexcept {
        next_ += count;
        offset_ += count;
    }

    // Moves past `count` bytes, which may lie beyond the buffer: what is skipped there is never read.
    void skip(std::uint64_t count) noexcept;

    // File offset of the next byte peek() returns.
    [[nodiscard]] std::uint64_t offset() const noexcept { return offset_; }
    // errno of the read that failed, 0 if none did.
    [[nodiscard]] int read_error() const noexcept { return read_error_; }

private:
    std::span<const std::uint8_t> refill(std::size_t count);

    int file_descriptor_;
    std::size_t capacity_;
    std::unique_ptr<std::uint8_t[]> buffer_;
    const std::uint8_t* next_;
    const std::uint8_t* filled_end_;
    std::uint64_t offset_;       // of next_ in the file
    std::uint64_t read_offset_;  // of filled_end_ in the file
    bool end_of_file_ = false;
    int read_error_ = 0;
};

}  // namespace kismetcore::capture
