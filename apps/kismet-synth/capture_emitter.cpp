// Wraps each 802.11 frame in the radiotap header of the capture radio that heard it, and writes it to the pcap.
#include "capture_emitter.h"

#include <algorithm>
#include <array>

#include "kismetcore/craft/radiotap_builder.h"
#include "kismetcore/dissect/radiotap_reader.h"

namespace kismetcore::synth {
namespace {

// Radiotap field 3 channel flags (radiotap.org/fields/Channel). 6 GHz has no band bit; OFDM alone.
constexpr std::uint16_t kChannelCck = 0x0020;
constexpr std::uint16_t kChannelOfdm = 0x0040;
constexpr std::uint16_t kChannel2Ghz = 0x0080;
constexpr std::uint16_t kChannel5Ghz = 0x0100;

bool is_cck_rate(std::uint8_t rate_500kbps) noexcept {
    return rate_500kbps == 2 || rate_500kbps == 4 || rate_500kbps == 11 || rate_500kbps == 22;
}

std::uint16_t channel_flags(Band band, std::uint8_t rate_500kbps) noexcept {
    switch (band) {
        case Band::ghz2_4:
            return kChannel2Ghz | (is_cck_rate(rate_500kbps) ? kChannelCck : kChannelOfdm);
        case Band::ghz5:
            return kChannel5Ghz | kChannelOfdm;
        case Band::ghz6:
            return kChannelOfdm;
    }
    return 0;
}

}  // namespace

std::uint8_t management_rate(Band band) noexcept {
    return band == Band::ghz2_4 ? 2 : 12;
}

std::uint8_t data_rate(Band band, RandomSource& random) noexcept {
    constexpr std::array<std::uint8_t, 6> k24 = {22, 48, 72, 96, 108, 108};  // 11, 24, 36, 48, 54 Mb/s
    constexpr std::array<std::uint8_t, 5> kOfdm = {48, 72, 96, 108, 108};
    return band == Band::ghz2_4 ? k24[random.index(k24.size())] : kOfdm[random.index(kOfdm.size())];
}

CaptureEmitter::CaptureEmitter(capture::PcapFileWriter& writer, RandomSource random, bool fcs)
    : writer_(writer), random_(random), fcs_(fcs), mactime_at_start_(random_.below(std::uint64_t{1} << 40)) {}

bool CaptureEmitter::emit(std::int64_t time_us, std::span<const std::uint8_t> frame, const Reception& reception) {
    const AccessPoint& bss = *reception.channel_of;
    const auto jitter = random_.between(-3, 3);
    const auto signal = static_cast<std::int8_t>(std::clamp<std::int64_t>(reception.signal_dbm + jitter, -95, -20));
    const auto noise = static_cast<std::int8_t>((bss.band == Band::ghz2_4 ? -92 : -95) + random_.between(0, 2));
    std::uint8_t flags = 0;
    if (bss.band == Band::ghz2_4 && reception.rate_500kbps > 4 && is_cck_rate(reception.rate_500kbps))
        flags |= dissect::radiotap::kFlagShortPreamble;

    craft::RadiotapBuilder radiotap;
    radiotap.tsft(mactime_at_start_ + static_cast<std::uint64_t>(time_us))
        .flags(flags)
        .rate(reception.rate_500kbps)
        .channel(bss.frequency, channel_flags(bss.band, reception.rate_500kbps))
        .signal_dbm(signal)
        .noise_dbm(noise)
        .antenna(reception.antenna)
        .fcs(fcs_);
    const auto packet = radiotap.build(frame);
    ++written_;
    return writer_.write(kStartEpochSeconds + time_us / 1'000'000, static_cast<std::uint32_t>(time_us % 1'000'000),
                         packet, 0);
}

}  // namespace kismetcore::synth
