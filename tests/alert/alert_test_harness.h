// An engine fed crafted 802.11 frames with alerts stamped by packet time, and a census of what it raised.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/capture/packet.h"
#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/engine/engine.h"

namespace kismetcore::testing {

struct AlertHarness {
    // `config` holds kismet_alerts.conf lines.
    explicit AlertHarness(std::string_view config = {}) : engine(make_config(config)) {}

    static EngineConfig make_config(std::string_view text) {
        EngineConfig config;
        config.clock = [] { return std::uint64_t{1'800'000'000}; };
        config.alert_packet_time = true;
        config.tracker.manuf_lookup = false;
        config.alerts.backlog = 1000;
        config.alerts.apply_text(text);
        return config;
    }

    Engine engine;
    std::int64_t sec = 1'000'000;
    std::uint32_t usec = 0;
    std::uint16_t sequence = 0;

    // Feeds a raw 802.11 frame (DLT 105) at the harness's time, then moves the time on by `step_us`.
    void feed(const std::vector<std::uint8_t>& frame, std::uint32_t dlt = capture::dlt::kIeee80211,
              std::int64_t step_us = 1000) {
        capture::Packet packet;
        packet.data = frame;
        packet.dlt = dlt;
        packet.ts_sec = sec;
        packet.ts_usec = usec;
        packet.original_length = static_cast<std::uint32_t>(frame.size());
        engine.feed(packet);
        advance(step_us);
    }
    void advance(std::int64_t microseconds) {
        const std::int64_t total = static_cast<std::int64_t>(usec) + microseconds;
        sec += total / 1'000'000;
        usec = static_cast<std::uint32_t>(total % 1'000'000);
    }
    // Frame options with a new sequence number, so the duplicate filter keeps every frame.
    craft::FrameOptions options() { return {.sequence_number = static_cast<std::uint16_t>(++sequence & 0x0fff)}; }

    [[nodiscard]] std::size_t count(std::string_view header) const {
        std::size_t found = 0;
        for (const auto& alert : engine.alerts().all())
            if (alert->header == header) ++found;
        return found;
    }
    [[nodiscard]] std::vector<std::string> headers() const {
        std::vector<std::string> out;
        for (const auto& alert : engine.alerts().all()) out.push_back(alert->header);
        return out;
    }
    [[nodiscard]] std::shared_ptr<const alert::AlertRecord> last() const {
        const auto all = engine.alerts().all();
        return all.empty() ? nullptr : all.back();
    }
};

}  // namespace kismetcore::testing
