// The one source of randomness in kismet-synth: a seeded xoshiro256** generator with portable helpers.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

namespace kismetcore::synth {

// std::uniform_int_distribution and friends differ between standard libraries, so the same seed would give
// different captures on different systems; everything here is defined bit for bit instead.
// Generator: xoshiro256** 1.0 (Blackman and Vigna), seeded through splitmix64 as its authors recommend.
class RandomSource {
public:
    explicit RandomSource(std::uint64_t seed) noexcept {
        for (auto& word : state_) word = splitmix64(seed);
    }

    std::uint64_t next() noexcept {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // Uniform in [0, bound) for bound >= 1 (Lemire's multiply-shift; the tiny bias is irrelevant here).
    std::uint64_t below(std::uint64_t bound) noexcept {
        __extension__ using Wide = unsigned __int128;
        return static_cast<std::uint64_t>((static_cast<Wide>(next()) * bound) >> 64);
    }
    std::uint32_t below32(std::uint32_t bound) noexcept { return static_cast<std::uint32_t>(below(bound)); }
    std::size_t index(std::size_t size) noexcept { return static_cast<std::size_t>(below(size)); }

    // Uniform in [low, high], both included.
    std::int64_t between(std::int64_t low, std::int64_t high) noexcept {
        return low + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(high - low) + 1));
    }

    // Uniform in [0, 1) with 53 random bits.
    double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double probability) noexcept { return unit() < probability; }

    // Exponentially distributed with the given mean: the gaps between independent arrivals.
    double exponential(double mean) noexcept { return -mean * std::log1p(-unit()); }

    void fill(std::span<std::uint8_t> out) noexcept {
        std::size_t i = 0;
        while (i < out.size()) {
            std::uint64_t word = next();
            for (int b = 0; b < 8 && i < out.size(); ++b, word >>= 8) out[i++] = static_cast<std::uint8_t>(word);
        }
    }

    // Picks an index with probability proportional to its weight (weights sum to > 0).
    template <typename Weights>
    std::size_t weighted(const Weights& weights) noexcept {
        double total = 0;
        for (double w : weights) total += w;
        double point = unit() * total;
        std::size_t i = 0;
        for (double w : weights) {
            if (point < w) return i;
            point -= w;
            ++i;
        }
        return i - 1;
    }

    // An independent generator for one purpose, so adding draws to one part does not shift every other part.
    RandomSource fork(std::uint64_t purpose) noexcept {
        return RandomSource(next() ^ (purpose * 0x9e3779b97f4a7c15ULL));
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitmix64(std::uint64_t& x) noexcept {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    std::uint64_t state_[4];
};

}  // namespace kismetcore::synth
