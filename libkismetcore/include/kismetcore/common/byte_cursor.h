// The one bounds-checked reader every dissector reads packet bytes through.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>

namespace kismetcore {

// A read position over a span of bytes. Every read checks the remaining length first; a read that does not
// fit returns false, leaves the output untouched and marks the cursor as overrun, so a dissector can do a
// series of reads and test `ok()` once. Nothing allocates and nothing throws.
class ByteCursor {
public:
    constexpr ByteCursor() noexcept = default;
    constexpr explicit ByteCursor(std::span<const std::uint8_t> bytes) noexcept : bytes_(bytes) {}

    [[nodiscard]] constexpr std::size_t offset() const noexcept { return offset_; }
    [[nodiscard]] constexpr std::size_t size() const noexcept { return bytes_.size(); }
    [[nodiscard]] constexpr std::size_t remaining() const noexcept { return bytes_.size() - offset_; }
    [[nodiscard]] constexpr bool empty() const noexcept { return remaining() == 0; }
    [[nodiscard]] constexpr bool ok() const noexcept { return !overrun_; }
    [[nodiscard]] constexpr bool has(std::size_t count) const noexcept { return count <= remaining(); }

    // The bytes not yet read, and the whole span the cursor was made over.
    [[nodiscard]] constexpr std::span<const std::uint8_t> rest() const noexcept { return bytes_.subspan(offset_); }
    [[nodiscard]] constexpr std::span<const std::uint8_t> whole() const noexcept { return bytes_; }

    constexpr bool skip(std::size_t count) noexcept {
        if (!has(count)) return fail();
        offset_ += count;
        return true;
    }

    // Moves to an absolute offset within the span (used for alignment padding and length-delimited blocks).
    constexpr bool seek(std::size_t absolute) noexcept {
        if (absolute > bytes_.size()) return fail();
        offset_ = absolute;
        return true;
    }

    // Skips padding so that the offset, relative to the start of the span, is a multiple of `alignment`.
    constexpr bool align(std::size_t alignment) noexcept {
        if (alignment <= 1) return true;
        const std::size_t misalign = offset_ % alignment;
        return misalign == 0 ? true : skip(alignment - misalign);
    }

    constexpr bool read_u8(std::uint8_t& out) noexcept {
        if (!has(1)) return fail();
        out = bytes_[offset_++];
        return true;
    }
    constexpr bool read_le16(std::uint16_t& out) noexcept { return read_le(out); }
    constexpr bool read_le32(std::uint32_t& out) noexcept { return read_le(out); }
    constexpr bool read_le64(std::uint64_t& out) noexcept { return read_le(out); }
    constexpr bool read_be16(std::uint16_t& out) noexcept { return read_be(out); }
    constexpr bool read_be32(std::uint32_t& out) noexcept { return read_be(out); }
    constexpr bool read_be64(std::uint64_t& out) noexcept { return read_be(out); }

    constexpr bool read_i8(std::int8_t& out) noexcept {
        std::uint8_t raw = 0;
        if (!read_u8(raw)) return false;
        out = static_cast<std::int8_t>(raw);
        return true;
    }

    // Hands back a view of the next `count` bytes and advances past them.
    constexpr bool read_bytes(std::size_t count, std::span<const std::uint8_t>& out) noexcept {
        if (!has(count)) return fail();
        out = bytes_.subspan(offset_, count);
        offset_ += count;
        return true;
    }

    // Looks at a byte ahead of the cursor without moving it.
    constexpr bool peek_u8(std::size_t ahead, std::uint8_t& out) const noexcept {
        if (ahead >= remaining()) return false;
        out = bytes_[offset_ + ahead];
        return true;
    }

private:
    template <typename Unsigned>
    constexpr bool read_le(Unsigned& out) noexcept {
        if (!has(sizeof(Unsigned))) return fail();
        out = load<Unsigned>(offset_);
        if constexpr (std::endian::native == std::endian::big) out = byteswap(out);
        offset_ += sizeof(Unsigned);
        return true;
    }

    template <typename Unsigned>
    constexpr bool read_be(Unsigned& out) noexcept {
        if (!has(sizeof(Unsigned))) return fail();
        out = load<Unsigned>(offset_);
        if constexpr (std::endian::native == std::endian::little) out = byteswap(out);
        offset_ += sizeof(Unsigned);
        return true;
    }

    // Loads native-order bytes; the caller has checked the length. At run time one unaligned load (a byte
    // loop here costs measurably on the per-packet path); in constant evaluation, the portable loop.
    template <typename Unsigned>
    [[nodiscard]] constexpr Unsigned load(std::size_t at) const noexcept {
        if (std::is_constant_evaluated()) {
            Unsigned value = 0;
            for (std::size_t i = 0; i < sizeof(Unsigned); ++i) {
                const std::size_t shift =
                    std::endian::native == std::endian::little ? 8 * i : 8 * (sizeof(Unsigned) - 1 - i);
                value = static_cast<Unsigned>(value | static_cast<Unsigned>(Unsigned{bytes_[at + i]} << shift));
            }
            return value;
        }
        Unsigned value;
        std::memcpy(&value, bytes_.data() + at, sizeof(Unsigned));
        return value;
    }

    template <typename Unsigned>
    [[nodiscard]] static constexpr Unsigned byteswap(Unsigned value) noexcept {
        if constexpr (sizeof(Unsigned) == 2)
            return static_cast<Unsigned>(__builtin_bswap16(value));
        else if constexpr (sizeof(Unsigned) == 4)
            return static_cast<Unsigned>(__builtin_bswap32(value));
        else
            return static_cast<Unsigned>(__builtin_bswap64(value));
    }

    constexpr bool fail() noexcept {
        overrun_ = true;
        return false;
    }

    std::span<const std::uint8_t> bytes_{};
    std::size_t offset_ = 0;
    bool overrun_ = false;
};

}  // namespace kismetcore
