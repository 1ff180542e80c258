// Kismet's reading of an 802.11 frame's addresses: who is the source, destination, BSSID, and WDS ends.
#pragma once

#include <cstddef>
#include <optional>

#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/dot11_frame.h"

namespace kismetcore::track::dot11 {

// Kismet's distribution classes (dot11_packinfo distrib).
enum class Distribution { unknown, from_ds, to_ds, inter_ds, adhoc };

struct FrameRoles {
    MacAddress source, destination, bssid, transmitter, receiver;
    Distribution distribution = Distribution::unknown;
    bool ibss = false;  // the frame's capability field says IBSS without ESS
};

// Kismet never makes devices of the zero address or of group addresses.
inline bool usable(const MacAddress& mac) noexcept {
    return !mac.is_zero() && !mac.is_multicast();
}

// Management frames: destination = address 1, source = address 2, BSSID = address 3 whatever the DS bits say.
// Data frames by their DS bits (IEEE 802.11-2020 Table 9-26), with Kismet's ad-hoc rule: an all-zero address 3
// makes the source the BSSID. Kismet reads the capability field of association frames at the beacon's offset,
// inside their elements, which types ordinary clients as ad-hoc; kismetcore reads the real field
// (docs/compatibility.md).
FrameRoles frame_roles(const dissect::Dot11Frame& frame) noexcept;

// Kismet's packet_dot11_dissector marks frames shorter than its fixed parts need as corrupt, and its classifier
// drops them (a 27-byte action frame, a 30-byte beacon): they name no device and their packet no address.
// `length` is the frame's captured length.
bool too_short_for_kismet(const dissect::Dot11Frame& frame, std::size_t length) noexcept;

}  // namespace kismetcore::track::dot11
