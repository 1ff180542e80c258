// Counts heap allocations made through operator new while a test watches, to pin "allocates nothing".
#include "allocation_counter.h"

#include <cstdlib>
#include <new>

// AddressSanitizer replaces operator new itself and checks that memory is freed the way it was allocated;
// a second replacement here would mix the two, so sanitizer builds count nothing.
#if defined(__SANITIZE_ADDRESS__)
#define KISMETCORE_COUNT_ALLOCATIONS 0
#else
#define KISMETCORE_COUNT_ALLOCATIONS 1
#endif

namespace {
// Thread-local so that a test counts only its own thread's allocations.
thread_local bool counting = false;
thread_local std::size_t allocation_count = 0;
thread_local std::size_t largest_allocation = 0;
}  // namespace

#if KISMETCORE_COUNT_ALLOCATIONS
namespace {
void* counted_allocation(std::size_t size) {
    if (counting) {
        ++allocation_count;
        if (size > largest_allocation) largest_allocation = size;
    }
    if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
    throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) {
    return counted_allocation(size);
}
void* operator new[](std::size_t size) {
    return counted_allocation(size);
}
void operator delete(void* memory) noexcept {
    std::free(memory);
}
void operator delete[](void* memory) noexcept {
    std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
    std::free(memory);
}
void operator delete[](void* memory, std::size_t) noexcept {
    std::free(memory);
}
#endif

namespace kismetcore::testing {

AllocationCounter::AllocationCounter() noexcept {
    allocation_count = 0;
    largest_allocation = 0;
    counting = true;
}

AllocationCounter::~AllocationCounter() {
    counting = false;
}

bool AllocationCounter::available() noexcept {
    return KISMETCORE_COUNT_ALLOCATIONS != 0;
}

std::size_t AllocationCounter::allocations() const noexcept {
    return allocation_count;
}

std::size_t AllocationCounter::largest() const noexcept {
    return largest_allocation;
}

}  // namespace kismetcore::testing
