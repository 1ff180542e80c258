// Decodes the fields of the radiotap registry (radiotap.org/fields) into RadioInfo.
#include "dissect/radiotap_fields.h"

#include <algorithm>
#include <array>
#include <bit>

#include "kismetcore/common/byte_cursor.h"
#include "kismetcore/dissect/channel.h"
#include "kismetcore/dissect/radiotap_reader.h"

namespace kismetcore::dissect::radiotap {
namespace {

// The largest fixed field (VHT, timestamp, HE, HE-MU) is 12 bytes; TLV copies of shorter data pad into it.
constexpr std::size_t kLargestField = 12;

}  // namespace

void set_frequency(RadioInfo& radio, std::uint32_t mhz) noexcept {
    if (mhz == 0) return;
    radio.frequency_khz = mhz * 1000;
    radio.channel = channel_from_frequency(mhz);
}

void encoding_from_channel_flags(RadioInfo& radio, std::uint32_t flags) noexcept {
    if (radio.encoding != PhyEncoding::unknown) return;
    if ((flags & kChannelGfsk) != 0)
        radio.encoding = PhyEncoding::fhss;
    else if ((flags & (kChannelOfdm | kChannelDynamicCck)) != 0)
        radio.encoding = PhyEncoding::ofdm;
    else if ((flags & kChannelCck) != 0)
        radio.encoding = PhyEncoding::cck;
}

namespace {

// Spatial streams of an HT MCS index (IEEE 802.11-2020 19.5: MCS 0-31 equal modulation, 8 per stream;
// 32 is the 40 MHz duplicate; 33-76 unequal modulation on 2, 3 or 4 streams).
std::optional<std::uint8_t> ht_spatial_streams(std::uint8_t mcs) noexcept {
    if (mcs <= 31) return static_cast<std::uint8_t>(mcs / 8 + 1);
    if (mcs == 32) return 1;
    if (mcs <= 38) return 2;
    if (mcs <= 52) return 3;
    if (mcs <= 76) return 4;
    return std::nullopt;
}

// Field 19 MCS: known bits 0x01 bandwidth, 0x02 index, 0x04 guard interval.
void decode_mcs(ByteCursor& cursor, RadioInfo& radio) noexcept {
    std::uint8_t known = 0, flags = 0, index = 0;
    cursor.read_u8(known);
    cursor.read_u8(flags);
    cursor.read_u8(index);
    radio.encoding = PhyEncoding::ht;
    if ((known & 0x01) != 0) radio.bandwidth_mhz = (flags & 0x03) == 1 ? 40 : 20;  // 20L/20U are 20 MHz
    if ((known & 0x02) != 0) {
        radio.mcs_index = index;
        radio.spatial_streams = ht_spatial_streams(index);
    }
    if ((known & 0x04) != 0) radio.short_gi = (flags & 0x04) != 0;
}

// Field 21 VHT: bandwidth codes 0-25 name the occupied width (radiotap.org/fields/VHT).
void decode_vht(ByteCursor& cursor, RadioInfo& radio) noexcept {
    constexpr std::array<std::uint16_t, 26> kWidths = {20, 40, 20, 20, 80, 40, 40, 20, 20, 20, 20, 160, 80,
                                                       80, 40, 40, 40, 40, 20, 20, 20, 20, 20, 20, 20,  20};
    std::uint16_t known = 0;
    std::uint8_t flags = 0, bandwidth = 0;
    std::array<std::uint8_t, 4> mcs_nss{};
    cursor.read_le16(known);
    cursor.read_u8(flags);
    cursor.read_u8(bandwidth);
    for (auto& user : mcs_nss) cursor.read_u8(user);
    radio.encoding = PhyEncoding::vht;
    if ((known & 0x0040) != 0 && bandwidth < kWidths.size()) radio.bandwidth_mhz = kWidths[bandwidth];
    if ((known & 0x0004) != 0) radio.short_gi = (flags & 0x04) != 0;
    // Single user: user 0. MU: the first user with streams. Low nibble NSS, high nibble MCS.
    for (const auto user : mcs_nss) {
        if ((user & 0x0F) == 0) continue;
        radio.mcs_index = static_cast<std::uint8_t>(user >> 4);
        radio.spatial_streams = static_cast<std::uint8_t>(user & 0x0F);
        break;
    }
}

// Field 23 HE: data1 says which of data2-6 are known (radiotap.org/fields/HE).
void decode_he(ByteCursor& cursor, RadioInfo& radio) noexcept {
    std::array<std::uint16_t, 6> data{};
    for (auto& word : data) cursor.read_le16(word);
    radio.encoding = PhyEncoding::he;
    const std::uint16_t known = data[0];
    if ((known & 0x0020) != 0) radio.mcs_index = static_cast<std::uint8_t>((data[2] >> 8) & 0x0F);
    if ((known & 0x4000) != 0) {
        constexpr std::array<std::uint16_t, 4> kWidths = {20, 40, 80, 160};  // 4-15 are RU sizes
        if (const unsigned code = data[4] & 0x0Fu; code < kWidths.size()) radio.bandwidth_mhz = kWidths[code];
    }
    if (const unsigned nsts = data[5] & 0x0Fu; nsts != 0) {
        const bool stbc = (known & 0x0200) != 0 && (data[2] & 0x8000) != 0;
        radio.spatial_streams = static_cast<std::uint8_t>(stbc && nsts >= 2 ? nsts / 2 : nsts);
    }
}

// TLV type 34 EHT: u32 known, u32 data[9], then u32 user_info per user (MCS known 0x2, bits 20-23;
// NSS known 0x10, bits 24-27).
void decode_eht(std::span<const std::uint8_t> bytes, RadioInfo& radio) noexcept {
    radio.encoding = PhyEncoding::eht;
    ByteCursor cursor(bytes);
    if (!cursor.skip(40)) return;
    std::uint32_t user = 0;
    while (cursor.read_le32(user)) {
        if ((user & 0x02) == 0) continue;
        radio.mcs_index = static_cast<std::uint8_t>((user >> 20) & 0x0F);
        if ((user & 0x10) != 0) radio.spatial_streams = static_cast<std::uint8_t>((user >> 24) & 0x0F);
        return;
    }
}

// Decodes field `field` of the default namespace; `bytes` holds exactly field_layout(field)->size bytes.
// Inlined into decode_fields, where it runs for every field of every packet.
[[gnu::always_inline]] inline void decode_field(unsigned field, std::span<const std::uint8_t> bytes, RadioInfo& radio,
                                                ChainReading& chain) noexcept {
    ByteCursor cursor(bytes);
    std::uint8_t u8 = 0;
    std::int8_t s8 = 0;
    std::uint16_t u16 = 0;
    switch (field) {
        case kTsft: {
            std::uint64_t tsft = 0;
            if (cursor.read_le64(tsft)) radio.tsft = tsft;
            break;
        }
        case kFlags:
            if (!cursor.read_u8(u8)) break;
            radio.radiotap_flags = u8;
            radio.fcs_present = (u8 & kFlagFcsPresent) != 0;
            radio.bad_fcs = radio.bad_fcs || (u8 & kFlagBadFcs) != 0;
            radio.data_pad = (u8 & kFlagDataPad) != 0;
            radio.short_preamble = (u8 & kFlagShortPreamble) != 0;
            radio.short_gi = radio.short_gi || (u8 & kFlagShortGi) != 0;
            break;
        case kRate:
            if (cursor.read_u8(u8) && u8 != 0) radio.rate_500kbps = u8;
            break;
        case kChannel: {
            std::uint16_t flags = 0;
            if (!cursor.read_le16(u16) || !cursor.read_le16(flags)) break;
            set_frequency(radio, u16);
            radio.channel_flags = flags;
            encoding_from_channel_flags(radio, flags);
            break;
        }
        case kFhss: {
            FhssInfo fhss;
            if (cursor.read_u8(fhss.hop_set) && cursor.read_u8(fhss.hop_pattern)) radio.fhss = fhss;
            break;
        }
        case kDbmAntennaSignal:
            if (!cursor.read_i8(s8)) break;
            if (!radio.signal_dbm) radio.signal_dbm = s8;
            if (!chain.signal_dbm) chain.signal_dbm = s8;
            break;
        case kDbmAntennaNoise:
            if (!cursor.read_i8(s8)) break;
            if (!radio.noise_dbm) radio.noise_dbm = s8;
            if (!chain.noise_dbm) chain.noise_dbm = s8;
            break;
        case kLockQuality:
            if (cursor.read_le16(u16)) radio.lock_quality = u16;
            break;
        case kTxAttenuation:
            if (cursor.read_le16(u16)) radio.tx_attenuation = u16;
            break;
        case kDbTxAttenuation:
            if (cursor.read_le16(u16)) radio.tx_attenuation_db = u16;
            break;
        case kDbmTxPower:
            if (cursor.read_i8(s8)) radio.tx_power_dbm = s8;
            break;
        case kAntenna:
            if (!cursor.read_u8(u8)) break;
            if (!radio.antenna) radio.antenna = u8;
            chain.antenna = u8;
            break;
        case kDbAntennaSignal:
            if (cursor.read_u8(u8) && !radio.signal_db) radio.signal_db = u8;
            break;
        case kDbAntennaNoise:
            if (cursor.read_u8(u8) && !radio.noise_db) radio.noise_db = u8;
            break;
        case kRxFlags:
            if (!cursor.read_le16(u16)) break;
            radio.rx_flags = u16;
            radio.phy_error = radio.phy_error || (u16 & kRxFlagBadPlcp) != 0;
            break;
        case kTxFlags:
            if (cursor.read_le16(u16)) radio.tx_flags = u16;
            break;
        case kRtsRetries:
            if (cursor.read_u8(u8)) radio.rts_retries = u8;
            break;
        case kDataRetries:
            if (cursor.read_u8(u8)) radio.data_retries = u8;
            break;
        case kXChannel: {
            std::uint32_t flags = 0;
            std::uint8_t number = 0;
            if (!cursor.read_le32(flags) || !cursor.read_le16(u16) || !cursor.read_u8(number)) break;
            radio.xchannel_flags = flags;
            if (!radio.frequency_khz) set_frequency(radio, u16);  // field 3, when present, came first
            if (!radio.channel && number != 0) radio.channel = number;
            encoding_from_channel_flags(radio, flags);
            break;
        }
        case kMcs:
            decode_mcs(cursor, radio);
            break;
        case kAmpduStatus: {
            std::uint32_t reference = 0;
            if (cursor.read_le32(reference)) radio.ampdu_reference = reference;
            break;
        }
        case kVht:
            decode_vht(cursor, radio);
            break;
        case kTimestamp: {
            SampleTimestamp stamp;
            if (cursor.read_le64(stamp.value) && cursor.read_le16(stamp.accuracy) &&
                cursor.read_u8(stamp.unit_position) && cursor.read_u8(stamp.flags))
                radio.timestamp = stamp;
            break;
        }
        case kHe:
            decode_he(cursor, radio);
            break;
        case kHeMu:
        case kHeMuOtherUser:
            radio.encoding = PhyEncoding::he;  // per-user details stay in the header
            break;
        case kZeroLengthPsdu:
            if (cursor.read_u8(u8)) radio.zero_length_psdu_type = u8;
            break;
        case kLSig:  // legacy SIGNAL field of the PPDU; nothing RadioInfo reports
        default:
            break;
    }
}

}  // namespace

bool decode_fields(ByteCursor& cursor, std::uint32_t fields, RadioInfo& radio, ChainReading& chain) noexcept {
    for (; fields != 0; fields &= fields - 1) {  // lowest set bit first: the order of the fields' data
        const auto field = static_cast<unsigned>(std::countr_zero(fields));
        const FieldLayout layout = kFieldLayouts[field];
        // Alignments are powers of two; the padding is what brings the offset to the next multiple.
        const std::size_t padding = (layout.align - cursor.offset()) & (layout.align - 1u);
        std::span<const std::uint8_t> bytes;
        if (!cursor.skip(padding) || !cursor.read_bytes(layout.size, bytes)) return false;
        decode_field(field, bytes, radio, chain);
    }
    return true;
}

bool decode_tlvs(std::span<const std::uint8_t> tlvs, RadioInfo& radio, ChainReading& chain) noexcept {
    ByteCursor cursor(tlvs);
    while (cursor.remaining() >= 4) {
        std::uint16_t type = 0, length = 0;
        std::span<const std::uint8_t> data;
        cursor.read_le16(type);
        cursor.read_le16(length);
        if (!cursor.read_bytes(length, data)) return false;
        cursor.align(4);  // items are padded to 4 bytes; padding missing at the very end is tolerated
        if (type == kTlvEht) {
            decode_eht(data, radio);
        } else if (type == kTlvUSig) {
            if (radio.encoding == PhyEncoding::unknown) radio.encoding = PhyEncoding::eht;
        } else if (const auto layout = field_layout(type)) {
            // A TLV may omit trailing bytes of a field; they read as 0 (radiotap.org/fields/TLV).
            std::array<std::uint8_t, kLargestField> padded{};
            const std::size_t copied = std::min<std::size_t>(data.size(), layout->size);
            std::copy_n(data.begin(), copied, padded.begin());
            decode_field(type, std::span<const std::uint8_t>(padded).first(layout->size), radio, chain);
        }
        // 28 is padding, 30 vendor data, others unknown: skipped by their length.
    }
    return true;
}

}  // namespace kismetcore::dissect::radiotap
