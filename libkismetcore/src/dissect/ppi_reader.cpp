// Reads a PPI header (DLT 192) field by field into RadioInfo, then hands back the payload with its DLT.
#include "kismetcore/dissect/ppi_reader.h"

#include <algorithm>
#include <cmath>

#include "dissect/link_layer_internal.h"
#include "dissect/reset_to_default.h"
#include "kismetcore/capture/packet.h"
#include "kismetcore/common/byte_cursor.h"
#include "kismetcore/dissect/channel.h"
#include "kismetcore/dissect/radiotap_reader.h"

namespace kismetcore::dissect {
namespace {

using namespace ppi;

struct CommonFlags {
    bool fcs_present = false;
};

void set_frequency(RadioInfo& radio, std::uint16_t mhz) noexcept {
    if (mhz == 0) return;  // 0 = invalid
    radio.frequency_khz = std::uint32_t{mhz} * 1000;
    radio.channel = channel_from_frequency(mhz);
}

void decode_80211_common(ByteCursor& data, RadioInfo& radio, CommonFlags& common) noexcept {
    std::uint64_t tsft = 0;
    std::uint16_t flags = 0, rate = 0, mhz = 0, channel_flags = 0;
    FhssInfo fhss;
    std::int8_t signal = 0, noise = 0;
    data.read_le64(tsft);
    data.read_le16(flags);
    data.read_le16(rate);
    data.read_le16(mhz);
    data.read_le16(channel_flags);
    data.read_u8(fhss.hop_set);
    data.read_u8(fhss.hop_pattern);
    data.read_i8(signal);
    data.read_i8(noise);
    if (!data.ok()) return;  // callers check the length; this is belt and braces

    radio.tsft = (flags & kCommonFlagTsftInMilliseconds) != 0 ? tsft * 1000 : tsft;
    common.fcs_present = (flags & kCommonFlagFcsPresent) != 0;
    if ((flags & kCommonFlagFcsInvalid) != 0) radio.bad_fcs = true;
    if ((flags & kCommonFlagPhyError) != 0) radio.phy_error = true;
    if (rate != 0) radio.rate_500kbps = rate;
    set_frequency(radio, mhz);
    if (channel_flags != 0) {
        radio.channel_flags = channel_flags;
        if ((channel_flags & radiotap::kChannelGfsk) != 0)
            radio.encoding = PhyEncoding::fhss;
        else if ((channel_flags & (radiotap::kChannelOfdm | radiotap::kChannelDynamicCck)) != 0)
            radio.encoding = PhyEncoding::ofdm;
        else if ((channel_flags & radiotap::kChannelCck) != 0)
            radio.encoding = PhyEncoding::cck;
    }
    if (fhss.hop_set != 0 || fhss.hop_pattern != 0) radio.fhss = fhss;
    if (signal != kInvalidDbm) radio.signal_dbm = signal;
    if (noise != kInvalidDbm) radio.noise_dbm = noise;
}

// The MAC part shared by 802.11n MAC (type 3) and MAC+PHY (type 4).
void decode_80211n_mac(ByteCursor& data, RadioInfo& radio) noexcept {
    std::uint32_t flags = 0, ampdu_id = 0;
    std::uint8_t delimiters = 0;
    data.read_le32(flags);
    data.read_le32(ampdu_id);
    data.read_u8(delimiters);
    radio.encoding = PhyEncoding::ht;
    radio.bandwidth_mhz = (flags & kMacFlagHt40) != 0 ? 40 : 20;
    radio.short_gi = (flags & kMacFlagShortGi) != 0;
    if ((flags & kMacFlagAggregate) != 0) radio.ampdu_reference = ampdu_id;
}

void decode_80211n_mac_phy(ByteCursor& data, RadioInfo& radio) noexcept {
    decode_80211n_mac(data, radio);
    std::uint8_t mcs = 0, streams = 0, combined_rssi = 0;
    data.read_u8(mcs);
    data.read_u8(streams);
    data.read_u8(combined_rssi);
    data.skip(8);  // per-antenna RSSI, control and extension channel
    std::uint16_t extension_mhz = 0, extension_flags = 0;
    data.read_le16(extension_mhz);
    data.read_le16(extension_flags);
    if (mcs != 255) radio.mcs_index = mcs;
    if (streams != 0) radio.spatial_streams = streams;
    if (combined_rssi != 255) radio.signal_rssi = combined_rssi;
    if (extension_mhz != 0) radio.extension_frequency_khz = std::uint32_t{extension_mhz} * 1000;
    for (std::uint8_t antenna = 0; antenna < 4; ++antenna) {
        std::int8_t signal = 0, noise = 0;
        if (!data.read_i8(signal) || !data.read_i8(noise)) break;
        AntennaReading reading{antenna, std::nullopt, std::nullopt};
        if (signal != kInvalidDbm) reading.signal_dbm = signal;
        if (noise != kInvalidDbm) reading.noise_dbm = noise;
        if (reading.signal_dbm || reading.noise_dbm) radio.add_antenna(reading);
    }
}

// PPI-GEOLOCATION GPS: the present fields follow in bit order; only the first four are read.
void decode_gps(std::span<const std::uint8_t> field, RadioInfo& radio) noexcept {
    ByteCursor data(field);
    std::uint8_t version = 0, pad = 0;
    std::uint16_t length = 0;
    std::uint32_t present = 0;
    if (!data.read_u8(version) || !data.read_u8(pad) || !data.read_le16(length) || !data.read_le32(present)) return;
    if (length < kGpsHeaderLength) return;
    ByteCursor values(field.first(std::min<std::size_t>(length, field.size())));
    values.seek(kGpsHeaderLength);
    std::uint32_t raw = 0;
    if ((present & kGpsPresentFlags) != 0 && !values.skip(4)) return;
    if ((present & kGpsPresentLatitude) != 0) {
        if (!values.read_le32(raw)) return;
        if (const double degrees = fixed3_7_to_degrees(raw); std::fabs(degrees) <= 90.0) radio.gps.latitude = degrees;
    }
    if ((present & kGpsPresentLongitude) != 0) {
        if (!values.read_le32(raw)) return;
        if (const double degrees = fixed3_7_to_degrees(raw); std::fabs(degrees) <= 180.0) radio.gps.longitude = degrees;
    }
    if ((present & kGpsPresentAltitude) != 0 && values.read_le32(raw)) radio.gps.altitude_m = fixed6_4_to_metres(raw);
}

void decode_field(std::uint16_t type, std::span<const std::uint8_t> field, RadioInfo& radio,
                  CommonFlags& common) noexcept {
    ByteCursor data(field);
    switch (type) {
        case kField80211Common:
            if (field.size() >= k80211CommonLength) return decode_80211_common(data, radio, common);
            break;
        case kField80211nMac:
            if (field.size() >= k80211nMacLength) return decode_80211n_mac(data, radio);
            break;
        case kField80211nMacPhy:
            if (field.size() >= k80211nMacPhyLength) return decode_80211n_mac_phy(data, radio);
            break;
        case kFieldGps:
            return decode_gps(field, radio);
        default:
            return;  // other field types are skipped by their length
    }
    radio.fields_complete = false;  // a known field shorter than its definition
}

}  // namespace

DissectError dissect_ppi(std::span<const std::uint8_t> packet, RadioInfo& radio, LinkPayload& payload) noexcept {
    detail::reset_to_default(radio);
    payload = LinkPayload{};
    radio.header = LinkHeaderType::ppi;

    ByteCursor header(packet);
    std::uint8_t version = 0, flags = 0;
    std::uint16_t length = 0;
    std::uint32_t dlt = 0;
    if (!header.read_u8(version) || !header.read_u8(flags) || !header.read_le16(length) || !header.read_le32(dlt))
        return dissect_error(DissectStatus::truncated, "PPI header shorter than 8 bytes", 0);
    if (version != 0) return dissect_error(DissectStatus::unsupported_version, "PPI version is not 0", 0);
    if (length < kPacketHeaderLength) return dissect_error(DissectStatus::malformed, "PPI length is below 8 bytes", 2);
    if (length > packet.size())
        return dissect_error(DissectStatus::truncated, "PPI length runs past the captured bytes", 2);
    // Old Kismet logs wrote a length of 24 over an 8-byte header plus a 24-byte 802.11-common field; Kismet
    // reads such headers as 32 bytes long, and so do we.
    if (length == 24 && packet.size() > 32) {
        std::uint16_t first_type = 0;
        if (ByteCursor peek(packet.subspan(kPacketHeaderLength));
            peek.read_le16(first_type) && first_type == kField80211Common)
            length = 32;
    }

    ByteCursor fields(packet.first(length));
    fields.seek(kPacketHeaderLength);
    CommonFlags common;
    while (fields.remaining() >= kFieldHeaderLength) {
        std::uint16_t type = 0, field_length = 0;
        std::span<const std::uint8_t> field;
        fields.read_le16(type);
        fields.read_le16(field_length);
        if (!fields.read_bytes(field_length, field))
            return dissect_error(DissectStatus::malformed, "PPI field runs past the PPI header", fields.offset());
        decode_field(type, field, radio, common);
        if ((flags & kHeaderFlagAligned) != 0 && !fields.align(4)) break;
    }

    if (dlt == capture::dlt::kIeee80211)
        return finish_dot11_payload(packet, length, common.fcs_present, radio, payload);
    payload = LinkPayload{dlt, packet.subspan(length)};
    return kDissectOk;
}

}  // namespace kismetcore::dissect
