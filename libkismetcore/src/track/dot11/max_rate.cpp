// Maximum PHY rates from the HT (clause 19) and VHT (clause 21) MCS tables.
#include "kismetcore/track/dot11/max_rate.h"

#include <algorithm>
#include <array>

namespace kismetcore::track::dot11 {
namespace {

// Per-stream rates in Mb/s with the long guard interval; the short one multiplies by 10/9.
constexpr std::array<double, 8> kHt20 = {6.5, 13, 19.5, 26, 39, 52, 58.5, 65};
constexpr std::array<double, 8> kHt40 = {13.5, 27, 40.5, 54, 81, 108, 121.5, 135};
constexpr std::array<double, 10> kVht80 = {29.3, 58.5, 87.8, 117, 175.5, 234, 263.3, 292.5, 351, 390};
constexpr std::array<double, 10> kVht160 = {58.5, 117, 175.5, 234, 351, 468, 526.5, 585, 702, 780};

constexpr double short_gi(double rate) noexcept {
    return rate * 10.0 / 9.0;
}

// Rounded to 0.1 Mb/s, as the standard's tables print them (866.7, 3466.7).
double tenths(double rate) noexcept {
    return static_cast<double>(static_cast<long long>(rate * 10.0 + 0.5)) / 10.0;
}

double ht_rate(const dissect::HtCapabilitiesElement& ht) noexcept {
    const unsigned streams = ht.rx_spatial_streams();
    if (streams == 0) return 0;
    // The equal-modulation MCS of each stream count repeat 0-7; the highest per stream is what matters.
    unsigned best_mcs = 0;
    for (unsigned mcs = 0; mcs < 8; ++mcs)
        if (ht.rx_mcs(mcs)) best_mcs = mcs;
    const bool wide = ht.supports_40mhz();
    double rate = (wide ? kHt40 : kHt20)[best_mcs] * streams;
    if (wide ? ht.short_gi_40() : ht.short_gi_20()) rate = short_gi(rate);
    return tenths(rate);
}

double vht_rate(const dissect::VhtCapabilitiesElement& vht) noexcept {
    const unsigned streams = vht.rx_mcs_map.spatial_streams();
    if (streams == 0) return 0;
    const unsigned best_mcs = 7u + vht.rx_mcs_map.stream(streams);  // 0: MCS 0-7, 1: 0-8, 2: 0-9
    const bool wide = vht.supports_160mhz();
    double rate = (wide ? kVht160 : kVht80)[std::min(best_mcs, 9u)] * streams;
    if (wide ? vht.short_gi_160() : vht.short_gi_80()) rate = short_gi(rate);
    return tenths(rate);
}

}  // namespace

double max_rate_mbps(const dissect::InformationElements& elements) noexcept {
    const auto legacy =
        std::max(elements.supported_rates().max_rate_500kbps(), elements.extended_rates().max_rate_500kbps());
    double best = legacy * 0.5;
    if (const auto& ht = elements.ht_capabilities(); ht && !ht->malformed) best = std::max(best, ht_rate(*ht));
    if (const auto& vht = elements.vht_capabilities(); vht && !vht->malformed) best = std::max(best, vht_rate(*vht));
    return best;
}

}  // namespace kismetcore::track::dot11
