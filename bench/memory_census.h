// The memory benchmark's allocation census: the net change in live heap chunks, by chunk size, while it runs.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace kismetcore::bench::census {

// Chunks up to this size are counted one class per 16 bytes; bigger ones (hash bucket arrays, large vectors)
// are counted together.
inline constexpr std::size_t kMaxClassBytes = 64 * 1024;
inline constexpr std::size_t kTopClasses = 16;

struct SizeClass {
    std::uint64_t chunk_bytes = 0;  // glibc chunk size: the request plus its 8-byte header, rounded up to 16
    std::int64_t count = 0;         // net chunks of this size allocated while counting
};

struct Summary {
    std::int64_t net_allocations = 0;
    std::int64_t net_bytes = 0;
    std::array<SizeClass, kTopClasses> top{};  // the classes that grew most, by bytes
    std::size_t top_count = 0;
    std::int64_t large_count = 0;
    std::int64_t large_bytes = 0;
};

// A type the report names when a size class matches the chunk its objects take.
struct KnownType {
    const char* name;
    std::size_t bytes;  // what one object asks of operator new
};

// The chunk glibc's malloc gives a request of `bytes` on 64-bit Linux.
constexpr std::uint64_t chunk_for_request(std::size_t bytes) noexcept {
    const std::uint64_t chunk = (bytes + 8 + 15) & ~std::uint64_t{15};
    return chunk < 32 ? 32 : chunk;
}

// Counting covers operator new and delete on the calling thread's program; start() clears the counts.
void start() noexcept;
void stop() noexcept;
[[nodiscard]] Summary summarize() noexcept;

void print(const Summary& summary, std::uint64_t devices, std::span<const KnownType> known);

}  // namespace kismetcore::bench::census
