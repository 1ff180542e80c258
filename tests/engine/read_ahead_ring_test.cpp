// The ring between feed_file's read-ahead thread and the tracking thread: order, hand-back, failure and stopping.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/read_ahead_ring.h"

namespace {

using kismetcore::ReadAheadRing;

struct Numbers {
    std::vector<std::uint64_t> values;
};

constexpr std::size_t kSlots = 4;
constexpr std::size_t kPerBatch = 3;

// Fills batches with consecutive numbers until `total` have been written; throws at `throw_at` if it is reached.
struct Counting {
    std::uint64_t total = 0;
    std::uint64_t throw_at = UINT64_MAX;
    std::atomic<std::uint64_t>* batches_filled = nullptr;
    std::uint64_t next = 0;

    bool operator()(Numbers& batch) {
        batch.values.clear();
        while (batch.values.size() < kPerBatch && next < total) {
            if (next == throw_at) throw std::runtime_error("reader failed at " + std::to_string(next));
            batch.values.push_back(next++);
        }
        if (batches_filled != nullptr) batches_filled->fetch_add(1);
        return next < total;
    }
};

}  // namespace

TEST_CASE("the read-ahead ring hands every batch over once, in order, while the consumer holds several",
          "[concurrency][engine]") {
    // The consumer holds three batches at a time, as feed_file's pipeline holds its stages, across many laps.
    const std::uint64_t total = 10'000;
    ReadAheadRing<Numbers, kSlots> ring(Counting{.total = total});
    std::vector<std::uint64_t> seen;
    std::uint64_t received = 0;
    std::uint64_t released = 0;
    for (bool more = true; more;) {
        const Numbers& batch = ring.receive();
        ++received;
        seen.insert(seen.end(), batch.values.begin(), batch.values.end());
        more = !ring.last_received();
        if (received - released == 3 || !more) {
            CHECK(ring.received(released).values.size() <= kPerBatch);
            ring.release();
            ++released;
        }
    }
    std::vector<std::uint64_t> expected(total);
    std::iota(expected.begin(), expected.end(), 0);
    CHECK(seen == expected);
}

TEST_CASE("an exception on the read-ahead thread is rethrown on the consumer with the batch it was filling",
          "[concurrency][engine]") {
    ReadAheadRing<Numbers, kSlots> ring(Counting{.total = 1'000, .throw_at = 100});
    std::uint64_t last_value = 0;
    std::uint64_t batches = 0;
    try {
        for (;;) {
            const Numbers& batch = ring.receive();
            ++batches;
            if (!batch.values.empty()) last_value = batch.values.back();
            ring.release();
        }
        FAIL("the producer's exception was not rethrown");
    } catch (const std::runtime_error& error) {
        CHECK(std::string(error.what()) == "reader failed at 100");
    }
    // Batches 0..32 held 0..98; the 34th held 99 when 100 threw.
    CHECK(batches == 33);
    CHECK(last_value == 98);
    CHECK(ring.last_received());
}

TEST_CASE("destroying the read-ahead ring stops and joins a producer blocked on a full ring", "[concurrency][engine]") {
    std::atomic<std::uint64_t> filled{0};
    SECTION("the consumer took nothing") {
        {
            ReadAheadRing<Numbers, kSlots> ring(Counting{.total = UINT64_MAX, .batches_filled = &filled});
            while (filled.load() < kSlots) std::this_thread::yield();  // the ring is full: the producer waits
        }
        CHECK(filled.load() == kSlots);
    }
    SECTION("the consumer holds batches and leaves by an exception") {
        const auto consume = [&filled] {
            ReadAheadRing<Numbers, kSlots> ring(Counting{.total = UINT64_MAX, .batches_filled = &filled});
            // Once the ring is full the producer waits for kRefill (2) batches: give two back, hold two more.
            for (int i = 0; i < 4; ++i) (void)ring.receive();
            ring.release();
            ring.release();
            while (filled.load() < kSlots + 2) std::this_thread::yield();
            throw std::logic_error("tracking failed");
        };
        CHECK_THROWS_WITH(consume(), "tracking failed");
        // Two batches given back, so the producer filled two more and then stopped at the next it was handed.
        CHECK(filled.load() >= kSlots + 2);
        CHECK(filled.load() <= kSlots + 4);
    }
}
