// The wlan-ng Prism monitor header (DLT 119): a 144-byte header of DID items ahead of the 802.11 frame.
#pragma once

#include <cstdint>
#include <span>

#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/link_layer.h"
#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::dissect {

namespace prism {

// u32 msgcode, u32 msglen (the header length), char devname[16], then items of 12 bytes:
// u32 did, u16 status (0 = supplied), u16 len, u32 data. Host byte order of the capturing machine
// (little endian in practice; a byte-swapped header is recognised by its msglen).
inline constexpr std::size_t kPreambleLength = 24;
inline constexpr std::size_t kItemLength = 12;
inline constexpr std::size_t kHeaderLength = 144;          // the preamble and ten items
inline constexpr std::uint32_t kMessageCode = 0x00000044;  // DIDmsg_lnxind_wlansniffrm

// Item numbers. Drivers write the DID either as (item << 16) | 0x0044 (wlan-ng, madwifi, hostap) or as
// (item << 12) | 0x0041 (older wlan-ng); both carry the same item number.
enum Item : std::uint8_t {
    kHostTime = 1,
    kMacTime = 2,  // low 32 bits of the TSF, microseconds
    kChannel = 3,
    kRssi = 4,
    kSignalQuality = 5,
    kSignal = 6,  // dBm when negative, otherwise a driver RSSI
    kNoise = 7,
    kRate = 8,  // 500 kbps units
    kIsTx = 9,
    kFrameLength = 10,
};

constexpr std::uint32_t did(Item item) noexcept {
    return (std::uint32_t{item} << 16) | kMessageCode;
}

}  // namespace prism

// Decodes a Prism header; a DLT 119 packet that starts with an AVS magic (0x80211001/2, big endian) is
// decoded as AVS instead, as libpcap and Wireshark do. The header length is msglen. Prism does not say
// whether an FCS follows, so the last 4 bytes are cut as an FCS only when they are the frame's CRC-32.
// Errors: truncated (under 8 bytes, msglen past the packet), malformed (msglen below the 24-byte preamble).
DissectError dissect_prism(std::span<const std::uint8_t> packet, RadioInfo& radio, LinkPayload& payload) noexcept;

}  // namespace kismetcore::dissect
