// Prefetching a span of a record (private to the tracker): the ingest pipeline asks for a packet's records a few
// packets before it tracks them.
#pragma once

#include <cstdint>

namespace kismetcore::track {

// Asks the CPU to fetch every cache line that holds a byte of [first, last); changes nothing.
inline void prefetch_lines(const void* first, const void* last) noexcept {
    constexpr std::uintptr_t kLine = 64;
    const auto end = reinterpret_cast<std::uintptr_t>(last);
    for (auto line = reinterpret_cast<std::uintptr_t>(first) & ~(kLine - 1); line < end; line += kLine)
        __builtin_prefetch(reinterpret_cast<const void*>(line));
}

}  // namespace kismetcore::track
