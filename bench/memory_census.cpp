// The allocation census (memory_census.h): replaces the global operator new and delete to count chunk sizes.
#include "memory_census.h"

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

namespace kismetcore::bench::census {
namespace {

constexpr std::size_t kClasses = kMaxClassBytes / 16 + 1;

// operator new is global by nature, so its counts are too. The benchmark counts on one thread; the flag only
// keeps the counts still while nothing is being measured.
struct Counts {
    bool enabled = false;
    std::array<std::int64_t, kClasses> by_class{};
    std::int64_t large_count = 0;
    std::int64_t large_bytes = 0;
};
Counts counts;

// A chunk's size, read back from malloc: in-use chunks have 8 bytes of header beyond what is usable.
void account(void* pointer, std::int64_t sign) noexcept {
    const std::uint64_t chunk = malloc_usable_size(pointer) + 8;
    if (chunk <= kMaxClassBytes) {
        counts.by_class[chunk / 16] += sign;
    } else {
        counts.large_count += sign;
        counts.large_bytes += sign * static_cast<std::int64_t>(chunk);
    }
}

}  // namespace

void start() noexcept {
    counts = Counts{};
    counts.enabled = true;
}

void stop() noexcept {
    counts.enabled = false;
}

Summary summarize() noexcept {
    Summary summary;
    summary.large_count = counts.large_count;
    summary.large_bytes = counts.large_bytes;
    summary.net_allocations = counts.large_count;
    summary.net_bytes = counts.large_bytes;
    for (std::size_t i = 0; i < kClasses; ++i) {
        const std::int64_t count = counts.by_class[i];
        if (count == 0) continue;
        const SizeClass size_class{i * 16, count};
        summary.net_allocations += count;
        summary.net_bytes += count * static_cast<std::int64_t>(size_class.chunk_bytes);
        // Keep the classes that grew most, by bytes, in descending order.
        const auto bytes = [](const SizeClass& c) { return c.count * static_cast<std::int64_t>(c.chunk_bytes); };
        std::size_t at = summary.top_count;
        while (at > 0 && bytes(summary.top[at - 1]) < bytes(size_class)) --at;
        if (at >= kTopClasses) continue;
        const std::size_t last = std::min(summary.top_count, kTopClasses - 1);
        for (std::size_t j = last; j > at; --j) summary.top[j] = summary.top[j - 1];
        summary.top[at] = size_class;
        summary.top_count = std::min(summary.top_count + 1, kTopClasses);
    }
    return summary;
}

void print(const Summary& summary, std::uint64_t devices, std::span<const KnownType> known) {
    const double n = devices == 0 ? 1 : static_cast<double>(devices);
    std::printf("  allocations: %.2f chunks, %.0f bytes per device (net, counted by operator new)\n",
                static_cast<double>(summary.net_allocations) / n, static_cast<double>(summary.net_bytes) / n);
    for (std::size_t i = 0; i < summary.top_count; ++i) {
        const SizeClass& size_class = summary.top[i];
        std::string names;
        for (const KnownType& type : known) {
            if (chunk_for_request(type.bytes) != size_class.chunk_bytes) continue;
            names += names.empty() ? "" : " | ";
            names += type.name;
        }
        std::printf("    %6llu-byte chunks: %6.2f per device = %7.1f bytes/device  %s\n",
                    static_cast<unsigned long long>(size_class.chunk_bytes), static_cast<double>(size_class.count) / n,
                    static_cast<double>(size_class.count * static_cast<std::int64_t>(size_class.chunk_bytes)) / n,
                    names.empty() ? "(other: strings, small vectors)" : names.c_str());
    }
    if (summary.large_count != 0 || summary.large_bytes != 0)
        std::printf(
            "    large chunks (> %zu bytes): %lld net, %.1f bytes/device  (hash bucket arrays, grown vectors)\n",
            kMaxClassBytes, static_cast<long long>(summary.large_count), static_cast<double>(summary.large_bytes) / n);
}

}  // namespace kismetcore::bench::census

// Replacements of the global allocation functions (the other forms of new and delete forward to these).
void* operator new(std::size_t bytes) {
    void* pointer = std::malloc(bytes == 0 ? 1 : bytes);
    if (pointer == nullptr) throw std::bad_alloc();
    if (kismetcore::bench::census::counts.enabled) kismetcore::bench::census::account(pointer, 1);
    return pointer;
}

void operator delete(void* pointer) noexcept {
    if (pointer != nullptr && kismetcore::bench::census::counts.enabled)
        kismetcore::bench::census::account(pointer, -1);
    std::free(pointer);
}

void operator delete(void* pointer, std::size_t) noexcept {
    operator delete(pointer);
}
