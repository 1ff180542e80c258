// Helpers for the 802.11 and EAPOL tests: the stations the crafted frames talk about, truncation sweeps, and the
// 802.11 frames of the shared real captures.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/dot11_frame.h"
#include "kismetcore/dissect/eapol_key.h"

namespace kismetcore::testing {

// The stations of the small BSS the crafted frames describe.
inline constexpr MacAddress kAp{std::array<std::uint8_t, 6>{0x02, 0x00, 0x00, 0x00, 0x00, 0x0a}};
inline constexpr MacAddress kClient{std::array<std::uint8_t, 6>{0x02, 0x00, 0x00, 0x00, 0x00, 0x0b}};
inline constexpr MacAddress kServer{std::array<std::uint8_t, 6>{0x02, 0x00, 0x00, 0x00, 0x00, 0x0c}};  // beyond the AP
inline constexpr MacAddress kPeerAp{std::array<std::uint8_t, 6>{0x02, 0x00, 0x00, 0x00, 0x00, 0x0d}};  // WDS peer

// Parses "aa:bb:cc:dd:ee:ff", failing the test on a typo.
MacAddress mac(std::string_view text);

// N bytes counting up from `first`: recognisable nonces, MICs and PMKIDs.
template <std::size_t N>
std::array<std::uint8_t, N> counting_bytes(std::uint8_t first) {
    std::array<std::uint8_t, N> bytes{};
    for (std::size_t i = 0; i < N; ++i) bytes[i] = static_cast<std::uint8_t>(first + i);
    return bytes;
}

// A dissection result together with a copy of the bytes it was made from, so its spans stay valid however the
// bytes were passed (typically a temporary frame straight from a builder). Movable, since moving the vector keeps
// its buffer; not copyable, since a copy's spans would still point into the original.
template <typename Result>
struct Owned : Result {
    Owned() = default;
    Owned(Owned&&) noexcept = default;
    Owned& operator=(Owned&&) noexcept = default;
    Owned(const Owned&) = delete;
    Owned& operator=(const Owned&) = delete;
    ~Owned() = default;

    std::vector<std::uint8_t> bytes;
};

// Dissects a copy of `bytes` and requires success.
Owned<dissect::Dot11Frame> dissect_frame_ok(std::span<const std::uint8_t> bytes);
Owned<dissect::EapolKey> dissect_eapol_ok(std::span<const std::uint8_t> bytes);

// Runs `dissect` over every prefix of `bytes` shorter than `complete_length` and returns the lengths whose status
// was not `truncated`; then checks that the prefixes from `complete_length` on succeed, returning failures too
// (as length + 100000). A crash or sanitizer report fails the test by itself.
std::vector<std::size_t> truncation_failures(
    std::span<const std::uint8_t> bytes, std::size_t complete_length,
    const std::function<dissect::DissectError(std::span<const std::uint8_t>)>& dissect);

// The 802.11 frames of a capture file in order, link-layer header (radiotap, Prism, PPI) and FCS removed.
// Packets whose link-layer header does not decode are counted, not returned.
struct Dot11Capture {
    std::vector<std::vector<std::uint8_t>> frames;
    std::size_t undecodable = 0;
};
Dot11Capture read_dot11_capture(const std::filesystem::path& path);

// ../shared/captures/<name>, or an empty path when the shared captures are not there (the test then warns and
// returns: CI always has them).
std::filesystem::path shared_capture(std::string_view name);

}  // namespace kismetcore::testing
