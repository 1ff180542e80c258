// Counts heap allocations made through operator new while a test watches, to pin "allocates nothing".
#pragma once

#include <cstddef>

namespace kismetcore::testing {

// Counts operator new calls on the constructing thread from construction to destruction. Only one may be
// alive at a time. The replaced global operator new lives in allocation_counter.cpp: this binary must hold
// no other replacement.
class AllocationCounter {
public:
    AllocationCounter() noexcept;
    ~AllocationCounter();
    AllocationCounter(const AllocationCounter&) = delete;
    AllocationCounter& operator=(const AllocationCounter&) = delete;

    // False in AddressSanitizer builds, which bring their own operator new: counts are then always 0.
    [[nodiscard]] static bool available() noexcept;
    [[nodiscard]] std::size_t allocations() const noexcept;
    [[nodiscard]] std::size_t largest() const noexcept;  // bytes of the largest single allocation
};

}  // namespace kismetcore::testing
