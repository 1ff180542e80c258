// Private to the radiotap reader: the fast path for one presence word of the fields most drivers send, laid out
// from a table built at compile time and decoded in straight-line code. A header so that it inlines into
// dissect_radiotap: as a call it cost a dozen register saves and restores per packet.
#pragma once

#include <array>
#include <bit>
#include <cstring>

#include "dissect/radiotap_fields.h"
#include "kismetcore/dissect/channel.h"
#include "kismetcore/dissect/radiotap_reader.h"

namespace kismetcore::dissect::radiotap {
namespace common_fields {

// The fields decode_common_fields handles, in bit order: the ones Linux drivers and most capture tools send in
// one word (the synthetic captures of kismet-synth use the first seven).
inline constexpr std::array<Field, 10> kCommonFieldList = {
    kTsft,    kFlags,           kRate,           kChannel, kDbmAntennaSignal, kDbmAntennaNoise,
    kAntenna, kDbAntennaSignal, kDbAntennaNoise, kRxFlags};
inline constexpr std::uint32_t kCommonFields = [] {
    std::uint32_t mask = 0;
    for (const Field field : kCommonFieldList) mask |= 1u << field;
    return mask;
}();

// Packs the common bits of a presence word (0-3, 5-6, 11-14) into an index of 10 bits.
constexpr unsigned layout_index(std::uint32_t present) noexcept {
    return (present & 0x0Fu) | ((present >> 1) & 0x30u) | ((present >> 5) & 0x3C0u);
}

// Where each common field starts (0: absent) and where the last one ends, for one combination of them.
struct CommonLayout {
    std::array<std::uint8_t, kCommonFieldList.size()> at{};
    std::uint8_t end = 8;
};

// Every combination laid out as the radiotap rules say: each field at its alignment (from the start of the
// header), in bit order, after it_version, it_pad, it_len and the one presence word.
inline constexpr auto kCommonLayouts = [] {
    std::array<CommonLayout, 1u << kCommonFieldList.size()> layouts{};
    for (std::uint32_t present = 0; present <= kCommonFields; ++present) {
        if ((present & ~kCommonFields) != 0) continue;
        CommonLayout& layout = layouts[layout_index(present)];
        unsigned end = 8;
        for (std::size_t i = 0; i < kCommonFieldList.size(); ++i) {
            if ((present & (1u << kCommonFieldList[i])) == 0) continue;
            const FieldLayout field = kFieldLayouts[kCommonFieldList[i]];
            const unsigned at = (end + field.align - 1u) & ~(field.align - 1u);
            layout.at[i] = static_cast<std::uint8_t>(at);
            end = at + field.size;
        }
        layout.end = static_cast<std::uint8_t>(end);
    }
    return layouts;
}();

enum CommonSlot : std::size_t {
    kTsftAt,
    kFlagsAt,
    kRateAt,
    kChannelAt,
    kSignalAt,
    kNoiseAt,
    kAntennaAt,
    kDbSignalAt,
    kDbNoiseAt,
    kRxFlagsAt
};

// channel_from_frequency for every MHz from 2400 to 7125, 0 where it has none (no channel there is 0): a load
// instead of a chain of band tests that mispredicts when the bands of consecutive packets differ.
inline constexpr std::uint32_t kTableFirstMhz = 2400, kTableLastMhz = 7125;
static_assert(
    [] {
        for (std::uint32_t mhz = kTableFirstMhz; mhz <= kTableLastMhz; ++mhz)
            if (const auto channel = channel_from_frequency(mhz); channel && (*channel == 0 || *channel > 0xFF))
                return false;
        return true;
    }(),
    "every channel in the table's range fits an octet and is not 0");
inline constexpr auto kChannelOfMhz = [] {
    std::array<std::uint8_t, kTableLastMhz - kTableFirstMhz + 1> table{};
    for (std::uint32_t mhz = kTableFirstMhz; mhz <= kTableLastMhz; ++mhz)
        table[mhz - kTableFirstMhz] = static_cast<std::uint8_t>(channel_from_frequency(mhz).value_or(0));
    return table;
}();

// The four channel-flag bits that name a modulation (CCK, OFDM, dynamic CCK-OFDM, GFSK) packed into 0-15.
constexpr unsigned modulation_index(std::uint16_t channel_flags) noexcept {
    return ((channel_flags & kChannelCck) != 0 ? 1u : 0u) | ((channel_flags & kChannelOfdm) != 0 ? 2u : 0u) |
           ((channel_flags & kChannelDynamicCck) != 0 ? 4u : 0u) | ((channel_flags & kChannelGfsk) != 0 ? 8u : 0u);
}

// encoding_from_channel_flags of a fresh RadioInfo for each combination: GFSK wins, then OFDM or dynamic
// CCK-OFDM, then CCK.
inline constexpr auto kEncodingOfModulation = [] {
    std::array<PhyEncoding, 16> table{};
    for (unsigned index = 0; index < table.size(); ++index) {
        PhyEncoding encoding = PhyEncoding::unknown;
        if ((index & 1u) != 0) encoding = PhyEncoding::cck;
        if ((index & 6u) != 0) encoding = PhyEncoding::ofdm;
        if ((index & 8u) != 0) encoding = PhyEncoding::fhss;
        table[index] = encoding;
    }
    return table;
}();

inline void set_frequency_from_table(RadioInfo& radio, std::uint32_t mhz) noexcept {
    if (mhz < kTableFirstMhz || mhz > kTableLastMhz) return set_frequency(radio, mhz);
    radio.frequency_khz = mhz * 1000;
    if (const std::uint8_t channel = kChannelOfMhz[mhz - kTableFirstMhz]; channel != 0) radio.channel = channel;
}

inline std::uint16_t le16(std::span<const std::uint8_t> bytes, std::size_t at) noexcept {
    return static_cast<std::uint16_t>(bytes[at] | (bytes[at + 1] << 8));
}

inline std::uint64_t le64(std::span<const std::uint8_t> bytes, std::size_t at) noexcept {
    std::uint64_t value = 0;
    std::memcpy(&value, bytes.subspan(at, 8).data(), 8);  // one load; a byte loop costs ~30 instructions
    if constexpr (std::endian::native == std::endian::big) value = __builtin_bswap64(value);
    return value;
}

}  // namespace common_fields

// The fast path for a header with one presence word (`present`) naming only common fields (TSFT, flags, rate,
// channel, dBm and dB signal and noise, antenna, RX flags): decodes them into `radio`, freshly reset, exactly as
// the general walk would, and returns true. Returns false, having written nothing, for any other word or when
// the fields run past `header` (the first it_len bytes); the general walk then decodes or reports it.
[[gnu::always_inline]] inline bool decode_common_fields(std::span<const std::uint8_t> header, std::uint32_t present,
                                                        RadioInfo& radio) noexcept {
    using namespace common_fields;
    if ((present & ~kCommonFields) != 0) return false;
    const CommonLayout& layout = kCommonLayouts[layout_index(present)];
    if (layout.end > header.size()) return false;  // the general walk reports which field runs past it_len
    const auto& at = layout.at;

    // Each field as decode_field reads it into a freshly reset RadioInfo.
    if (at[kTsftAt] != 0) radio.tsft = le64(header, at[kTsftAt]);
    if (at[kFlagsAt] != 0) {
        const std::uint8_t flags = header[at[kFlagsAt]];
        radio.radiotap_flags = flags;
        radio.fcs_present = (flags & kFlagFcsPresent) != 0;
        radio.bad_fcs = (flags & kFlagBadFcs) != 0;
        radio.data_pad = (flags & kFlagDataPad) != 0;
        radio.short_preamble = (flags & kFlagShortPreamble) != 0;
        radio.short_gi = (flags & kFlagShortGi) != 0;
    }
    if (at[kRateAt] != 0 && header[at[kRateAt]] != 0) radio.rate_500kbps = header[at[kRateAt]];
    if (at[kChannelAt] != 0) {
        const std::uint16_t channel_flags = le16(header, at[kChannelAt] + 2u);
        set_frequency_from_table(radio, le16(header, at[kChannelAt]));
        radio.channel_flags = channel_flags;
        // encoding_from_channel_flags for a fresh RadioInfo, as a table lookup: the modulation changes from packet
        // to packet, and branches on it mispredict (GCC turns the plain if-chain into one).
        radio.encoding = kEncodingOfModulation[modulation_index(channel_flags)];
    }
    AntennaReading chain;
    if (at[kSignalAt] != 0) {
        chain.signal_dbm = static_cast<std::int8_t>(header[at[kSignalAt]]);
        radio.signal_dbm = *chain.signal_dbm;
    }
    if (at[kNoiseAt] != 0) {
        chain.noise_dbm = static_cast<std::int8_t>(header[at[kNoiseAt]]);
        radio.noise_dbm = *chain.noise_dbm;
    }
    if (at[kAntennaAt] != 0) {
        chain.antenna = header[at[kAntennaAt]];
        radio.antenna = chain.antenna;
        // One word describes one receive chain when it names an antenna and measures something on it.
        if (chain.signal_dbm || chain.noise_dbm) radio.add_antenna(chain);
    }
    if (at[kDbSignalAt] != 0) radio.signal_db = header[at[kDbSignalAt]];
    if (at[kDbNoiseAt] != 0) radio.noise_db = header[at[kDbNoiseAt]];
    if (at[kRxFlagsAt] != 0) {
        const std::uint16_t rx_flags = le16(header, at[kRxFlagsAt]);
        radio.rx_flags = rx_flags;
        radio.phy_error = (rx_flags & kRxFlagBadPlcp) != 0;
    }
    return true;
}

}  // namespace kismetcore::dissect::radiotap
