// Builds radiotap headers (radiotap.org) field by field, with each field at its natural alignment, for tests,
// examples, the sample capture generator and benchmarks. Builders allocate; they are not on the dissect path.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace kismetcore::craft {

// Radiotap field 21 (VHT), as laid out on the wire.
struct RadiotapVht {
    std::uint16_t known = 0;
    std::uint8_t flags = 0;
    std::uint8_t bandwidth = 0;
    std::array<std::uint8_t, 4> mcs_nss{};  // per user: MCS in the high nibble, NSS in the low nibble
    std::uint8_t coding = 0;
    std::uint8_t group_id = 0;
    std::uint16_t partial_aid = 0;
};

// Fields go into the current presence word; calls may come in any order and the header is laid out in bit
// order. The first word is the default namespace. next_radiotap_namespace() and vendor_namespace() end the
// current word the way Linux drivers do (bits 29 and 30), continue_bitmap() extends it without a namespace
// change (the next word holds fields 32-63). Setting a field twice keeps the last value.
class RadiotapBuilder {
public:
    RadiotapBuilder();

    RadiotapBuilder& tsft(std::uint64_t microseconds);
    RadiotapBuilder& flags(std::uint8_t flags);  // dissect::radiotap::kFlag*; fcs() adds the FCS bit
    RadiotapBuilder& rate(std::uint8_t rate_500kbps);
    RadiotapBuilder& channel(std::uint16_t frequency_mhz, std::uint16_t channel_flags);
    RadiotapBuilder& fhss(std::uint8_t hop_set, std::uint8_t hop_pattern);
    RadiotapBuilder& signal_dbm(std::int8_t dbm);
    RadiotapBuilder& noise_dbm(std::int8_t dbm);
    RadiotapBuilder& lock_quality(std::uint16_t quality);
    RadiotapBuilder& tx_attenuation(std::uint16_t attenuation);
    RadiotapBuilder& db_tx_attenuation(std::uint16_t attenuation_db);
    RadiotapBuilder& tx_power_dbm(std::int8_t dbm);
    RadiotapBuilder& antenna(std::uint8_t index);
    RadiotapBuilder& signal_db(std::uint8_t db);
    RadiotapBuilder& noise_db(std::uint8_t db);
    RadiotapBuilder& rx_flags(std::uint16_t flags);
    RadiotapBuilder& tx_flags(std::uint16_t flags);
    RadiotapBuilder& rts_retries(std::uint8_t retries);
    RadiotapBuilder& data_retries(std::uint8_t retries);
    RadiotapBuilder& xchannel(std::uint32_t flags, std::uint16_t frequency_mhz, std::uint8_t channel,
                              std::uint8_t max_power);
    RadiotapBuilder& mcs(std::uint8_t known, std::uint8_t flags, std::uint8_t index);
    RadiotapBuilder& ampdu_status(std::uint32_t reference, std::uint16_t flags, std::uint8_t delimiter_crc);
    RadiotapBuilder& vht(const RadiotapVht& vht);
    RadiotapBuilder& timestamp(std::uint64_t value, std::uint16_t accuracy, std::uint8_t unit_position,
                               std::uint8_t flags);
    RadiotapBuilder& he(const std::array<std::uint16_t, 6>& data);
    RadiotapBuilder& he_mu(std::uint16_t flags1, std::uint16_t flags2, const std::array<std::uint8_t, 4>& ru_channel1,
                           const std::array<std::uint8_t, 4>& ru_channel2);
    RadiotapBuilder& he_mu_other_user(std::uint16_t per_user_1, std::uint16_t per_user_2, std::uint8_t position,
                                      std::uint8_t known);
    RadiotapBuilder& zero_length_psdu(std::uint8_t type);
    RadiotapBuilder& lsig(std::uint16_t data1, std::uint16_t data2);
    // Appends a TLV (type, length, data, padding to 4) and sets bit 28 in the current word. The TLV list is
    // laid out after that word's fields and must end the header: add no words after the first TLV.
    RadiotapBuilder& tlv(std::uint16_t type, std::span<const std::uint8_t> data);
    // Any bit (0-28) of the current word with raw bytes at `alignment`: for unknown or future fields.
    RadiotapBuilder& raw_field(unsigned bit, std::uint8_t alignment, std::span<const std::uint8_t> bytes);

    // Sets bit 29 and 31 in the current word; the next word starts the default namespace at field 0.
    RadiotapBuilder& next_radiotap_namespace();
    // Sets bits 30 and 31 in the current word and lays out the vendor namespace field (OUI, sub namespace,
    // skip_length = data size) followed by `data`. The next word is the vendor's, with `vendor_presence`
    // (bits 0-28); end it with next_radiotap_namespace() to add more default fields.
    RadiotapBuilder& vendor_namespace(const std::array<std::uint8_t, 3>& oui, std::uint8_t sub_namespace,
                                      std::span<const std::uint8_t> data, std::uint32_t vendor_presence = 0);
    // Sets bit 31 only: the next word continues the current namespace's numbering.
    RadiotapBuilder& continue_bitmap();

    // Appends the frame's CRC-32 at build() and sets the FCS flag; corrupt_fcs() appends a wrong one.
    RadiotapBuilder& fcs(bool append = true);
    RadiotapBuilder& corrupt_fcs();
    // For tests of damaged headers: a version other than 0, and an it_len other than the true length.
    RadiotapBuilder& version(std::uint8_t version);
    RadiotapBuilder& length_override(std::uint16_t it_len);

    // The radiotap header alone, then the header followed by `frame` (and the FCS when asked for).
    [[nodiscard]] std::vector<std::uint8_t> header() const;
    [[nodiscard]] std::vector<std::uint8_t> build(std::span<const std::uint8_t> frame) const;

private:
    struct Field {
        unsigned bit = 0;
        std::uint8_t alignment = 1;
        std::vector<std::uint8_t> bytes;
    };
    enum class WordEnd : std::uint8_t { last, radiotap_namespace, vendor_namespace, continuation };
    struct Word {
        std::vector<Field> fields;
        std::uint32_t extra_bits = 0;  // vendor presence bits, TLV bit
        WordEnd end = WordEnd::last;
        std::vector<std::uint8_t> vendor_field;  // OUI, sub namespace, skip_length, then the vendor's data
        std::vector<std::uint8_t> tlvs;
    };

    RadiotapBuilder& set_field(unsigned bit, std::uint8_t alignment, std::vector<std::uint8_t> bytes);
    Word& current() { return words_.back(); }

    std::vector<Word> words_;
    std::uint8_t version_ = 0;
    std::optional<std::uint16_t> length_override_;
    bool fcs_ = false;
    bool corrupt_fcs_ = false;
};

}  // namespace kismetcore::craft
