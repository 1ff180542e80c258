// The duplicate filter's window, against a plain list of the frames that came before.
#include <catch2/catch.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <random>
#include <vector>

#include "kismetcore/track/duplicate_filter.h"

using kismetcore::track::DuplicateFilter;

namespace {

using Frame = std::vector<std::uint8_t>;

// A frame whose bytes spell `number`, padded to `size` bytes.
Frame numbered_frame(std::uint32_t number, std::size_t size = 24) {
    Frame frame(size, 0xA5);
    for (std::size_t i = 0; i < 4 && i < size; ++i) frame[i] = static_cast<std::uint8_t>(number >> (8 * i));
    return frame;
}

// What the filter must answer for frames named by their index in a pool of distinct frames, as Kismet's packet
// chain decides: whether the frame equals one of the last kWindow frames that were not duplicates themselves.
// Only those enter the list; a duplicate neither enters it nor refreshes its original.
class ReferenceWindow {
public:
    bool seen_recently(std::size_t frame) {
        if (counts_[frame] != 0) return true;
        ++counts_[frame];
        frames_.push_back(frame);
        if (frames_.size() > DuplicateFilter::kWindow) {
            --counts_[frames_.front()];
            frames_.pop_front();
        }
        return false;
    }

private:
    std::deque<std::size_t> frames_;
    std::map<std::size_t, std::uint32_t> counts_;
};

}  // namespace

TEST_CASE("a frame is a duplicate until 1024 new frames have come after it", "[track][duplicates]") {
    DuplicateFilter filter;
    const Frame repeated = numbered_frame(0xFFFFFFFF);
    std::uint32_t next = 0;
    CHECK_FALSE(filter.seen_recently(repeated));
    for (std::uint64_t i = 0; i < DuplicateFilter::kWindow - 1; ++i)
        CHECK_FALSE(filter.seen_recently(numbered_frame(next++)));
    CHECK(filter.seen_recently(repeated));
    CHECK_FALSE(filter.seen_recently(numbered_frame(next++)));
    CHECK_FALSE(filter.seen_recently(repeated));  // the 1024th new frame pushed it out
    CHECK(filter.seen_recently(repeated));        // and now it is the newest again
}

TEST_CASE("duplicates neither count towards the window nor keep their original in it", "[track][duplicates]") {
    DuplicateFilter filter;
    const Frame repeated = numbered_frame(0xFFFFFFFF);
    std::uint32_t next = 0;
    CHECK_FALSE(filter.seen_recently(repeated));
    // The frame comes back after every new frame: Kismet's list still drops it after 1024 new frames.
    for (std::uint64_t i = 0; i < DuplicateFilter::kWindow; ++i) {
        CHECK_FALSE(filter.seen_recently(numbered_frame(next++)));
        if (i + 1 < DuplicateFilter::kWindow) CHECK(filter.seen_recently(repeated));
    }
    CHECK_FALSE(filter.seen_recently(repeated));
    // Many duplicates of one frame do not push the others out.
    const Frame first_new = numbered_frame(0);
    for (int i = 0; i < 5000; ++i) REQUIRE(filter.seen_recently(repeated));
    CHECK_FALSE(filter.seen_recently(first_new));  // it left the window when `repeated` came back
    CHECK(filter.seen_recently(numbered_frame(next - 1)));
}

TEST_CASE("a frame sent again and again stays a duplicate across blocks", "[track][duplicates]") {
    DuplicateFilter filter;
    const Frame repeated = numbered_frame(7, 100);
    CHECK_FALSE(filter.seen_recently(repeated));
    for (std::uint64_t i = 0; i < 5 * DuplicateFilter::kWindow; ++i) REQUIRE(filter.seen_recently(repeated));
    // Frames that differ in length only are not duplicates.
    CHECK_FALSE(filter.seen_recently(numbered_frame(7, 101)));
    CHECK_FALSE(filter.seen_recently(Frame{}));
    CHECK(filter.seen_recently(Frame{}));
}

TEST_CASE("the duplicate filter agrees with a list of the frames before over a random stream", "[track][duplicates]") {
    DuplicateFilter filter;
    ReferenceWindow reference;
    std::mt19937 random(20261123);
    // A pool a little larger than the window makes repeats land on both sides of its edge; the first four bytes
    // keep its frames distinct.
    std::uniform_int_distribution<std::uint32_t> pick(0, 1400);
    std::uniform_int_distribution<std::size_t> size(0, 300);
    std::vector<Frame> pool;
    for (std::uint32_t i = 0; i <= 1400; ++i) pool.push_back(numbered_frame(i, 4 + size(random)));
    std::size_t duplicates = 0;
    for (int i = 0; i < 40000; ++i) {
        const std::size_t index = pick(random);
        const bool expected = reference.seen_recently(index);
        REQUIRE(filter.seen_recently(pool[index]) == expected);
        duplicates += expected ? 1 : 0;
    }
    // Both answers occur often enough for the comparison to mean something.
    CHECK(duplicates > 10000);
    CHECK(duplicates < 35000);
}

TEST_CASE("frames that differ in one byte anywhere, or by trailing zero bytes, are not duplicates",
          "[track][duplicates]") {
    std::mt19937 random(7);
    std::uniform_int_distribution<int> byte(0, 255);
    // Lengths across every tail the digest folds: none, partial words, whole words and several blocks.
    for (std::size_t size = 0; size <= 80; ++size) {
        DuplicateFilter filter;
        Frame base(size);
        for (auto& b : base) b = static_cast<std::uint8_t>(byte(random));
        CHECK_FALSE(filter.seen_recently(base));
        for (std::size_t at = 0; at < size; ++at) {
            Frame changed = base;
            changed[at] ^= 0x01;
            INFO("size " << size << ", byte " << at);
            CHECK_FALSE(filter.seen_recently(changed));
        }
        Frame padded = base;
        padded.push_back(0);
        CHECK_FALSE(filter.seen_recently(padded));
        padded.push_back(0);
        CHECK_FALSE(filter.seen_recently(padded));
        CHECK(filter.seen_recently(base));
    }
}

TEST_CASE("a duplicate carries the id its original was kept with", "[track][duplicates]") {
    DuplicateFilter filter;
    ReferenceWindow reference;
    std::map<std::size_t, std::uint64_t> kept_ids;  // the id each pooled frame was last kept with
    std::mt19937 random(20261124);
    std::uniform_int_distribution<std::uint64_t> pick(0, 1400);
    std::uint64_t next_id = 100;
    std::size_t duplicates = 0;
    for (int i = 0; i < 40000; ++i) {
        const std::size_t index = pick(random);
        // Distinct digests per pooled frame, as the engine's digest of distinct frames.
        const kismetcore::dissect::FrameDigests digests{0x9E3779B97F4A7C15ULL * (index + 1), 0, 0};
        const bool expected = reference.seen_recently(index);
        const auto original = filter.original_of(digests, next_id);
        REQUIRE(original.has_value() == expected);
        if (expected) {
            REQUIRE(*original == kept_ids.at(index));
            ++duplicates;
        } else {
            kept_ids[index] = next_id++;
        }
    }
    CHECK(duplicates > 10000);
}
