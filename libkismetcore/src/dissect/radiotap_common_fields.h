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

// encoding_from_channel_flags of a fresh RadioInfo for bits 5-11 of the channel flags, which hold the four that
// name a modulation (CCK, OFDM, dynamic CCK-OFDM, GFSK): GFSK wins, then OFDM or dynamic CCK-OFDM, then CCK. A load
// instead of a chain of tests: the modulation changes from packet to packet, and branches on it mispredict.
inline constexpr unsigned kModulationShift = 5;
static_assert(((kChannelCck | kChannelOfdm | kChannelDynamicCck | kChannelGfsk) >> kModulationShift) < 128,
              "the modulation bits lie within bits 5-11");
inline constexpr auto kEncodingOfChannelFlags = [] {
    std::array<PhyEncoding, 128> table{};
    for (unsigned index = 0; index < table.size(); ++index) {
        const unsigned flags = index << kModulationShift;
        PhyEncoding encoding = PhyEncoding::unknown;
        if ((flags & kChannelCck) != 0) encoding = PhyEncoding::cck;
        if ((flags & (kChannelOfdm | kChannelDynamicCck)) != 0) encoding = PhyEncoding::ofdm;
        if ((flags & kChannelGfsk) != 0) encoding = PhyEncoding::fhss;
        table[index] = encoding;
    }
    return table;
}();

// What the radiotap flags octet (field 1) sets in a fresh RadioInfo, for each value, grouped as the members lie
// in RadioInfo: two loads and a few stores instead of a shift, a mask and a store per flag.
struct FcsFlags {
    bool fcs_present, bad_fcs;
};
struct PhyFlags {
    bool short_gi, short_preamble, data_pad;
    bool phy_error = false;  // not the flag octet's to say (RX flags are): the fourth byte makes one 4-byte copy
};
inline constexpr auto kFcsFlagsOf = [] {
    std::array<FcsFlags, 256> table{};
    for (unsigned flags = 0; flags < table.size(); ++flags)
        table[flags] = FcsFlags{(flags & kFlagFcsPresent) != 0, (flags & kFlagBadFcs) != 0};
    return table;
}();
inline constexpr auto kPhyFlagsOf = [] {
    std::array<PhyFlags, 256> table{};
    for (unsigned flags = 0; flags < table.size(); ++flags)
        table[flags] = PhyFlags{(flags & kFlagShortGi) != 0, (flags & kFlagShortPreamble) != 0,
                                (flags & kFlagDataPad) != 0, false};
    return table;
}();

// A frequency the table answers: in its range, or 0 (no frequency, which sets nothing). The fast path leaves the
// others to the general walk, so that it calls nothing and needs no callee-saved registers.
constexpr bool frequency_in_table(std::uint32_t mhz) noexcept {
    return mhz == 0 || (mhz >= kTableFirstMhz && mhz <= kTableLastMhz);
}

// set_frequency for a frequency_in_table, into a fresh RadioInfo: emplace() stores the value and the flag, where
// assignment tests the flag first.
inline void set_frequency_from_table(RadioInfo& radio, std::uint32_t mhz) noexcept {
    if (mhz == 0) return;
    radio.frequency_khz.emplace(mhz * 1000);
    if (const std::uint8_t channel = kChannelOfMhz[mhz - kTableFirstMhz]; channel != 0) radio.channel.emplace(channel);
}

inline std::uint16_t le16(std::span<const std::uint8_t> bytes, std::size_t at) noexcept {
    std::uint16_t value = 0;
    std::memcpy(&value, bytes.subspan(at, 2).data(), 2);  // one load, not two and a shift
    if constexpr (std::endian::native == std::endian::big) value = __builtin_bswap16(value);
    return value;
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
// the general walk would, and returns true. Returns false, having written nothing, for any other word, a
// frequency outside the channel table, or when the fields run past `header` (the first it_len bytes); the
// general walk then decodes or reports it.
[[gnu::always_inline]] inline bool decode_common_fields(std::span<const std::uint8_t> header, std::uint32_t present,
                                                        RadioInfo& radio) noexcept {
    using namespace common_fields;
    if ((present & ~kCommonFields) != 0) return false;
    const CommonLayout& layout = kCommonLayouts[layout_index(present)];
    if (layout.end > header.size()) return false;  // the general walk reports which field runs past it_len
    const auto& at = layout.at;
    const std::uint16_t mhz = at[kChannelAt] != 0 ? le16(header, at[kChannelAt]) : 0;
    if (!frequency_in_table(mhz)) return false;

    // Each field as decode_field reads it into a freshly reset RadioInfo: so emplace() rather than assignment,
    // which tests the engaged flag first, and the first antenna reading goes straight to slot 0.
    if (at[kTsftAt] != 0) radio.tsft.emplace(le64(header, at[kTsftAt]));
    if (at[kFlagsAt] != 0) {
        const std::uint8_t flags = header[at[kFlagsAt]];
        radio.radiotap_flags.emplace(flags);
        const FcsFlags& fcs = kFcsFlagsOf[flags];
        radio.fcs_present = fcs.fcs_present;
        radio.bad_fcs = fcs.bad_fcs;
        const PhyFlags& phy = kPhyFlagsOf[flags];
        radio.short_gi = phy.short_gi;
        radio.short_preamble = phy.short_preamble;
        radio.data_pad = phy.data_pad;
        radio.phy_error = phy.phy_error;
    }
    if (at[kRateAt] != 0 && header[at[kRateAt]] != 0) radio.rate_500kbps.emplace(header[at[kRateAt]]);
    if (at[kChannelAt] != 0) {
        const std::uint16_t channel_flags = le16(header, at[kChannelAt] + 2u);
        set_frequency_from_table(radio, mhz);
        radio.channel_flags.emplace(channel_flags);
        radio.encoding = kEncodingOfChannelFlags[(channel_flags >> kModulationShift) & 0x7Fu];
    }
    AntennaReading chain;
    if (at[kSignalAt] != 0) {
        chain.signal_dbm.emplace(static_cast<std::int8_t>(header[at[kSignalAt]]));
        radio.signal_dbm.emplace(*chain.signal_dbm);
    }
    if (at[kNoiseAt] != 0) {
        chain.noise_dbm.emplace(static_cast<std::int8_t>(header[at[kNoiseAt]]));
        radio.noise_dbm.emplace(*chain.noise_dbm);
    }
    if (at[kAntennaAt] != 0) {
        chain.antenna = header[at[kAntennaAt]];
        radio.antenna.emplace(chain.antenna);
        // One word describes one receive chain when it names an antenna and measures something on it.
        if (chain.signal_dbm || chain.noise_dbm) {
            radio.antennas[0] = chain;  // add_antenna on a fresh RadioInfo
            radio.antenna_count = 1;
        }
    }
    if (at[kDbSignalAt] != 0) radio.signal_db.emplace(header[at[kDbSignalAt]]);
    if (at[kDbNoiseAt] != 0) radio.noise_db.emplace(header[at[kDbNoiseAt]]);
    if (at[kRxFlagsAt] != 0) {
        const std::uint16_t rx_flags = le16(header, at[kRxFlagsAt]);
        radio.rx_flags.emplace(rx_flags);
        radio.phy_error = (rx_flags & kRxFlagBadPlcp) != 0;
    }
    return true;
}

}  // namespace kismetcore::dissect::radiotap
