// Wraps each 802.11 frame in the radiotap header of the capture radio that heard it, and writes it to the pcap.
#pragma once

#include <cstdint>
#include <span>

#include "kismetcore/capture/pcap_file_writer.h"
#include "random_source.h"
#include "site_model.h"

namespace kismetcore::synth {

// How one frame was received: on the transmitting BSS's channel, at the transmitter's level.
struct Reception {
    const AccessPoint* channel_of = nullptr;  // the BSS whose channel the frame was sent on
    std::int8_t signal_dbm = -60;             // the transmitter's typical level; each frame varies around it
    std::uint8_t antenna = 0;
    std::uint8_t rate_500kbps = 2;
};

class CaptureEmitter {
public:
    // 2024-06-01 00:00:00 UTC: every capture starts here, so timestamps are part of the deterministic output.
    static constexpr std::int64_t kStartEpochSeconds = 1717200000;

    CaptureEmitter(capture::PcapFileWriter& writer, RandomSource random, bool fcs);

    // Writes `frame` as received `time_us` after the capture started. False on a write error.
    bool emit(std::int64_t time_us, std::span<const std::uint8_t> frame, const Reception& reception);
    [[nodiscard]] std::uint64_t written() const noexcept { return written_; }

private:
    capture::PcapFileWriter& writer_;
    RandomSource random_;
    bool fcs_;
    std::uint64_t mactime_at_start_;  // the capture radio's TSF when the capture starts
    std::uint64_t written_ = 0;
};

// The lowest basic rate of a band, which management frames use; and a data rate the band offers.
std::uint8_t management_rate(Band band) noexcept;
std::uint8_t data_rate(Band band, RandomSource& random) noexcept;

}  // namespace kismetcore::synth
