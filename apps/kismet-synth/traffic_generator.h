// Decides what the synthetic site says and when: beacons, scans, joins, handshakes, traffic and departures.
#pragma once

#include <cstdint>
#include <queue>
#include <vector>

#include "capture_emitter.h"
#include "frame_factory.h"
#include "random_source.h"
#include "site_model.h"

namespace kismetcore::synth {

// Time runs on two tracks. Spontaneous events (an AP's beacon, a client waking up to scan, send or leave)
// arrive as a Poisson process; each may schedule follow-up frames a little later (probe responses, the next
// step of a join, the reply in a conversation), which interleave with everything else in time order.
//
// Every device is heard at least once when the capture is long enough: a spontaneous event picks a device not
// heard yet with the probability a uniform choice would, raised as the remaining packet budget shrinks so that
// the last ones still arrive before the end.
class TrafficGenerator {
public:
    TrafficGenerator(SiteModel& site, FrameFactory& frames, CaptureEmitter& emitter, RandomSource random);

    // Writes exactly `packets` frames. False when the capture could not be written.
    bool run(std::uint64_t packets);

private:
    enum class EventKind : std::uint8_t { probe_response, join_step, exchange };
    struct Event {
        std::int64_t time_us = 0;
        std::uint64_t order = 0;  // breaks ties in time, so the output never depends on the heap's layout
        EventKind kind = EventKind::exchange;
        std::uint32_t ap = 0;
        std::uint32_t client = 0;
        std::uint32_t session = 0;
        std::uint16_t remaining = 0;  // frames left in a conversation
        std::uint16_t step = 0;       // frames already sent in it
        std::uint16_t conversation_id = 0;
        Conversation conversation = Conversation::ping;
    };
    struct Later {
        bool operator()(const Event& a, const Event& b) const noexcept {
            return a.time_us != b.time_us ? a.time_us > b.time_us : a.order > b.order;
        }
    };

    void spontaneous();
    void fire(const Event& event);
    void schedule(Event event, std::int64_t delay_us);

    bool pick_newcomer(std::uint64_t heard, std::uint64_t total, double budget_share);
    std::uint32_t pick_access_point();
    std::uint32_t pick_client(bool& newcomer);

    void access_point_event(std::uint32_t ap);
    void client_event(std::uint32_t client, bool newcomer);
    void probe(std::uint32_t client, bool then_join);
    void start_join(std::uint32_t client, std::int64_t delay_us);
    void join_step(const Event& event);
    void start_exchange(std::uint32_t client);
    void exchange_step(const Event& event);
    void leave(std::uint32_t client, bool from_client);

    // Frames from an AP, and from a client (always on its home AP's channel).
    void emit_from_ap(std::uint32_t ap, const Bytes& frame, bool management);
    void emit_from_client(std::uint32_t client, const Bytes& frame, bool management);
    [[nodiscard]] bool budget_left() const noexcept { return ok_ && emitter_.written() < budget_; }

    SiteModel& site_;
    FrameFactory& frames_;
    CaptureEmitter& emitter_;
    RandomSource random_;

    std::priority_queue<Event, std::vector<Event>, Later> pending_;
    std::uint64_t next_order_ = 0;
    std::int64_t now_us_ = 0;
    double mean_gap_us_ = 1000;
    std::uint64_t budget_ = 0;
    std::uint64_t aps_heard_ = 0;
    std::uint64_t clients_heard_ = 0;
    bool ok_ = true;
};

}  // namespace kismetcore::synth
