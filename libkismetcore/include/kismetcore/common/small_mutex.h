// A mutex of four bytes, for records that exist by the hundred thousand and are locked once per packet.
#pragma once

#include <atomic>
#include <cstdint>

namespace kismetcore {

// Each device record is locked by the ingest thread for every packet that updates it, and by readers while they
// read it (docs/track-concurrency.md). std::mutex costs 40 bytes of the record's hottest cache line and a call
// into pthreads for each lock and unlock; this one is a 32-bit word locked with one compare-and-swap and unlocked
// with one exchange, and it sleeps on the word (futex through std::atomic::wait) only when contended, which
// happens only when a reader and the ingest thread meet on the same record. The state machine is the classic
// three-state futex mutex: 0 free, 1 locked, 2 locked with possible waiters. Satisfies Lockable, so
// std::lock_guard, std::unique_lock and std::scoped_lock work with it. Not recursive.
class SmallMutex {
public:
    SmallMutex() noexcept = default;
    SmallMutex(const SmallMutex&) = delete;
    SmallMutex& operator=(const SmallMutex&) = delete;

    void lock() noexcept {
        std::uint32_t expected = kFree;
        if (state_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire, std::memory_order_relaxed))
            return;
        lock_contended();
    }
    [[nodiscard]] bool try_lock() noexcept {
        std::uint32_t expected = kFree;
        return state_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire, std::memory_order_relaxed);
    }
    void unlock() noexcept {
        if (state_.exchange(kFree, std::memory_order_release) == kContended) state_.notify_one();
    }

private:
    static constexpr std::uint32_t kFree = 0;
    static constexpr std::uint32_t kLocked = 1;
    static constexpr std::uint32_t kContended = 2;

    void lock_contended() noexcept {
        // Marking the word contended before sleeping makes the holder's unlock wake a sleeper; whoever takes the
        // lock from here keeps it marked, which at worst costs one spurious wake-up.
        while (state_.exchange(kContended, std::memory_order_acquire) != kFree)
            state_.wait(kContended, std::memory_order_relaxed);
    }

    std::atomic<std::uint32_t> state_{kFree};
};

}  // namespace kismetcore
