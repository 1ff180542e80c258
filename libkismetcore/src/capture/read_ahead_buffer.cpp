// Reads a file front to back through one large buffer of our own and lends out spans of it.
#include "capture/read_ahead_buffer.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace kismetcore::capture {

ReadAheadBuffer::ReadAheadBuffer(int file_descriptor, std::uint64_t start_offset, std::size_t capacity)
    : file_descriptor_(file_descriptor),
      capacity_(capacity),
      buffer_(std::make_unique_for_overwrite<std::uint8_t[]>(capacity)),
      next_(buffer_.get()),
      filled_end_(buffer_.get()),
      offset_(start_offset),
      read_offset_(start_offset) {}

void ReadAheadBuffer::skip(std::uint64_t count) noexcept {
    const auto unread = static_cast<std::uint64_t>(filled_end_ - next_);
    if (count <= unread) return consume(static_cast<std::size_t>(count));
    offset_ += count;
    read_offset_ = offset_;
    next_ = filled_end_ = buffer_.get();
}

std::span<const std::uint8_t> ReadAheadBuffer::refill(std::size_t count) {
    const auto unread = static_cast<std::size_t>(filled_end_ - next_);
    if (count > capacity_) {
        // A record longer than the buffer: only pcapng blocks, capped at 16 MiB, ever ask for that.
        auto larger = std::make_unique_for_overwrite<std::uint8_t[]>(count);
        std::memcpy(larger.get(), next_, unread);
        buffer_ = std::move(larger);
        capacity_ = count;
    } else if (unread != 0 && next_ != buffer_.get()) {
        // The unread bytes move to the front; they are fewer than one record, so this costs little.
        std::memmove(buffer_.get(), next_, unread);
    }
    next_ = buffer_.get();
    std::uint8_t* fill = buffer_.get() + unread;
    const std::uint8_t* const end = buffer_.get() + capacity_;
    // Fill the whole buffer, not just `count`: one large read per megabyte is what makes this fast.
    while (fill < end && !end_of_file_ && read_error_ == 0) {
        const ssize_t got =
            ::pread(file_descriptor_, fill, static_cast<std::size_t>(end - fill), static_cast<off_t>(read_offset_));
        if (got < 0) {
            if (errno != EINTR) read_error_ = errno;
        } else if (got == 0) {
            end_of_file_ = true;
        } else {
            fill += got;
            read_offset_ += static_cast<std::uint64_t>(got);
        }
    }
    filled_end_ = fill;
    return {next_, std::min(count, static_cast<std::size_t>(filled_end_ - next_))};
}

}  // namespace kismetcore::capture
