// A ring of batches that a producer thread fills ahead of the consumer: feed_file's optional read-ahead thread.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <stop_token>
#include <thread>
#include <utility>

namespace kismetcore {

// The producer thread fills the ring's batches in order with `fill`; the consumer (the thread that made the ring)
// takes them in the same order with receive() and gives each back with release() once it is done with it, which may
// be several batches later: the consumer may hold up to kMostHeld batches at once. Each batch has one atomic state
// saying which side owns it, so its contents need no lock: the owner's release store hands them over whole.
//
// Waiting does not burn a core: a side that finds its next batch still owned by the other blocks in
// std::atomic::wait (a futex after a short spin in libstdc++), and the other side's notify_one wakes it. The
// producer is meant to be the faster side, so it usually finds the ring full; it then sleeps until half the ring
// is free, not one batch, so the consumer pays for waking it (a futex system call) once per kRefill batches
// instead of once per batch.
//
// `fill(batch)` returns false for the producer's last batch (the end of the input, an error it reports through its
// own state, or nothing more to do). An exception from `fill` also ends the producer: that batch counts as the last
// one, and receive() rethrows the exception on the consumer's thread when it takes it. Destroying the ring (after the
// last batch, on an early return or while an exception unwinds the consumer) stops the producer and joins it, so no
// thread outlives the ring. The constructor throws std::system_error when the thread cannot be started.
template <typename Batch, std::size_t Slots>
class ReadAheadRing {
public:
    static_assert(Slots >= 2, "a ring of one batch leaves nothing to overlap");
    // How many batches the producer waits for once the ring is full.
    static constexpr std::size_t kRefill = Slots / 2;
    // How many batches the consumer may hold (received, not yet released) and still receive the next: the producer
    // may be waiting for the consumer to release the batch kRefill - 1 after the oldest it holds.
    static constexpr std::size_t kMostHeld = Slots - kRefill + 1;

    template <typename Fill>
    explicit ReadAheadRing(Fill fill)
        : slots_(std::make_unique<std::array<Slot, Slots>>()),
          producer_([this, fill = std::move(fill)](std::stop_token stop) mutable { produce(stop, fill); }) {}

    ~ReadAheadRing() {
        producer_.request_stop();
        // The producer may wait for a batch the consumer holds or never took: hand every filled batch back, so it
        // wakes, sees the stop request and returns. It checks the request each time it gets a batch, so it returns
        // at its next batch at the latest.
        for (Slot& slot : *slots_)
            if (slot.state.load(std::memory_order_acquire) == kFilled) give(slot, kEmpty);
        producer_.join();
    }

    ReadAheadRing(const ReadAheadRing&) = delete;
    ReadAheadRing& operator=(const ReadAheadRing&) = delete;

    // Consumer: the next batch in the producer's order, once it is filled. Rethrows the producer's exception with
    // the batch it was filling. Not to be called again after the last batch (last_received()).
    Batch& receive() {
        Slot& slot = slot_at(received_);
        wait_for(slot, kFilled);
        ++received_;
        last_received_ = slot.last;
        if (slot.last && failure_) std::rethrow_exception(failure_);
        return slot.batch;
    }

    // Consumer: the batch received as number `index` (0 is the first), while the consumer holds it.
    [[nodiscard]] Batch& received(std::uint64_t index) noexcept { return slot_at(index).batch; }

    // Consumer: whether the batch last received was the producer's last.
    [[nodiscard]] bool last_received() const noexcept { return last_received_; }

    // Consumer: gives the oldest batch it holds back to the producer, and wakes it if it waits for this one.
    void release() noexcept {
        const std::uint64_t index = released_++;
        Slot& slot = slot_at(index);
        // Sequentially consistent with the producer's announcement in wait_for_room: either this load sees it, or
        // the producer's load of the state sees this store and does not sleep.
        slot.state.store(kEmpty, std::memory_order_seq_cst);
        if (wake_on_release_.load(std::memory_order_seq_cst) == index) slot.state.notify_one();
    }

private:
    static constexpr std::uint32_t kEmpty = 0;   // the producer's to fill
    static constexpr std::uint32_t kFilled = 1;  // the consumer's to read

    struct Slot {
        // In a cache line of its own: the side that waits reads it while the other writes the batch.
        alignas(64) std::atomic<std::uint32_t> state{kEmpty};
        bool last = false;  // set by the producer with the batch
        alignas(64) Batch batch;
    };

    Slot& slot_at(std::uint64_t index) noexcept { return (*slots_)[index % Slots]; }

    static void wait_for(Slot& slot, std::uint32_t wanted) noexcept {
        // Two states only, so the value waited on changes exactly when the other side hands the batch over.
        for (std::uint32_t seen; (seen = slot.state.load(std::memory_order_acquire)) != wanted;)
            slot.state.wait(seen, std::memory_order_acquire);
    }

    static void give(Slot& slot, std::uint32_t state) noexcept {
        slot.state.store(state, std::memory_order_release);
        slot.state.notify_one();
    }

    // Producer: returns once the slot of batch `index` is free. When the ring is full, waits for the next kRefill
    // slots: the consumer releases in order, so once the last of them is free, all of them are.
    void wait_for_room(std::uint64_t index) noexcept {
        if (slot_at(index).state.load(std::memory_order_acquire) == kEmpty) return;
        const std::uint64_t last = index + kRefill - 1;
        Slot& slot = slot_at(last);
        wake_on_release_.store(last - Slots, std::memory_order_seq_cst);  // the batch that slot holds now
        for (std::uint32_t seen; (seen = slot.state.load(std::memory_order_seq_cst)) != kEmpty;)
            slot.state.wait(seen, std::memory_order_acquire);
    }

    template <typename Fill>
    void produce(const std::stop_token& stop, Fill& fill) noexcept {
        for (std::uint64_t index = 0;; ++index) {
            Slot& slot = slot_at(index);
            wait_for_room(index);
            if (stop.stop_requested()) return;
            bool more = false;
            try {
                more = fill(slot.batch);
            } catch (...) {
                failure_ = std::current_exception();  // read by the consumer after it takes this batch
            }
            slot.last = !more;
            give(slot, kFilled);
            if (!more) return;
        }
    }

    std::unique_ptr<std::array<Slot, Slots>> slots_;  // on the heap: a batch of packets is large
    std::exception_ptr failure_;                      // written by the producer before it hands over its last batch
    // The batch whose release wakes the producer (none at first); the producer's, read by the consumer.
    std::atomic<std::uint64_t> wake_on_release_{UINT64_MAX};
    std::uint64_t received_ = 0;  // consumer only
    std::uint64_t released_ = 0;  // consumer only
    bool last_received_ = false;  // consumer only
    std::jthread producer_;       // last: started once everything it uses exists
};

}  // namespace kismetcore
