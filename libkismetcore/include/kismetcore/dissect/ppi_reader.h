// PPI, the CACE Per-Packet Information header (DLT 192; "PPI Header Format" 1.0.10 and PPI-GEOLOCATION).
#pragma once

#include <cstdint>
#include <span>

#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/link_layer.h"
#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::dissect {

namespace ppi {

// Packet header: u8 version (0), u8 flags, u16 length (whole header), u32 DLT of the payload; little endian.
inline constexpr std::size_t kPacketHeaderLength = 8;
inline constexpr std::uint8_t kHeaderFlagAligned = 0x01;  // every field is padded to 32 bits

// Field header: u16 type, u16 data length, then the data.
inline constexpr std::size_t kFieldHeaderLength = 4;
inline constexpr std::uint16_t kField80211Common = 2;
inline constexpr std::uint16_t kField80211nMac = 3;
inline constexpr std::uint16_t kField80211nMacPhy = 4;
inline constexpr std::uint16_t kFieldSpectrumMap = 5;
inline constexpr std::uint16_t kFieldProcessInfo = 6;
inline constexpr std::uint16_t kFieldCaptureInfo = 7;
inline constexpr std::uint16_t kFieldGps = 30002;
inline constexpr std::uint16_t kFieldVector = 30003;
inline constexpr std::uint16_t kFieldSensor = 30004;
inline constexpr std::uint16_t kFieldAntenna = 30005;

// 802.11-common (20 bytes): u64 TSF timer, u16 flags, u16 rate (500 kbps), u16 channel MHz, u16 channel
// flags (radiotap's bits), u8 FHSS hop set, u8 FHSS pattern, s8 dBm signal, s8 dBm noise.
// Rate 0, frequency 0 and signal/noise -128 mean "invalid".
inline constexpr std::size_t k80211CommonLength = 20;
inline constexpr std::uint16_t kCommonFlagFcsPresent = 0x0001;
inline constexpr std::uint16_t kCommonFlagTsftInMilliseconds = 0x0002;
inline constexpr std::uint16_t kCommonFlagFcsInvalid = 0x0004;
inline constexpr std::uint16_t kCommonFlagPhyError = 0x0008;
inline constexpr std::int8_t kInvalidDbm = -128;

// 802.11n MAC (12 bytes): u32 flags, u32 A-MPDU id, u8 delimiters, u8 reserved[3].
// 802.11n MAC+PHY (48 bytes): the MAC part, u8 MCS (255 invalid), u8 streams (0 invalid), u8 combined RSSI,
// u8 RSSI ant0-3 control, u8 RSSI ant0-3 extension (255 invalid), u16 extension channel MHz, u16 extension
// channel flags, s8 dBm signal/noise for ant0..ant3 (-128 invalid), u32 EVM 0-3.
inline constexpr std::size_t k80211nMacLength = 12;
inline constexpr std::size_t k80211nMacPhyLength = 48;
inline constexpr std::uint32_t kMacFlagGreenfield = 0x01;
inline constexpr std::uint32_t kMacFlagHt40 = 0x02;
inline constexpr std::uint32_t kMacFlagShortGi = 0x04;
inline constexpr std::uint32_t kMacFlagDuplicateRx = 0x08;
inline constexpr std::uint32_t kMacFlagAggregate = 0x10;
inline constexpr std::uint32_t kMacFlagMoreAggregates = 0x20;
inline constexpr std::uint32_t kMacFlagDelimiterCrcError = 0x40;

// GPS (type 30002): u8 version (2), u8 pad, u16 length (with this 8-byte header), u32 present bits, then
// the present fields in bit order. Bits 0 GPS flags, 1 latitude, 2 longitude (fixed3_7: degrees + 180,
// times 10^7), 3 altitude (fixed6_4: metres + 180000, times 10^4); all u32.
inline constexpr std::size_t kGpsHeaderLength = 8;
inline constexpr std::uint32_t kGpsPresentFlags = 1u << 0;
inline constexpr std::uint32_t kGpsPresentLatitude = 1u << 1;
inline constexpr std::uint32_t kGpsPresentLongitude = 1u << 2;
inline constexpr std::uint32_t kGpsPresentAltitude = 1u << 3;

constexpr double fixed3_7_to_degrees(std::uint32_t raw) noexcept {
    return static_cast<double>(static_cast<std::int64_t>(raw) - 1'800'000'000) / 10'000'000.0;
}
constexpr double fixed6_4_to_metres(std::uint32_t raw) noexcept {
    return static_cast<double>(static_cast<std::int64_t>(raw) - 1'800'000'000) / 10'000.0;
}

}  // namespace ppi

// Decodes a PPI header: 802.11-common, 802.11n MAC and MAC+PHY and GPS fields; others are skipped by their
// length. The payload carries the header's DLT (105 for 802.11, anything else passes through: 147 for an
// Ubertooth BLE capture). For an 802.11 payload with the FCS-present flag, the FCS is cut and checked.
// Errors: truncated (under 8 bytes, header length past the packet), unsupported_version (version != 0),
// malformed (header length below 8, a field running past the header length).
DissectError dissect_ppi(std::span<const std::uint8_t> packet, RadioInfo& radio, LinkPayload& payload) noexcept;

}  // namespace kismetcore::dissect
