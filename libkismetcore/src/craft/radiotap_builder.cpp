// Lays out radiotap headers: presence words first, then each word's fields in bit order at their alignment.
#include "kismetcore/craft/radiotap_builder.h"

#include <algorithm>

#include "craft/header_bytes.h"
#include "kismetcore/dissect/fcs.h"
#include "kismetcore/dissect/radiotap_reader.h"

namespace kismetcore::craft {

using namespace header_bytes;
namespace rt = dissect::radiotap;

namespace {

std::vector<std::uint8_t> bytes_of(std::initializer_list<std::uint8_t> bytes) {
    return bytes;
}

std::uint8_t u8_of(std::int8_t value) {
    return static_cast<std::uint8_t>(value);
}

}  // namespace

RadiotapBuilder::RadiotapBuilder() : words_(1) {}

RadiotapBuilder& RadiotapBuilder::set_field(unsigned bit, std::uint8_t alignment, std::vector<std::uint8_t> bytes) {
    auto& fields = current().fields;
    const auto same = std::find_if(fields.begin(), fields.end(), [bit](const Field& f) { return f.bit == bit; });
    if (same != fields.end()) fields.erase(same);
    fields.push_back(Field{bit, alignment, std::move(bytes)});
    return *this;
}

RadiotapBuilder& RadiotapBuilder::tsft(std::uint64_t microseconds) {
    return set_field(rt::kTsft, 8, le_bytes(microseconds));
}
RadiotapBuilder& RadiotapBuilder::flags(std::uint8_t flags) {
    return set_field(rt::kFlags, 1, bytes_of({flags}));
}
RadiotapBuilder& RadiotapBuilder::rate(std::uint8_t rate_500kbps) {
    return set_field(rt::kRate, 1, bytes_of({rate_500kbps}));
}

RadiotapBuilder& RadiotapBuilder::channel(std::uint16_t frequency_mhz, std::uint16_t channel_flags) {
    auto bytes = le_bytes(frequency_mhz);
    put_le(bytes, channel_flags);
    return set_field(rt::kChannel, 2, std::move(bytes));
}

RadiotapBuilder& RadiotapBuilder::fhss(std::uint8_t hop_set, std::uint8_t hop_pattern) {
    return set_field(rt::kFhss, 2, bytes_of({hop_set, hop_pattern}));
}
RadiotapBuilder& RadiotapBuilder::signal_dbm(std::int8_t dbm) {
    return set_field(rt::kDbmAntennaSignal, 1, bytes_of({u8_of(dbm)}));
}
RadiotapBuilder& RadiotapBuilder::noise_dbm(std::int8_t dbm) {
    return set_field(rt::kDbmAntennaNoise, 1, bytes_of({u8_of(dbm)}));
}
RadiotapBuilder& RadiotapBuilder::lock_quality(std::uint16_t quality) {
    return set_field(rt::kLockQuality, 2, le_bytes(quality));
}
RadiotapBuilder& RadiotapBuilder::tx_attenuation(std::uint16_t value) {
    return set_field(rt::kTxAttenuation, 2, le_bytes(value));
}
RadiotapBuilder& RadiotapBuilder::db_tx_attenuation(std::uint16_t value) {
    return set_field(rt::kDbTxAttenuation, 2, le_bytes(value));
}
RadiotapBuilder& RadiotapBuilder::tx_power_dbm(std::int8_t dbm) {
    return set_field(rt::kDbmTxPower, 1, bytes_of({u8_of(dbm)}));
}
RadiotapBuilder& RadiotapBuilder::antenna(std::uint8_t index) {
    return set_field(rt::kAntenna, 1, bytes_of({index}));
}
RadiotapBuilder& RadiotapBuilder::signal_db(std::uint8_t db) {
    return set_field(rt::kDbAntennaSignal, 1, bytes_of({db}));
}
RadiotapBuilder& RadiotapBuilder::noise_db(std::uint8_t db) {
    return set_field(rt::kDbAntennaNoise, 1, bytes_of({db}));
}
RadiotapBuilder& RadiotapBuilder::rx_flags(std::uint16_t flags) {
    return set_field(rt::kRxFlags, 2, le_bytes(flags));
}
RadiotapBuilder& RadiotapBuilder::tx_flags(std::uint16_t flags) {
    return set_field(rt::kTxFlags, 2, le_bytes(flags));
}
RadiotapBuilder& RadiotapBuilder::rts_retries(std::uint8_t retries) {
    return set_field(rt::kRtsRetries, 1, bytes_of({retries}));
}
RadiotapBuilder& RadiotapBuilder::data_retries(std::uint8_t retries) {
    return set_field(rt::kDataRetries, 1, bytes_of({retries}));
}

RadiotapBuilder& RadiotapBuilder::xchannel(std::uint32_t flags, std::uint16_t frequency_mhz, std::uint8_t channel,
                                           std::uint8_t max_power) {
    auto bytes = le_bytes(flags);
    put_le(bytes, frequency_mhz);
    bytes.push_back(channel);
    bytes.push_back(max_power);
    return set_field(rt::kXChannel, 4, std::move(bytes));
}

RadiotapBuilder& RadiotapBuilder::mcs(std::uint8_t known, std::uint8_t flags, std::uint8_t index) {
    return set_field(rt::kMcs, 1, bytes_of({known, flags, index}));
}

RadiotapBuilder& RadiotapBuilder::ampdu_status(std::uint32_t reference, std::uint16_t flags,
                                               std::uint8_t delimiter_crc) {
    auto bytes = le_bytes(reference);
    put_le(bytes, flags);
    bytes.push_back(delimiter_crc);
    bytes.push_back(0);  // reserved
    return set_field(rt::kAmpduStatus, 4, std::move(bytes));
}

RadiotapBuilder& RadiotapBuilder::vht(const RadiotapVht& vht) {
    auto bytes = le_bytes(vht.known);
    bytes.push_back(vht.flags);
    bytes.push_back(vht.bandwidth);
    put_bytes(bytes, vht.mcs_nss);
    bytes.push_back(vht.coding);
    bytes.push_back(vht.group_id);
    put_le(bytes, vht.partial_aid);
    return set_field(rt::kVht, 2, std::move(bytes));
}

RadiotapBuilder& RadiotapBuilder::timestamp(std::uint64_t value, std::uint16_t accuracy, std::uint8_t unit_position,
                                            std::uint8_t flags) {
    auto bytes = le_bytes(value);
    put_le(bytes, accuracy);
    bytes.push_back(unit_position);
    bytes.push_back(flags);
    return set_field(rt::kTimestamp, 8, std::move(bytes));
}

RadiotapBuilder& RadiotapBuilder::he(const std::array<std::uint16_t, 6>& data) {
    std::vector<std::uint8_t> bytes;
    for (const auto word : data) put_le(bytes, word);
    return set_field(rt::kHe, 2, std::move(bytes));
}

RadiotapBuilder& RadiotapBuilder::he_mu(std::uint16_t flags1, std::uint16_t flags2,
                                        const std::array<std::uint8_t, 4>& ru_channel1,
                                        const std::array<std::uint8_t, 4>& ru_channel2) {
    auto bytes = le_bytes(flags1);
    put_le(bytes, flags2);
    put_bytes(bytes, ru_channel1);
    put_bytes(bytes, ru_channel2);
    return set_field(rt::kHeMu, 2, std::move(bytes));
}

RadiotapBuilder& RadiotapBuilder::he_mu_other_user(std::uint16_t per_user_1, std::uint16_t per_user_2,
                                                   std::uint8_t position, std::uint8_t known) {
    auto bytes = le_bytes(per_user_1);
    put_le(bytes, per_user_2);
    bytes.push_back(position);
    bytes.push_back(known);
    return set_field(rt::kHeMuOtherUser, 2, std::move(bytes));
}

RadiotapBuilder& RadiotapBuilder::zero_length_psdu(std::uint8_t type) {
    return set_field(rt::kZeroLengthPsdu, 1, bytes_of({type}));
}

RadiotapBuilder& RadiotapBuilder::lsig(std::uint16_t data1, std::uint16_t data2) {
    auto bytes = le_bytes(data1);
    put_le(bytes, data2);
    return set_field(rt::kLSig, 2, std::move(bytes));
}

RadiotapBuilder& RadiotapBuilder::tlv(std::uint16_t type, std::span<const std::uint8_t> data) {
    auto& word = current();
    word.extra_bits |= 1u << rt::kTlv;
    put_le(word.tlvs, type);
    put_le(word.tlvs, static_cast<std::uint16_t>(data.size()));
    put_bytes(word.tlvs, data);
    pad_to(word.tlvs, 4);
    return *this;
}

RadiotapBuilder& RadiotapBuilder::raw_field(unsigned bit, std::uint8_t alignment, std::span<const std::uint8_t> bytes) {
    return set_field(bit, alignment, std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
}

RadiotapBuilder& RadiotapBuilder::next_radiotap_namespace() {
    current().end = WordEnd::radiotap_namespace;
    words_.emplace_back();
    return *this;
}

RadiotapBuilder& RadiotapBuilder::vendor_namespace(const std::array<std::uint8_t, 3>& oui, std::uint8_t sub_namespace,
                                                   std::span<const std::uint8_t> data, std::uint32_t vendor_presence) {
    auto& word = current();
    word.end = WordEnd::vendor_namespace;
    word.vendor_field.assign(oui.begin(), oui.end());
    word.vendor_field.push_back(sub_namespace);
    put_le(word.vendor_field, static_cast<std::uint16_t>(data.size()));
    put_bytes(word.vendor_field, data);
    words_.emplace_back();
    current().extra_bits = vendor_presence & 0x1FFFFFFFu;
    return *this;
}

RadiotapBuilder& RadiotapBuilder::continue_bitmap() {
    current().end = WordEnd::continuation;
    words_.emplace_back();
    return *this;
}

RadiotapBuilder& RadiotapBuilder::fcs(bool append) {
    fcs_ = append;
    return *this;
}

RadiotapBuilder& RadiotapBuilder::corrupt_fcs() {
    fcs_ = true;
    corrupt_fcs_ = true;
    return *this;
}

RadiotapBuilder& RadiotapBuilder::version(std::uint8_t version) {
    version_ = version;
    return *this;
}

RadiotapBuilder& RadiotapBuilder::length_override(std::uint16_t it_len) {
    length_override_ = it_len;
    return *this;
}

std::vector<std::uint8_t> RadiotapBuilder::header() const {
    auto words = words_;
    if (fcs_) {  // the FCS-present bit lives in the Flags field of the first word
        auto& fields = words.front().fields;
        auto flag = std::find_if(fields.begin(), fields.end(), [](const Field& f) { return f.bit == rt::kFlags; });
        if (flag == fields.end()) fields.push_back(Field{rt::kFlags, 1, {0}});
        flag = std::find_if(fields.begin(), fields.end(), [](const Field& f) { return f.bit == rt::kFlags; });
        flag->bytes[0] = static_cast<std::uint8_t>(flag->bytes[0] | rt::kFlagFcsPresent);
    }

    std::vector<std::uint8_t> out{version_, 0, 0, 0};
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::uint32_t present = words[i].extra_bits;
        for (const auto& field : words[i].fields) present |= 1u << field.bit;
        if (words[i].end == WordEnd::radiotap_namespace) present |= 1u << rt::kRadiotapNamespace;
        if (words[i].end == WordEnd::vendor_namespace) present |= 1u << rt::kVendorNamespace;
        if (words[i].end != WordEnd::last) present |= 1u << rt::kExt;
        put_le(out, present);
    }
    for (auto& word : words) {
        std::sort(word.fields.begin(), word.fields.end(), [](const Field& a, const Field& b) { return a.bit < b.bit; });
        for (const auto& field : word.fields) {
            pad_to(out, field.alignment);
            put_bytes(out, field.bytes);
        }
        if (!word.tlvs.empty()) {
            pad_to(out, 4);
            put_bytes(out, word.tlvs);
        }
        if (word.end == WordEnd::vendor_namespace) {
            pad_to(out, 2);
            put_bytes(out, word.vendor_field);
        }
    }
    const auto length = length_override_.value_or(static_cast<std::uint16_t>(out.size()));
    out[2] = static_cast<std::uint8_t>(length & 0xFF);
    out[3] = static_cast<std::uint8_t>(length >> 8);
    return out;
}

std::vector<std::uint8_t> RadiotapBuilder::build(std::span<const std::uint8_t> frame) const {
    auto out = header();
    put_bytes(out, frame);
    if (fcs_) put_le(out, dissect::crc32(frame) ^ (corrupt_fcs_ ? 0xFFFFFFFFu : 0u));
    return out;
}

}  // namespace kismetcore::craft
