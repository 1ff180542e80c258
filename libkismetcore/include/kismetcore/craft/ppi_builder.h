// Builds PPI headers (DLT 192; CACE "PPI Header Format" 1.0.10 and PPI-GEOLOCATION) for tests, examples, the
// sample capture generator and benchmarks. Builders allocate; they are not on the dissect path.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace kismetcore::craft {

// Field type 2. The defaults are PPI's "invalid" values: rate and frequency 0, signal and noise -128.
struct Ppi80211Common {
    std::uint64_t tsft = 0;
    std::uint16_t flags = 0;  // dissect::ppi::kCommonFlag*; fcs() adds the FCS-present flag
    std::uint16_t rate_500kbps = 0;
    std::uint16_t frequency_mhz = 0;
    std::uint16_t channel_flags = 0;
    std::uint8_t fhss_hop_set = 0;
    std::uint8_t fhss_pattern = 0;
    std::int8_t signal_dbm = -128;
    std::int8_t noise_dbm = -128;
};

// Field type 3 (the first three members) or 4 (all of them).
struct Ppi80211nMacPhy {
    std::uint32_t flags = 0;  // dissect::ppi::kMacFlag*
    std::uint32_t ampdu_id = 0;
    std::uint8_t delimiters = 0;
    std::uint8_t mcs = 255;  // 255 = invalid
    std::uint8_t spatial_streams = 0;
    std::uint8_t combined_rssi = 255;
    std::array<std::uint8_t, 4> rssi_control{255, 255, 255, 255};
    std::array<std::uint8_t, 4> rssi_extension{255, 255, 255, 255};
    std::uint16_t extension_frequency_mhz = 0;
    std::uint16_t extension_flags = 0;
    std::array<std::int8_t, 4> signal_dbm{-128, -128, -128, -128};
    std::array<std::int8_t, 4> noise_dbm{-128, -128, -128, -128};
    std::array<std::uint32_t, 4> evm{};
};

// Field type 30002: only the members that are set are written, in present-bit order.
struct PpiGps {
    std::optional<std::uint32_t> gps_flags;
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::optional<double> altitude_m;
};

class PpiBuilder {
public:
    PpiBuilder& dlt(std::uint32_t dlt);  // 105 (802.11) unless told otherwise
    PpiBuilder& aligned(bool aligned);   // header flag 0x01: pad every field to 32 bits
    PpiBuilder& version(std::uint8_t version);
    PpiBuilder& common(const Ppi80211Common& common);
    PpiBuilder& n_mac(const Ppi80211nMacPhy& mac);  // type 3: flags, A-MPDU id, delimiters
    PpiBuilder& n_mac_phy(const Ppi80211nMacPhy& mac_phy);
    PpiBuilder& gps(const PpiGps& gps);
    // Any field with raw data, including one whose declared length differs from its data (for tests).
    PpiBuilder& field(std::uint16_t type, std::span<const std::uint8_t> data);
    PpiBuilder& field_with_length(std::uint16_t type, std::uint16_t declared_length,
                                  std::span<const std::uint8_t> data);
    // Appends the frame's CRC-32 and sets the FCS flag of the 802.11-common field (adding one if needed);
    // corrupt_fcs() appends a wrong CRC.
    PpiBuilder& fcs(bool append = true);
    PpiBuilder& corrupt_fcs();
    PpiBuilder& length_override(std::uint16_t length);

    [[nodiscard]] std::vector<std::uint8_t> header() const;
    [[nodiscard]] std::vector<std::uint8_t> build(std::span<const std::uint8_t> frame) const;

    // The wire encodings of PPI-GEOLOCATION.
    static std::uint32_t fixed3_7(double degrees);
    static std::uint32_t fixed6_4(double metres);

private:
    struct Field {
        std::uint16_t type = 0;
        std::uint16_t declared_length = 0;
        std::vector<std::uint8_t> data;
    };

    std::uint32_t dlt_ = 105;
    std::uint8_t version_ = 0;
    bool aligned_ = false;
    std::vector<Field> fields_;
    std::optional<std::uint16_t> length_override_;
    bool fcs_ = false;
    bool corrupt_fcs_ = false;
};

}  // namespace kismetcore::craft
