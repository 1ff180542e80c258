// Kismet's signal record rules (append_signal) and its layer-1 view of radiotap and PPI headers.
#include "kismetcore/track/signal_record.h"

#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::track {

namespace {

// Radiotap channel flags (field 3; PPI 802.11-Common uses the same bits).
constexpr std::uint32_t kTurbo = 0x0010;
constexpr std::uint32_t kCck = 0x0020;
constexpr std::uint32_t kOfdm = 0x0040;
constexpr std::uint32_t k2Ghz = 0x0080;
constexpr std::uint32_t k5Ghz = 0x0100;
constexpr std::uint32_t kDynamicCck = 0x0400;
constexpr std::uint32_t kGfsk = 0x0800;

constexpr bool has_all(std::uint32_t flags, std::uint32_t wanted) noexcept {
    return (flags & wanted) == wanted;
}

// Kismet's radiotap decoder: the first matching channel kind (net80211's IEEE80211_IS_CHAN_* tests, in its order).
Carrier radiotap_carrier(std::uint32_t flags) noexcept {
    if (has_all(flags, k2Ghz | kGfsk)) return Carrier::dot11_fhss;
    if (has_all(flags, k5Ghz | kOfdm)) return Carrier::dot11a;
    if (has_all(flags, k2Ghz | kCck | kTurbo)) return Carrier::dot11b_plus;
    if (has_all(flags, k2Ghz | kCck)) return Carrier::dot11b;
    if (has_all(flags, k2Ghz | kOfdm)) return Carrier::dot11g;
    if (has_all(flags, k2Ghz | kDynamicCck)) return Carrier::dot11g;
    if (has_all(flags, k5Ghz | kOfdm | kTurbo)) return Carrier::dot11a;
    return Carrier::unknown;
}

Encoding radiotap_encoding(std::uint32_t flags) noexcept {
    if (has_all(flags, kCck)) return Encoding::cck;
    if (has_all(flags, kOfdm)) return Encoding::ofdm;
    if (has_all(flags, kDynamicCck)) return Encoding::dynamic_cck;
    if (has_all(flags, kGfsk)) return Encoding::gfsk;
    return Encoding::unknown;
}

// Kismet's PPI decoder tests the flags one after the other, so the last match wins.
Carrier ppi_carrier(std::uint32_t flags) noexcept {
    Carrier carrier = Carrier::unknown;
    if (flags & kTurbo) carrier = Carrier::dot11b_plus;
    if ((flags & kOfdm) && (flags & k2Ghz)) carrier = Carrier::dot11g;
    if (flags & k5Ghz) carrier = Carrier::dot11a;
    return carrier;
}

Encoding ppi_encoding(std::uint32_t flags) noexcept {
    Encoding encoding = Encoding::unknown;
    if (flags & kCck) encoding = Encoding::cck;
    if (flags & kOfdm) encoding = Encoding::ofdm;
    if (flags & kDynamicCck) encoding = Encoding::dynamic_cck;
    if (flags & kGfsk) encoding = Encoding::gfsk;
    return encoding;
}

// The common min/max/last rule of signal and noise: 0 is "no reading" both for the input and the stored bounds.
void record_reading(std::int32_t value, std::int32_t& last, std::int32_t& min, std::int32_t& max,
                    bool& new_maximum) noexcept {
    new_maximum = false;
    if (value == 0) return;
    last = value;
    if (min == 0 || min > value) min = value;
    if (max == 0 || max < value) {
        max = value;
        new_maximum = true;
    }
}

}  // namespace

Layer1Sample layer1_sample(const dissect::RadioInfo& radio) noexcept {
    Layer1Sample sample;
    if (radio.signal_dbm || radio.noise_dbm) {
        sample.type = SignalType::dbm;
        sample.signal = radio.signal_dbm.value_or(0);
        sample.noise = radio.noise_dbm.value_or(0);
    } else if (radio.signal_rssi || radio.noise_rssi) {
        sample.type = SignalType::rssi;
        sample.signal = static_cast<std::int32_t>(radio.signal_rssi.value_or(0) & 0x7fffffffu);
        sample.noise = static_cast<std::int32_t>(radio.noise_rssi.value_or(0) & 0x7fffffffu);
    }
    if (radio.channel_flags) {
        const std::uint32_t flags = *radio.channel_flags;
        const bool ppi = radio.header == dissect::LinkHeaderType::ppi;
        sample.carrier = ppi ? ppi_carrier(flags) : radiotap_carrier(flags);
        sample.encoding = ppi ? ppi_encoding(flags) : radiotap_encoding(flags);
    }
    if (radio.rate_500kbps) {
        if (radio.header == dissect::LinkHeaderType::radiotap) {
            // Kismet: ((float) (rate & ~0x80) / 2) * 10, computed in float.
            const auto rate = static_cast<float>(*radio.rate_500kbps & 0x7fu);
            sample.datarate = static_cast<double>(rate / 2 * 10);
        } else {
            sample.datarate = static_cast<double>(*radio.rate_500kbps) * 5;
        }
    }
    return sample;
}

SignalRecord::SignalRecord(const SignalRecord& other)
    : last_signal(other.last_signal),
      last_noise(other.last_noise),
      min_signal(other.min_signal),
      min_noise(other.min_noise),
      max_signal(other.max_signal),
      max_noise(other.max_noise),
      maxseenrate(other.maxseenrate),
      peak_loc(other.peak_loc ? std::make_unique<LocationPoint>(*other.peak_loc) : nullptr),
      signal_rrd(other.signal_rrd),
      type(other.type),
      encodingset(other.encodingset),
      carrierset(other.carrierset) {}

SignalRecord& SignalRecord::operator=(const SignalRecord& other) {
    if (this != &other) *this = SignalRecord(other);
    return *this;
}

void SignalRecord::append(const Layer1Sample& layer1, const GpsFix* gps, bool update_rrd, std::uint64_t packet_time,
                          WallTime now) {
    if (layer1.type != SignalType::none && (type == SignalType::none || type == layer1.type)) {
        type = layer1.type;
        bool new_maximum = false;
        record_reading(layer1.signal, last_signal, min_signal, max_signal, new_maximum);
        if (new_maximum && gps != nullptr) {
            if (!peak_loc) peak_loc = std::make_unique<LocationPoint>();
            peak_loc->set(gps->lat, gps->lon, gps->alt, gps->fix, now);
        }
        if (layer1.signal != 0 && update_rrd) signal_rrd.add_sample(layer1.signal, packet_time);
        bool unused = false;
        record_reading(layer1.noise, last_noise, min_noise, max_noise, unused);
    }
    carrierset = static_cast<std::uint8_t>(carrierset | static_cast<std::uint8_t>(layer1.carrier));
    encodingset = static_cast<std::uint8_t>(encodingset | static_cast<std::uint8_t>(layer1.encoding));
    if (maxseenrate < layer1.datarate) maxseenrate = layer1.datarate;
}

}  // namespace kismetcore::track
