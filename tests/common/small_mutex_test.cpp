// The device lock: exclusion, try_lock, and the sleeping path under contention (also run under ThreadSanitizer).
#include <catch2/catch.hpp>

#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "kismetcore/common/small_mutex.h"

namespace kismetcore {
namespace {

TEST_CASE("SmallMutex: try_lock fails while held and succeeds once released", "[common][concurrency]") {
    SmallMutex mutex;
    REQUIRE(mutex.try_lock());
    CHECK_FALSE(mutex.try_lock());
    mutex.unlock();
    CHECK(mutex.try_lock());
    mutex.unlock();
    static_assert(sizeof(SmallMutex) == 4);
}

TEST_CASE("SmallMutex: threads contending for it never lose an update", "[common][concurrency]") {
    // Every thread increments a plain counter under the lock: a lost update, or a thread left asleep after the
    // holder released (the contended path), shows as a wrong total or a hang.
    SmallMutex mutex;
    std::uint64_t counter = 0;
    constexpr int kThreads = 4;
    constexpr int kIncrements = 50'000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kIncrements; ++i) {
                std::lock_guard lock(mutex);
                ++counter;
                // A longer hold now and then, so that the others really wait and take the sleeping path.
                if (i % 1000 == 0) std::this_thread::yield();
            }
        });
    }
    for (auto& thread : threads) thread.join();
    CHECK(counter == std::uint64_t{kThreads} * kIncrements);
}

}  // namespace
}  // namespace kismetcore
