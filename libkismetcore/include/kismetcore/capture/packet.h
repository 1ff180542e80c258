// A captured packet as every stage of the pipeline sees it: owned bytes plus capture metadata.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace kismetcore::capture {

// Identifies the capture source a packet came from; the source that made the packet assigns it, and the
// engine maps it to the source's name and UUID.
using SourceId = std::uint32_t;

// Link-layer header types (tcpdump.org DLT numbers) that kismetcore dissects.
namespace dlt {
inline constexpr std::uint32_t kIeee80211 = 105;
inline constexpr std::uint32_t kPrism = 119;
inline constexpr std::uint32_t kRadiotap = 127;
inline constexpr std::uint32_t kUser0 = 147;
inline constexpr std::uint32_t kAvs = 163;
inline constexpr std::uint32_t kPpi = 192;
inline constexpr std::uint32_t kBluetoothLeLl = 251;
inline constexpr std::uint32_t kBluetoothLeLlWithPhdr = 256;
}  // namespace dlt

struct Packet {
    // The captured bytes, starting with the link-layer header. Readers reuse this buffer across packets, so
    // steady-state reading allocates nothing once it has grown to the largest packet.
    std::vector<std::uint8_t> data;
    std::int64_t ts_sec = 0;
    std::uint32_t ts_usec = 0;
    std::uint32_t dlt = 0;
    // Length on the wire; larger than data.size() when the capture was cut at its snap length.
    std::uint32_t original_length = 0;
    SourceId source = 0;

    [[nodiscard]] std::span<const std::uint8_t> bytes() const noexcept { return data; }
    [[nodiscard]] std::uint32_t captured_length() const noexcept { return static_cast<std::uint32_t>(data.size()); }
};

}  // namespace kismetcore::capture
