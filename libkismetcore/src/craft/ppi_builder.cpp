// Lays out PPI headers: the 8-byte packet header, then each field's 4-byte header and data.
#include "kismetcore/craft/ppi_builder.h"

#include <algorithm>
#include <cmath>

#include "craft/header_bytes.h"
#include "kismetcore/dissect/fcs.h"
#include "kismetcore/dissect/ppi_reader.h"

namespace kismetcore::craft {

using namespace header_bytes;
namespace ppi = dissect::ppi;

namespace {

std::uint8_t u8_of(std::int8_t value) {
    return static_cast<std::uint8_t>(value);
}

std::vector<std::uint8_t> common_bytes(const Ppi80211Common& common) {
    auto data = le_bytes(common.tsft);
    put_le(data, common.flags);
    put_le(data, common.rate_500kbps);
    put_le(data, common.frequency_mhz);
    put_le(data, common.channel_flags);
    data.push_back(common.fhss_hop_set);
    data.push_back(common.fhss_pattern);
    data.push_back(u8_of(common.signal_dbm));
    data.push_back(u8_of(common.noise_dbm));
    return data;
}

std::vector<std::uint8_t> mac_bytes(const Ppi80211nMacPhy& mac) {
    auto data = le_bytes(mac.flags);
    put_le(data, mac.ampdu_id);
    data.push_back(mac.delimiters);
    return data;
}

}  // namespace

PpiBuilder& PpiBuilder::dlt(std::uint32_t dlt) {
    dlt_ = dlt;
    return *this;
}

PpiBuilder& PpiBuilder::aligned(bool aligned) {
    aligned_ = aligned;
    return *this;
}

PpiBuilder& PpiBuilder::version(std::uint8_t version) {
    version_ = version;
    return *this;
}

PpiBuilder& PpiBuilder::common(const Ppi80211Common& common) {
    return field(ppi::kField80211Common, common_bytes(common));
}

PpiBuilder& PpiBuilder::n_mac(const Ppi80211nMacPhy& mac) {
    auto data = mac_bytes(mac);
    data.insert(data.end(), 3, 0);  // reserved
    return field(ppi::kField80211nMac, data);
}

PpiBuilder& PpiBuilder::n_mac_phy(const Ppi80211nMacPhy& mac_phy) {
    auto data = mac_bytes(mac_phy);
    data.push_back(mac_phy.mcs);
    data.push_back(mac_phy.spatial_streams);
    data.push_back(mac_phy.combined_rssi);
    put_bytes(data, mac_phy.rssi_control);
    put_bytes(data, mac_phy.rssi_extension);
    put_le(data, mac_phy.extension_frequency_mhz);
    put_le(data, mac_phy.extension_flags);
    for (std::size_t antenna = 0; antenna < 4; ++antenna) {
        data.push_back(u8_of(mac_phy.signal_dbm[antenna]));
        data.push_back(u8_of(mac_phy.noise_dbm[antenna]));
    }
    for (const auto evm : mac_phy.evm) put_le(data, evm);
    return field(ppi::kField80211nMacPhy, data);
}

PpiBuilder& PpiBuilder::gps(const PpiGps& gps) {
    std::uint32_t present = 0;
    std::vector<std::uint8_t> values;
    if (gps.gps_flags) {
        present |= ppi::kGpsPresentFlags;
        put_le(values, *gps.gps_flags);
    }
    if (gps.latitude) {
        present |= ppi::kGpsPresentLatitude;
        put_le(values, fixed3_7(*gps.latitude));
    }
    if (gps.longitude) {
        present |= ppi::kGpsPresentLongitude;
        put_le(values, fixed3_7(*gps.longitude));
    }
    if (gps.altitude_m) {
        present |= ppi::kGpsPresentAltitude;
        put_le(values, fixed6_4(*gps.altitude_m));
    }
    std::vector<std::uint8_t> data{2, 0};  // version 2, pad
    put_le(data, static_cast<std::uint16_t>(ppi::kGpsHeaderLength + values.size()));
    put_le(data, present);
    put_bytes(data, values);
    return field(ppi::kFieldGps, data);
}

PpiBuilder& PpiBuilder::field(std::uint16_t type, std::span<const std::uint8_t> data) {
    return field_with_length(type, static_cast<std::uint16_t>(data.size()), data);
}

PpiBuilder& PpiBuilder::field_with_length(std::uint16_t type, std::uint16_t declared_length,
                                          std::span<const std::uint8_t> data) {
    fields_.push_back(Field{type, declared_length, std::vector<std::uint8_t>(data.begin(), data.end())});
    return *this;
}

PpiBuilder& PpiBuilder::fcs(bool append) {
    fcs_ = append;
    return *this;
}

PpiBuilder& PpiBuilder::corrupt_fcs() {
    fcs_ = true;
    corrupt_fcs_ = true;
    return *this;
}

PpiBuilder& PpiBuilder::length_override(std::uint16_t length) {
    length_override_ = length;
    return *this;
}

std::uint32_t PpiBuilder::fixed3_7(double degrees) {
    return static_cast<std::uint32_t>(std::llround((degrees + 180.0) * 10'000'000.0));
}

std::uint32_t PpiBuilder::fixed6_4(double metres) {
    return static_cast<std::uint32_t>(std::llround((metres + 180'000.0) * 10'000.0));
}

std::vector<std::uint8_t> PpiBuilder::header() const {
    const auto is_common = [](const Field& f) { return f.type == ppi::kField80211Common; };
    // With an FCS and no 802.11-common field, one is added in front. The list is built in order rather than
    // by inserting at its front, whose reallocation path GCC 12 at -O3 flags (-Wnull-dereference) wrongly.
    const bool add_common = fcs_ && std::none_of(fields_.begin(), fields_.end(), is_common);
    std::vector<Field> fields;
    fields.reserve(fields_.size() + 1);
    if (add_common) fields.push_back(Field{ppi::kField80211Common, ppi::k80211CommonLength, common_bytes({})});
    fields.insert(fields.end(), fields_.begin(), fields_.end());
    if (fcs_) {
        const auto common = std::find_if(fields.begin(), fields.end(), is_common);
        if (common->data.size() >= 10)  // flags follow the 8-byte TSF timer
            common->data[8] = static_cast<std::uint8_t>(common->data[8] | ppi::kCommonFlagFcsPresent);
    }

    std::vector<std::uint8_t> out{version_, static_cast<std::uint8_t>(aligned_ ? ppi::kHeaderFlagAligned : 0), 0, 0};
    put_le(out, dlt_);
    for (const auto& field : fields) {
        put_le(out, field.type);
        put_le(out, field.declared_length);
        put_bytes(out, field.data);
        if (aligned_) pad_to(out, 4);
    }
    const auto length = length_override_.value_or(static_cast<std::uint16_t>(out.size()));
    out[2] = static_cast<std::uint8_t>(length & 0xFF);
    out[3] = static_cast<std::uint8_t>(length >> 8);
    return out;
}

std::vector<std::uint8_t> PpiBuilder::build(std::span<const std::uint8_t> frame) const {
    auto out = header();
    put_bytes(out, frame);
    if (fcs_) put_le(out, dissect::crc32(frame) ^ (corrupt_fcs_ ? 0xFFFFFFFFu : 0u));
    return out;
}

}  // namespace kismetcore::craft
