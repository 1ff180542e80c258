// A device's four packet RRDs (kismet.device.base.{packets,datasize,rx_packets,tx_packets}.rrd), kept as a short
// log of the seconds they were fed in until the device gets busy, and as Kismet's dense buckets after that.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>

#include "kismetcore/track/rrd.h"

namespace kismetcore::track {

// Kismet feeds these four RRDs together, once per counted packet, from its own clock (devicetracker.cc,
// update_common_device): packets.rrd gets 1; tx_packets.rrd gets 1 when the device sent the packet, else
// rx_packets.rrd when it received it; datasize.rrd gets the data size of data packets. A dense Rrd is 952 bytes,
// and most devices are heard for a few seconds only, so the samples are first logged per second of that clock
// (one 16-byte entry per second, all four RRDs together) and replayed into an Rrd on demand; the replay runs
// Rrd::add_sample itself, so the result is Kismet's, quirks included. A fifth second, a clock that goes back, or a
// second too busy for an entry's counters moves the RRDs to dense Rrds for good.
//
// A run of samples in one second collapses exactly to at most three: after the first sample of a second the RRD's
// last_time is that second, so every later one combines into the same bucket, and the means are recomputed from
// the buckets each time; only last_value and last_value_n1 see the order, and they need only the run's last value.
// The dense RRDs use the same rule: a busy device's packets come many to a second, so after a second's first
// sample has gone into an RRD the later ones are only counted here (`Run`), and reach the RRD as two samples when
// the second changes or a reader looks. A steady packet then writes none of the four 952-byte RRDs.
// Plain data, not synchronized: guard it with the owning device's lock.
class PacketRrds {
public:
    enum class Kind : std::uint8_t { packets, datasize, rx_packets, tx_packets };
    static constexpr std::size_t kKinds = 4;
    enum class Direction : std::uint8_t { neither, tx, rx };
    // Seconds logged before the RRDs go dense.
    static constexpr std::size_t kLoggedSeconds = 4;

    PacketRrds() noexcept { new (&storage_.log) Log(); }
    ~PacketRrds();
    PacketRrds(const PacketRrds&) = delete;
    PacketRrds& operator=(const PacketRrds&) = delete;

    // One counted packet at `now`, the tracker's clock in seconds. A data packet (`data`) adds `data_size` to
    // datasize.rrd, even when it is 0, as Kismet does.
    void add_packet(std::uint64_t now, Direction direction, bool data, std::uint64_t data_size);

    // Whether the RRD got a sample (Kismet's RRDs are dynamic fields, absent until then).
    [[nodiscard]] bool has(Kind kind) const noexcept;
    // The RRD as Kismet holds it: the dense record (brought up to date first, its counted run and its means, so
    // call it with the device locked), or `scratch` filled by replaying the log; null when the RRD never got a
    // sample.
    [[nodiscard]] const Rrd* view(Kind kind, Rrd& scratch) const noexcept;
    // Whether the RRDs are still a log (no heap memory).
    [[nodiscard]] bool logged() const noexcept { return !dense_; }

private:
    // The samples of one second. `offset` is seconds after the first logged second; counts and sizes that do not
    // fit send the RRDs dense instead.
    struct Second {
        std::uint32_t offset = 0;
        std::array<std::uint8_t, kKinds> samples{};  // per Kind; datasize counts data packets
        std::uint16_t first_size = 0;                // datasize: the second's first and last values and their sum
        std::uint16_t last_size = 0;
        std::uint32_t size_sum = 0;
    };
    struct Log {
        std::uint64_t first_time = 0;
        std::array<Second, kLoggedSeconds> seconds{};
    };
    // The samples of the current second that followed its first one into each dense RRD. Kismet's same-second
    // rule makes them one sum: the bucket and last_value grow by it, and last_value_n1 is last_value before the
    // last of them. Every value is a whole number (1 a packet, or a data size), so the sums are exact.
    struct Run {
        std::uint64_t second = 0;  // the clock second the run belongs to
        std::uint64_t size_sum = 0;
        std::array<std::uint32_t, kKinds> counts{};  // per Kind, the samples counted since the second's first
        std::uint32_t last_size = 0;
        std::uint8_t started = 0;  // bit per Kind: the RRD got a sample in `second`, so later ones can be counted

        // Whether one more sample of `kind` fits: its count stays in 32 bits, and a data size fits last_size and
        // keeps the sum exact in a double. Inline: a busy device's every packet asks.
        [[nodiscard]] bool has_room(Kind kind, std::uint64_t value) const noexcept {
            if (counts[static_cast<std::size_t>(kind)] == std::numeric_limits<std::uint32_t>::max()) return false;
            return kind != Kind::datasize ||
                   (value <= std::numeric_limits<std::uint32_t>::max() && size_sum <= (std::uint64_t{1} << 52) - value);
        }
        void count(Kind kind, std::uint64_t value) noexcept {
            ++counts[static_cast<std::size_t>(kind)];
            if (kind != Kind::datasize) return;
            size_sum += value;
            last_size = static_cast<std::uint32_t>(value);
        }
    };
    struct Dense {
        std::array<std::unique_ptr<Rrd>, kKinds> rrds;
        Run run;
    };

    bool log_packet(std::uint64_t now, Direction direction, bool data, std::uint64_t data_size) noexcept;
    void replay(Kind kind, Rrd& rrd) const noexcept;
    void make_dense();
    void add_dense(std::uint64_t now, Direction direction, bool data, std::uint64_t data_size);
    void add_dense_sample(Kind kind, std::uint64_t value, std::uint64_t now);
    // Applies the counted run to the dense RRDs; they then read as if every sample had been added one by one.
    void flush_run() const noexcept;

    // The log until make_dense, then the dense RRDs: one lives here at a time, so a busy device pays no log. The
    // run is mutable because a reader (view) applies it, under the device's lock like every other access.
    union Storage {
        Storage() noexcept {}
        ~Storage() {}
        Log log;
        Dense dense;
    } mutable storage_;
    std::uint8_t logged_seconds_ = 0;  // of the log; kept out of it so the flag below fits the same word
    bool dense_ = false;
};

}  // namespace kismetcore::track
