// What a link-layer capture header (radiotap, PPI, Prism, AVS) says about how a frame was received.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

namespace kismetcore::dissect {

// The capture header the radio information came from.
enum class LinkHeaderType : std::uint8_t { none, radiotap, ppi, prism, avs };

// The PHY encoding, from channel flags (CCK/OFDM/GFSK) refined by the HT/VHT/HE/EHT fields when present.
enum class PhyEncoding : std::uint8_t { unknown, fhss, cck, ofdm, ht, vht, he, eht };

// One receive chain's reading: radiotap repeats dBm signal/noise with an antenna index in extra presence
// words, PPI 802.11n MAC+PHY carries up to four chains.
struct AntennaReading {
    std::uint8_t antenna = 0;
    std::optional<std::int8_t> signal_dbm;
    std::optional<std::int8_t> noise_dbm;
};

// A position carried in the packet itself (PPI GPS field type 30002).
struct PacketGps {
    std::optional<double> latitude;    // degrees, fixed3_7 on the wire
    std::optional<double> longitude;   // degrees, fixed3_7 on the wire
    std::optional<double> altitude_m;  // metres, fixed6_4 on the wire
};

// Radiotap field 4 (FHSS): hop set and pattern.
struct FhssInfo {
    std::uint8_t hop_set = 0;
    std::uint8_t hop_pattern = 0;
};

// Radiotap field 22 (timestamp): a sampling time with its unit (flags bits 0-3: 0 ms, 1 us, 2 ns).
struct SampleTimestamp {
    std::uint64_t value = 0;
    std::uint16_t accuracy = 0;
    std::uint8_t unit_position = 0;
    std::uint8_t flags = 0;
};

// Every value is optional: a header reports what its driver filled in, nothing more. Plain data, no
// allocation, safe to reuse across packets (the dissectors reset it first).
struct RadioInfo {
    static constexpr std::size_t kMaxAntennaReadings = 8;

    std::optional<std::uint32_t> frequency_khz;
    std::optional<std::uint32_t> channel;
    std::optional<std::int16_t> signal_dbm;  // the first dBm signal in the header (Kismet: the packet signal)
    std::optional<std::int16_t> noise_dbm;
    std::optional<std::uint32_t> rate_500kbps;  // legacy rate; HT and later report mcs_index instead
    std::optional<std::uint8_t> mcs_index;
    std::optional<std::uint8_t> antenna;
    std::optional<std::uint64_t> tsft;  // MAC timestamp in microseconds (Prism: the low 32 bits)
    bool fcs_present = false;           // the capture carried an FCS; it is cut off the payload
    bool bad_fcs = false;               // the header flagged the FCS bad, or it does not match the CRC-32

    LinkHeaderType header = LinkHeaderType::none;
    PhyEncoding encoding = PhyEncoding::unknown;
    std::optional<std::uint16_t> bandwidth_mhz;  // from HT/VHT/HE fields
    std::optional<std::uint8_t> spatial_streams;
    bool short_gi = false;  // HT/VHT short guard interval
    bool short_preamble = false;
    bool data_pad = false;   // radiotap flags 0x20: padding between the 802.11 header and the body
    bool phy_error = false;  // radiotap RX flags bad PLCP, PPI PHY error flag

    std::optional<std::uint16_t> channel_flags;            // radiotap field 3 flags (PPI uses the same bits)
    std::optional<std::uint32_t> xchannel_flags;           // radiotap field 18
    std::optional<std::uint32_t> extension_frequency_khz;  // PPI 802.11n MAC+PHY: the HT40 secondary channel
    std::optional<std::uint8_t> radiotap_flags;            // radiotap field 1, raw
    std::optional<FhssInfo> fhss;
    std::optional<std::uint16_t> lock_quality;
    std::optional<std::uint16_t> tx_attenuation;
    std::optional<std::uint16_t> tx_attenuation_db;
    std::optional<std::int8_t> tx_power_dbm;
    std::optional<std::uint8_t> signal_db;  // dB above an arbitrary reference (radiotap fields 12/13)
    std::optional<std::uint8_t> noise_db;
    std::optional<std::uint32_t> signal_rssi;  // unitless driver values (Prism, AVS RSSI types)
    std::optional<std::uint32_t> noise_rssi;
    std::optional<std::uint16_t> rx_flags;
    std::optional<std::uint16_t> tx_flags;
    std::optional<std::uint8_t> rts_retries;
    std::optional<std::uint8_t> data_retries;
    std::optional<std::uint32_t> ampdu_reference;
    std::optional<SampleTimestamp> timestamp;
    std::optional<std::uint8_t> zero_length_psdu_type;  // radiotap field 26: no frame follows the header

    std::array<AntennaReading, kMaxAntennaReadings> antennas{};
    std::uint8_t antenna_count = 0;

    PacketGps gps;

    std::uint8_t vendor_namespaces = 0;  // radiotap vendor namespaces skipped by their skip_length
    // False when the walk met a field it cannot size (an unknown radiotap bit, a malformed TLV): the fields
    // after it are not decoded, but the frame after the header is still handed back.
    bool fields_complete = true;

    // Adds a per-chain reading; readings past kMaxAntennaReadings are dropped.
    constexpr void add_antenna(const AntennaReading& reading) noexcept {
        if (antenna_count < kMaxAntennaReadings) antennas[antenna_count++] = reading;
    }
};

}  // namespace kismetcore::dissect
