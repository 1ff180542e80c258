// The pcapng constants kismetcore reads and writes (IETF draft-ietf-opsawg-pcapng, "PCAP Next Generation").
#pragma once

#include <cstdint>

namespace kismetcore::capture::pcapng {

// Block types (section 11.1). The SHB type reads the same in both byte orders on purpose.
inline constexpr std::uint32_t kSectionHeaderBlock = 0x0A0D0D0A;
inline constexpr std::uint32_t kInterfaceDescriptionBlock = 0x00000001;
inline constexpr std::uint32_t kObsoletePacketBlock = 0x00000002;
inline constexpr std::uint32_t kSimplePacketBlock = 0x00000003;
inline constexpr std::uint32_t kEnhancedPacketBlock = 0x00000006;

// The SHB's byte-order magic tells the reader which byte order the whole section uses.
inline constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;
inline constexpr std::uint16_t kMajorVersion = 1;

// Every block is type, total length, body, total length again; lengths are multiples of 4.
inline constexpr std::uint32_t kBlockOverhead = 12;
inline constexpr std::uint32_t kSectionHeaderMinimum = 28;
// A cap on a block's total length, so a corrupt length field cannot make the reader allocate gigabytes.
// libpcap starts from the same 16 MiB; no 802.11 or Bluetooth frame comes close.
inline constexpr std::uint32_t kMaxBlockLength = 16u * 1024 * 1024;

// Options (section 3.5) that change how packets are read; all others are skipped.
inline constexpr std::uint16_t kOptionEnd = 0;
inline constexpr std::uint16_t kOptionIfName = 2;
inline constexpr std::uint16_t kOptionIfTsResol = 9;
inline constexpr std::uint16_t kOptionIfTsOffset = 14;
inline constexpr std::uint16_t kOptionShbUserAppl = 4;

// if_tsresol: the high bit chooses a power of 2 instead of 10, the low seven bits are the negative exponent.
inline constexpr std::uint8_t kTsResolPowerOfTwo = 0x80;
inline constexpr std::uint8_t kDefaultTsResol = 6;  // microseconds

}  // namespace kismetcore::capture::pcapng
