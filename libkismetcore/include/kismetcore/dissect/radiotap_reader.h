// Radiotap (DLT 127, radiotap.org): the field registry and the header walker.
#pragma once

#include <cstdint>
#include <iterator>
#include <optional>
#include <span>

#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/link_layer.h"
#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::dissect {

namespace radiotap {

// Field numbers: the presence-bitmap bit of each field in the default namespace (radiotap.org/fields).
enum Field : std::uint8_t {
    kTsft = 0,
    kFlags = 1,
    kRate = 2,
    kChannel = 3,
    kFhss = 4,
    kDbmAntennaSignal = 5,
    kDbmAntennaNoise = 6,
    kLockQuality = 7,
    kTxAttenuation = 8,
    kDbTxAttenuation = 9,
    kDbmTxPower = 10,
    kAntenna = 11,
    kDbAntennaSignal = 12,
    kDbAntennaNoise = 13,
    kRxFlags = 14,
    kTxFlags = 15,
    kRtsRetries = 16,
    kDataRetries = 17,
    kXChannel = 18,
    kMcs = 19,
    kAmpduStatus = 20,
    kVht = 21,
    kTimestamp = 22,
    kHe = 23,
    kHeMu = 24,
    kHeMuOtherUser = 25,
    kZeroLengthPsdu = 26,
    kLSig = 27,
    kTlv = 28,                // the rest of the header is a TLV list (u16 type, u16 length, data, pad to 4)
    kRadiotapNamespace = 29,  // the next presence word restarts at bit 0 of the default namespace
    kVendorNamespace = 30,    // u8 OUI[3], u8 sub_namespace, u16 skip_length; the next word is the vendor's
    kExt = 31,                // another presence word follows
};

// TLV-only types (radiotap.org: "generators shall use TLV fields for all fields with type >= 32").
inline constexpr std::uint16_t kTlvS1g = 32;
inline constexpr std::uint16_t kTlvUSig = 33;
inline constexpr std::uint16_t kTlvEht = 34;

// Flags field (1) bits.
inline constexpr std::uint8_t kFlagCfp = 0x01;
inline constexpr std::uint8_t kFlagShortPreamble = 0x02;
inline constexpr std::uint8_t kFlagWep = 0x04;
inline constexpr std::uint8_t kFlagFragmented = 0x08;
inline constexpr std::uint8_t kFlagFcsPresent = 0x10;
inline constexpr std::uint8_t kFlagDataPad = 0x20;
inline constexpr std::uint8_t kFlagBadFcs = 0x40;
inline constexpr std::uint8_t kFlagShortGi = 0x80;

// Channel field (3) flag bits, shared with PPI 802.11-common.
inline constexpr std::uint16_t kChannelTurbo = 0x0010;
inline constexpr std::uint16_t kChannelCck = 0x0020;
inline constexpr std::uint16_t kChannelOfdm = 0x0040;
inline constexpr std::uint16_t kChannel2Ghz = 0x0080;
inline constexpr std::uint16_t kChannel5Ghz = 0x0100;
inline constexpr std::uint16_t kChannelPassive = 0x0200;
inline constexpr std::uint16_t kChannelDynamicCck = 0x0400;
inline constexpr std::uint16_t kChannelGfsk = 0x0800;

// RX flags field (14): the PLCP CRC check failed.
inline constexpr std::uint16_t kRxFlagBadPlcp = 0x0002;

// Natural alignment and size of a fixed-size field; every field is aligned relative to the header start.
struct FieldLayout {
    std::uint8_t align = 1;
    std::uint8_t size = 0;
};

// Layouts of fields 0-27, by field number (a table at namespace scope, so no call builds it anew).
inline constexpr FieldLayout kFieldLayouts[] = {
    {8, 8},   // 0 TSFT: u64 microseconds
    {1, 1},   // 1 Flags
    {1, 1},   // 2 Rate: 500 kbps units
    {2, 4},   // 3 Channel: u16 MHz, u16 flags
    {2, 2},   // 4 FHSS: u8 hop set, u8 hop pattern; once a u16, so Linux, tcpdump and Wireshark align it to 2
    {1, 1},   // 5 dBm antenna signal: s8
    {1, 1},   // 6 dBm antenna noise: s8
    {2, 2},   // 7 Lock quality: u16
    {2, 2},   // 8 TX attenuation: u16
    {2, 2},   // 9 dB TX attenuation: u16
    {1, 1},   // 10 dBm TX power: s8
    {1, 1},   // 11 Antenna: u8
    {1, 1},   // 12 dB antenna signal: u8
    {1, 1},   // 13 dB antenna noise: u8
    {2, 2},   // 14 RX flags: u16
    {2, 2},   // 15 TX flags: u16
    {1, 1},   // 16 RTS retries: u8
    {1, 1},   // 17 data retries: u8
    {4, 8},   // 18 XChannel: u32 flags, u16 MHz, u8 channel, u8 max power
    {1, 3},   // 19 MCS: u8 known, u8 flags, u8 mcs
    {4, 8},   // 20 A-MPDU status: u32 reference, u16 flags, u8 delimiter CRC, u8 reserved
    {2, 12},  // 21 VHT: u16 known, u8 flags, u8 bandwidth, u8 mcs_nss[4], u8 coding, u8 group, u16 aid
    {8, 12},  // 22 timestamp: u64, u16 accuracy, u8 unit/position, u8 flags
    {2, 12},  // 23 HE: u16 data1..data6
    {2, 12},  // 24 HE-MU: u16 flags1, u16 flags2, u8 RU_channel1[4], u8 RU_channel2[4]
    {2, 6},   // 25 HE-MU-other-user: u16 per_user_1, u16 per_user_2, u8 position, u8 known
    {1, 1},   // 26 0-length-PSDU: u8 type
    {2, 4},   // 27 L-SIG: u16 data1, u16 data2
};

// The layout of field `field` in the default namespace, or nothing for a bit with no defined field (which
// stops the walk: the fields after an unknown one cannot be located). Bits 28-31 are structural, not here.
constexpr std::optional<FieldLayout> field_layout(unsigned field) noexcept {
    if (field >= std::size(kFieldLayouts)) return std::nullopt;
    return kFieldLayouts[field];
}

}  // namespace radiotap

// Decodes a radiotap header: walks every presence word (bit 31), resets to the default namespace on bit 29,
// skips vendor namespaces (bit 30) by their skip_length, reads every registry field at its alignment and
// the TLV list (bit 28). An unknown bit in the default namespace stops the field walk (radio.fields_complete
// becomes false) but the frame at it_len is still returned. With the FCS flag the last 4 bytes are cut and
// checked: bad_fcs is set when the flag says so or the CRC-32 does not match.
// Errors: truncated (fewer than 8 bytes, it_len past the packet, FCS flag with under 4 bytes of frame),
// unsupported_version (it_version != 0), malformed (it_len < 8, bitmaps or a field past it_len).
DissectError dissect_radiotap(std::span<const std::uint8_t> packet, RadioInfo& radio, LinkPayload& payload) noexcept;

}  // namespace kismetcore::dissect
