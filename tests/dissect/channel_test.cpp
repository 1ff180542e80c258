// Channel numbers and centre frequencies in every band the capture headers report.
#include <catch2/catch.hpp>

#include "kismetcore/dissect/channel.h"

using namespace kismetcore::dissect;

TEST_CASE("2.4 GHz channels 1-13 are 5 MHz apart from 2412 MHz, channel 14 is 2484 MHz", "[linklayer][channel]") {
    CHECK(frequency_from_channel(1, Band::ghz_2_4) == 2412u);
    CHECK(frequency_from_channel(6, Band::ghz_2_4) == 2437u);
    CHECK(frequency_from_channel(13, Band::ghz_2_4) == 2472u);
    CHECK(frequency_from_channel(14, Band::ghz_2_4) == 2484u);
    CHECK_FALSE(frequency_from_channel(15, Band::ghz_2_4));
    CHECK_FALSE(frequency_from_channel(0, Band::ghz_2_4));
    CHECK(channel_from_frequency(2412) == 1u);
    CHECK(channel_from_frequency(2472) == 13u);
    CHECK(channel_from_frequency(2484) == 14u);
    CHECK(band_of_frequency(2437) == Band::ghz_2_4);
}

TEST_CASE("5 GHz channels are 5000 + 5n MHz", "[linklayer][channel]") {
    CHECK(frequency_from_channel(36, Band::ghz_5) == 5180u);
    CHECK(frequency_from_channel(149, Band::ghz_5) == 5745u);
    CHECK(frequency_from_channel(165, Band::ghz_5) == 5825u);
    CHECK(frequency_from_channel(177, Band::ghz_5) == 5885u);
    CHECK(channel_from_frequency(5180) == 36u);
    CHECK(channel_from_frequency(5825) == 165u);
    CHECK(band_of_frequency(5500) == Band::ghz_5);
}

TEST_CASE("6 GHz channels are 5950 + 5n MHz, and channel 2 is 5935 MHz", "[linklayer][channel]") {
    CHECK(frequency_from_channel(1, Band::ghz_6) == 5955u);
    CHECK(frequency_from_channel(2, Band::ghz_6) == 5935u);
    CHECK(frequency_from_channel(37, Band::ghz_6) == 6135u);
    CHECK(frequency_from_channel(233, Band::ghz_6) == 7115u);
    CHECK_FALSE(frequency_from_channel(234, Band::ghz_6));
    CHECK(channel_from_frequency(5955) == 1u);
    CHECK(channel_from_frequency(5935) == 2u);
    CHECK(channel_from_frequency(7115) == 233u);
    CHECK(band_of_frequency(6135) == Band::ghz_6);
}

TEST_CASE("4.9 GHz public safety and Japan channels are 4000 + 5n MHz", "[linklayer][channel]") {
    CHECK(frequency_from_channel(184, Band::ghz_4_9) == 4920u);
    CHECK(frequency_from_channel(188, Band::ghz_4_9) == 4940u);
    CHECK(frequency_from_channel(198, Band::ghz_4_9) == 4990u);
    CHECK(channel_from_frequency(4940) == 188u);
    CHECK(channel_from_frequency(4990) == 198u);
    CHECK(band_of_frequency(4960) == Band::ghz_4_9);
    CHECK(frequency_from_channel(184, Band::ghz_5) == 4920u);  // as Linux numbers them in the 5 GHz band
}

TEST_CASE("60 GHz DMG channels are 2160 MHz apart", "[linklayer][channel]") {
    CHECK(frequency_from_channel(2, Band::ghz_60) == 60480u);
    CHECK(channel_from_frequency(58320) == 1u);
    CHECK(channel_from_frequency(60480) == 2u);
    CHECK(channel_from_frequency(69120) == 6u);
}

TEST_CASE("every channel maps to a frequency that maps back to it", "[linklayer][channel]") {
    struct Range {
        Band band;
        std::uint32_t first, last;
    };
    const Range ranges[] = {{Band::ghz_2_4, 1, 14},
                            {Band::ghz_4_9, 180, 198},
                            {Band::ghz_5, 1, 177},
                            {Band::ghz_6, 1, 233},
                            {Band::ghz_60, 1, 6}};
    for (const auto& range : ranges) {
        for (std::uint32_t channel = range.first; channel <= range.last; ++channel) {
            INFO("band " << static_cast<int>(range.band) << " channel " << channel);
            const auto mhz = frequency_from_channel(channel, range.band);
            REQUIRE(mhz);
            CHECK(band_of_frequency(*mhz) == range.band);
            CHECK(channel_from_frequency(*mhz) == channel);
        }
    }
}

TEST_CASE("frequencies off the channel raster have no channel", "[linklayer][channel]") {
    CHECK_FALSE(channel_from_frequency(0));
    CHECK_FALSE(channel_from_frequency(2413));
    CHECK_FALSE(channel_from_frequency(2407));
    CHECK_FALSE(channel_from_frequency(3000));
    CHECK_FALSE(channel_from_frequency(5950));
    CHECK_FALSE(channel_from_frequency(60000));
    CHECK(band_of_frequency(900) == Band::unknown);
}

TEST_CASE("a bare channel number is guessed into the band that usually carries it", "[linklayer][channel]") {
    CHECK(frequency_from_channel(7, Band::unknown) == 2442u);
    CHECK(frequency_from_channel(14, Band::unknown) == 2484u);
    CHECK(frequency_from_channel(36, Band::unknown) == 5180u);
    CHECK(frequency_from_channel(184, Band::unknown) == 4920u);
    CHECK_FALSE(frequency_from_channel(0, Band::unknown));
    CHECK_FALSE(frequency_from_channel(250, Band::unknown));
    static_assert(frequency_from_channel(11, Band::unknown) == 2462u, "usable at compile time");
}
