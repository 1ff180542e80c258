// The one place that maps 802.11 channel numbers to centre frequencies and back, for every band a capture
// header can report.
#pragma once

#include <cstdint>
#include <optional>

namespace kismetcore::dissect {

// Bands by their channel numbering (IEEE 802.11-2020 Annex E; 6 GHz per 802.11ax-2021 clause 27.3.23.2).
enum class Band : std::uint8_t {
    unknown,
    ghz_2_4,  // channels 1-13: 2407 + 5n MHz; channel 14: 2484 MHz
    ghz_4_9,  // 4.9 GHz public safety / Japan: 4000 + 5n MHz (channels 180-198, 4900-4990 MHz)
    ghz_5,    // 5000 + 5n MHz (channels 1-177, 5005-5885 MHz)
    ghz_6,    // 5950 + 5n MHz (channels 1-233); channel 2 is 5935 MHz
    ghz_60,   // DMG (802.11ad/ay): 56160 + 2160n MHz (channels 1-6)
};

// The band a centre frequency (MHz) falls in.
constexpr Band band_of_frequency(std::uint32_t mhz) noexcept {
    if (mhz >= 2400 && mhz <= 2500) return Band::ghz_2_4;
    if (mhz >= 4900 && mhz <= 4990) return Band::ghz_4_9;
    if (mhz > 5000 && mhz < 5925) return Band::ghz_5;
    if (mhz >= 5925 && mhz <= 7125) return Band::ghz_6;
    if (mhz >= 57000 && mhz <= 71000) return Band::ghz_60;
    return Band::unknown;
}

// The channel number of a centre frequency in MHz, or nothing when the frequency is not on a channel raster.
constexpr std::optional<std::uint32_t> channel_from_frequency(std::uint32_t mhz) noexcept {
    switch (band_of_frequency(mhz)) {
        case Band::ghz_2_4:
            if (mhz == 2484) return 14;
            if (mhz > 2407 && mhz <= 2472 && (mhz - 2407) % 5 == 0) return (mhz - 2407) / 5;
            return std::nullopt;
        case Band::ghz_4_9:
            if ((mhz - 4000) % 5 == 0) return (mhz - 4000) / 5;
            return std::nullopt;
        case Band::ghz_5:
            if ((mhz - 5000) % 5 == 0) return (mhz - 5000) / 5;
            return std::nullopt;
        case Band::ghz_6:
            if (mhz == 5935) return 2;
            if (mhz > 5950 && (mhz - 5950) % 5 == 0) return (mhz - 5950) / 5;
            return std::nullopt;
        case Band::ghz_60:
            if (mhz >= 58320 && mhz <= 70200 && (mhz - 56160) % 2160 == 0) return (mhz - 56160) / 2160;
            return std::nullopt;
        case Band::unknown:
            break;
    }
    return std::nullopt;
}

// The centre frequency (MHz) of `channel` in `band`. With Band::unknown (Prism and AVS report a bare channel
// number) the usual guess applies: 1-14 are 2.4 GHz, 180-198 are 4.9 GHz, 15-177 are 5 GHz.
constexpr std::optional<std::uint32_t> frequency_from_channel(std::uint32_t channel, Band band) noexcept {
    switch (band) {
        case Band::ghz_2_4:
            if (channel == 14) return 2484;
            if (channel >= 1 && channel <= 13) return 2407 + 5 * channel;
            return std::nullopt;
        case Band::ghz_4_9:
            if (channel >= 180 && channel <= 198) return 4000 + 5 * channel;
            return std::nullopt;
        case Band::ghz_5:
            if (channel >= 180 && channel <= 198) return 4000 + 5 * channel;  // as Linux: 4.9 GHz numbers
            if (channel >= 1 && channel <= 177) return 5000 + 5 * channel;
            return std::nullopt;
        case Band::ghz_6:
            if (channel == 2) return 5935;
            if (channel >= 1 && channel <= 233) return 5950 + 5 * channel;
            return std::nullopt;
        case Band::ghz_60:
            if (channel >= 1 && channel <= 6) return 56160 + 2160 * channel;
            return std::nullopt;
        case Band::unknown:
            if (channel >= 1 && channel <= 14) return frequency_from_channel(channel, Band::ghz_2_4);
            if (channel >= 180 && channel <= 198) return frequency_from_channel(channel, Band::ghz_4_9);
            if (channel >= 15 && channel <= 177) return frequency_from_channel(channel, Band::ghz_5);
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace kismetcore::dissect
