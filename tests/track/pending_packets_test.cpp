// A device's pending block (track/pending_packets.h) must be invisible: records read the same whether a reader
// settled the device after every packet or only once at the end.
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/craft/radiotap_builder.h"
#include "kismetcore/dissect/radiotap_reader.h"
#include "kismetcore/engine/engine.h"
#include "kismetcore/track/pending_packets.h"
#include "support/dot11_frames.h"

namespace {

using namespace kismetcore;
namespace craft = kismetcore::craft;
namespace radiotap = kismetcore::dissect::radiotap;

constexpr MacAddress kSecondAp{std::array<std::uint8_t, 6>{0x02, 0x00, 0x00, 0x00, 0x00, 0x1a}};
constexpr MacAddress kSecondClient{std::array<std::uint8_t, 6>{0x02, 0x00, 0x00, 0x00, 0x00, 0x1b}};

EngineConfig config_with(bool per_source_stats) {
    EngineConfig config;
    config.clock = [] { return std::uint64_t{1'800'000'000}; };
    config.tracker.server_uuid = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    config.tracker.keep_per_datasource_stats = per_source_stats;
    return config;
}

// One random packet, GPS change or nothing, applied the same way to both engines.
struct Step {
    capture::Packet packet;
    std::optional<track::GpsFix> gps;
    bool change_gps = false;
};

class RandomTraffic {
public:
    explicit RandomTraffic(std::uint32_t seed) : random_(seed) {}

    Step next() {
        Step step;
        if (pick(40) == 0) {
            step.change_gps = true;
            if (pick(2) == 0) {
                track::GpsFix fix;
                fix.lat = 50.0 + pick(100) / 1000.0;
                fix.lon = 8.0 + pick(100) / 1000.0;
                fix.fix = static_cast<std::uint8_t>(pick(4));
                step.gps = fix;
            }
            return step;
        }
        // Packet times mostly advance, sometimes repeat, sometimes go back (reordered captures).
        const auto move = pick(10);
        if (move < 5) time_ += 1 + pick(40);
        if (move == 9) time_ -= pick(90);
        step.packet.ts_sec = time_;
        step.packet.source = static_cast<capture::SourceId>(pick(6) == 0 ? 2 : 1);
        step.packet.dlt = capture::dlt::kRadiotap;
        step.packet.data = radio().build(frame());
        step.packet.original_length = static_cast<std::uint32_t>(step.packet.data.size());
        return step;
    }

private:
    std::uint32_t pick(std::uint32_t below) {
        return std::uniform_int_distribution<std::uint32_t>(0, below - 1)(random_);
    }

    craft::RadiotapBuilder radio() {
        craft::RadiotapBuilder builder;
        if (pick(5) != 0) builder.rate(static_cast<std::uint8_t>(2 + 2 * pick(54)));
        static constexpr std::array<std::uint16_t, 4> kFrequencies = {2412, 2437, 2462, 5180};
        const std::uint16_t mhz = kFrequencies[pick(pick(3) == 0 ? 4 : 1)];
        const std::uint16_t flags =
            mhz > 5000 ? radiotap::kChannel5Ghz | radiotap::kChannelOfdm
                       : radiotap::kChannel2Ghz | (pick(2) ? radiotap::kChannelCck : radiotap::kChannelOfdm);
        if (pick(8) != 0) builder.channel(mhz, flags);
        const auto signal_kind = pick(8);
        if (signal_kind < 6) builder.signal_dbm(static_cast<std::int8_t>(-20 - static_cast<int>(pick(70))));
        if (signal_kind == 6) builder.signal_db(static_cast<std::uint8_t>(pick(60)));  // RSSI-like, another type
        if (pick(3) == 0) builder.noise_dbm(static_cast<std::int8_t>(-85 - static_cast<int>(pick(15))));
        return builder;
    }

    std::vector<std::uint8_t> frame() {
        const MacAddress ap = pick(3) == 0 ? kSecondAp : testing::kAp;
        const MacAddress client = pick(3) == 0 ? kSecondClient : testing::kClient;
        const craft::FrameOptions options{.flags = 0, .sequence_number = ++sequence_};
        switch (pick(4)) {
            case 0: {
                craft::ElementBuilder elements;
                elements.ssid(ap == testing::kAp ? "first" : "second").supported_rates({0x82, 0x84}).ds_channel(6);
                elements_ = elements.take();
                return craft::beacon({.bssid = ap,
                                      .timestamp = static_cast<std::uint64_t>(time_) * 1000,
                                      .elements = elements_,
                                      .options = options});
            }
            case 1: {
                craft::ElementBuilder elements;
                elements.ssid("probed").supported_rates({0x82});
                elements_ = elements.take();
                return craft::probe_request({.source = client, .elements = elements_, .options = options});
            }
            default: {
                body_ = craft::llc_snap(0x0800, std::vector<std::uint8_t>(pick(200), 0x55));
                const bool to_ap = pick(2) == 0;
                return craft::data_frame({.direction = to_ap ? craft::DsDirection::to_ap : craft::DsDirection::from_ap,
                                          .source = to_ap ? client : testing::kServer,
                                          .destination = to_ap ? testing::kServer : client,
                                          .bssid = ap,
                                          .body = body_,
                                          .options = options});
            }
        }
    }

    std::mt19937 random_;
    std::int64_t time_ = 1'700'000'000;
    std::uint16_t sequence_ = 0;
    std::vector<std::uint8_t> elements_;
    std::vector<std::uint8_t> body_;
};

std::string all_devices(const Engine& engine) {
    return engine.query_devices({}).body;
}

void apply(Engine& engine, const Step& step) {
    if (step.change_gps)
        engine.set_gps_fix(step.gps);
    else
        engine.feed(step.packet);
}

}  // namespace

TEST_CASE("devices read the same whether settled after every packet or once at the end", "[track][pending]") {
    const bool per_source_stats = GENERATE(false, true);
    const std::uint32_t seed = GENERATE(1u, 2u, 3u);
    CAPTURE(per_source_stats, seed);
    Engine settled_often(config_with(per_source_stats));
    Engine settled_once(config_with(per_source_stats));
    RandomTraffic traffic(seed);
    for (int packet = 0; packet < 3000; ++packet) {
        const Step step = traffic.next();
        apply(settled_often, step);
        apply(settled_once, step);
        // Reading every device settles it (DeviceTracker::all), so this engine never holds more than one packet.
        if (packet % 3 == 0) (void)settled_often.devices_by_phy("IEEE802.11");
        // Writing them out also applies the dense packet RRDs' counted runs (the clock stands still, so the busy
        // devices' RRDs are dense and count nearly every packet).
        if (packet % 50 == 0) (void)all_devices(settled_often);
    }
    const std::string often = all_devices(settled_often);
    const std::string once = all_devices(settled_once);
    REQUIRE(often.size() > 1000);
    CHECK(often == once);
}

TEST_CASE("a pending block folds signal readings as SignalRecord::append does", "[track][pending]") {
    // Readings of 0 are "none"; a sample of another type than the record's counts for carrier and rate only.
    track::SignalRecord direct;
    track::SignalRecord folded;
    track::PendingPackets pending;
    track::SeenbyList seenby;
    track::FrequencyMap frequencies;
    // The record exists before a block may hold its samples (Dot11Tracker creates it with the first one).
    track::Layer1Sample first;
    first.type = track::SignalType::dbm;
    first.signal = -60;
    direct.append(first, nullptr, true, 100, {});
    folded.append(first, nullptr, true, 100, {});
    pending.settled_signal_type = folded.type;

    std::vector<track::Layer1Sample> samples(5);
    samples[0] = {track::SignalType::dbm, -40, -90, 110, track::Carrier::dot11g, track::Encoding::ofdm};
    samples[1] = {track::SignalType::rssi, 30, 0, 540, track::Carrier::dot11a, track::Encoding::ofdm};
    samples[2] = {track::SignalType::dbm, 0, -95, 20, track::Carrier::dot11b, track::Encoding::cck};
    samples[3] = {track::SignalType::dbm, -75, 0, 0, track::Carrier::unknown, track::Encoding::unknown};
    samples[4] = {track::SignalType::none, 0, 0, 60, track::Carrier::dot11b, track::Encoding::cck};
    std::uint64_t time = 101;
    for (const auto& sample : samples) {
        direct.append(sample, nullptr, true, time, {});
        if (!pending.has_room_for_signal(sample, true)) pending.settle(seenby, frequencies, &folded);
        pending.add_signal(sample, true, time);
        time += 7;
    }
    pending.settle(seenby, frequencies, &folded);
    CHECK(folded.last_signal == direct.last_signal);
    CHECK(folded.min_signal == direct.min_signal);
    CHECK(folded.max_signal == direct.max_signal);
    CHECK(folded.last_noise == direct.last_noise);
    CHECK(folded.min_noise == direct.min_noise);
    CHECK(folded.max_noise == direct.max_noise);
    CHECK(folded.carrierset == direct.carrierset);
    CHECK(folded.encodingset == direct.encodingset);
    CHECK(folded.maxseenrate == direct.maxseenrate);
    CHECK(folded.type == direct.type);
    track::SignalRrd direct_scratch;
    track::SignalRrd folded_scratch;
    const auto* direct_rrd = direct.signal_rrd.view(direct_scratch);
    const auto* folded_rrd = folded.signal_rrd.view(folded_scratch);
    REQUIRE(direct_rrd != nullptr);
    REQUIRE(folded_rrd != nullptr);
    CHECK(folded_rrd->last_time == direct_rrd->last_time);
    CHECK(folded_rrd->last_value == direct_rrd->last_value);
    CHECK(folded_rrd->last_value_n1 == direct_rrd->last_value_n1);
    CHECK(folded_rrd->minute_vec == direct_rrd->minute_vec);
}
