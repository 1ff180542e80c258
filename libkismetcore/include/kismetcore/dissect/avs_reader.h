// The AVS WLAN capture header (DLT 163; linux-wlan-ng doc/capturefrm.txt, versions 1 and 2), big endian.
#pragma once

#include <cstdint>
#include <span>

#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/link_layer.h"
#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::dissect {

namespace avs {

// u32 version (magic), u32 length (the header length), u64 mactime, u64 hosttime, u32 phytype,
// u32 frequency, u32 datarate, u32 antenna, u32 priority, u32 ssi_type, s32 ssi_signal, s32 ssi_noise,
// u32 preamble, u32 encoding; version 2 adds u32 sequence, u32 drops, u8 receiver_addr[6], u8 pad[2].
inline constexpr std::uint32_t kMagicV1 = 0x80211001;
inline constexpr std::uint32_t kMagicV2 = 0x80211002;
inline constexpr std::uint32_t kMagicBase = 0x80211000;
inline constexpr std::size_t kHeaderLengthV1 = 64;
inline constexpr std::size_t kHeaderLengthV2 = 80;

// phytype values.
inline constexpr std::uint32_t kPhyFhss = 1;
inline constexpr std::uint32_t kPhyDsss = 2;
inline constexpr std::uint32_t kPhyIrBaseband = 3;
inline constexpr std::uint32_t kPhyDsssB = 4;
inline constexpr std::uint32_t kPhyPbccB = 5;
inline constexpr std::uint32_t kPhyOfdmG = 6;
inline constexpr std::uint32_t kPhyPbccG = 7;
inline constexpr std::uint32_t kPhyOfdmA = 8;
inline constexpr std::uint32_t kPhyDsssOfdmG = 9;

// ssi_type values: how ssi_signal and ssi_noise are expressed. Noise 0xFFFFFFFF means "not provided".
inline constexpr std::uint32_t kSsiNone = 0;
inline constexpr std::uint32_t kSsiNormalizedRssi = 1;  // 0-1000
inline constexpr std::uint32_t kSsiDbm = 2;
inline constexpr std::uint32_t kSsiRawRssi = 3;

// The frequency field: under 256 a channel number, under 10000 MHz, else kHz (FHSS: hop set/pattern/index).
// The datarate field: under 100000 in 100 kbps units, else bits per second.
// Every frame ends with its FCS; 0xFFFFFFFF means the hardware did not supply one.
inline constexpr std::uint32_t kFcsNotSupplied = 0xFFFFFFFF;

}  // namespace avs

// Decodes an AVS header. The trailing FCS is always cut; it is checked unless it is the 0xFFFFFFFF filler.
// Errors: truncated (under 8 bytes, length past the packet, under 4 bytes of frame), unsupported_version
// (magic 0x8021100x other than 1 and 2), malformed (no AVS magic, length below 64 bytes).
DissectError dissect_avs(std::span<const std::uint8_t> packet, RadioInfo& radio, LinkPayload& payload) noexcept;

}  // namespace kismetcore::dissect
