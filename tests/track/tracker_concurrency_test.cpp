// The tracker's threading scheme under load: one thread feeds an Engine while readers query, walk and serialise.
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <latch>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/craft/radiotap_builder.h"
#include "kismetcore/dissect/radiotap_reader.h"
#include "kismetcore/engine/engine.h"
#include "kismetcore/fields/serializer.h"
#include "kismetcore/track/device_schema.h"
#include "support/shared_captures.h"

namespace {

using namespace kismetcore;
using simdjson::dom::element;

constexpr std::uint64_t kWallClock = 1'800'000'000;
constexpr std::size_t kMaxDevices = 32;  // far fewer than the script creates, so expiry removes devices all along
constexpr int kReplays = 3;
constexpr std::size_t kBurstEvery = 100;        // capture packets between two crafted bursts (each then expires)
constexpr std::size_t kCapturePackets = 20056;  // whole packets in the file; its last record is cut short
constexpr std::string_view kCaptureName = "aircrack-ng__pmkid-not-recognized.cap";

EngineConfig engine_config() {
    EngineConfig config;
    config.tracker.max_devices = kMaxDevices;
    config.tracker.manuf_lookup = false;  // the registries add start-up time and nothing to the threading
    config.clock = [] { return kWallClock; };
    return config;
}

// What the ingest thread does, in order: feed a packet, and after some packets apply the device limit.
struct FeedStep {
    capture::Packet packet;
    bool expire_after = false;
};
struct FeedScript {
    std::vector<FeedStep> steps;
    std::vector<DeviceKey> crafted_keys;  // every device the crafted bursts create, in creation order
    std::int64_t middle_time = 0;         // a packet time halfway through, for devices_since()
};

MacAddress numbered_mac(std::uint8_t first_octet, std::uint32_t n) {
    return MacAddress{std::array<std::uint8_t, 6>{first_octet, 0xc0, 0, static_cast<std::uint8_t>(n >> 16),
                                                  static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)}};
}

FeedStep radiotap_step(const craft::Bytes& frame, std::int64_t time) {
    FeedStep step;
    step.packet.data = craft::RadiotapBuilder()
                           .channel(2437, dissect::radiotap::kChannel2Ghz | dissect::radiotap::kChannelOfdm)
                           .signal_dbm(-42)
                           .build(frame);
    step.packet.dlt = capture::dlt::kRadiotap;
    step.packet.ts_sec = time;
    step.packet.original_length = step.packet.captured_length();
    return step;
}

// A new access point "conc-<n>" beaconing, a new client probing for it and sending it data: three devices
// (AP, client, and the data's destination behind the AP, which every burst shares).
void add_crafted_burst(FeedScript& script, std::uint32_t n, std::int64_t time) {
    const MacAddress ap = numbered_mac(0x02, n);
    const MacAddress client = numbered_mac(0x06, n);
    const MacAddress server{std::array<std::uint8_t, 6>{0x02, 0xc0, 0xff, 0xff, 0xff, 0xff}};
    const std::string ssid = "conc-" + std::to_string(n);
    const auto sequence = static_cast<std::uint16_t>(n & 0x0fff);
    const auto ap_elements = craft::ElementBuilder().ssid(ssid).supported_rates({0x82, 0x84}).ds_channel(6).take();
    const auto probe_elements = craft::ElementBuilder().ssid(ssid).supported_rates({0x82, 0x84}).take();
    const auto body = craft::llc_snap(0x0800, std::vector<std::uint8_t>(40, 0x5a));
    script.steps.push_back(radiotap_step(
        craft::beacon({.bssid = ap, .elements = ap_elements, .options = {.sequence_number = sequence}}), time));
    script.steps.push_back(radiotap_step(
        craft::probe_request({.source = client, .elements = probe_elements, .options = {.sequence_number = sequence}}),
        time));
    script.steps.push_back(radiotap_step(craft::data_frame({.direction = craft::DsDirection::to_ap,
                                                            .source = client,
                                                            .destination = server,
                                                            .bssid = ap,
                                                            .body = body,
                                                            .options = {.sequence_number = sequence}}),
                                         time));
    script.steps.back().expire_after = true;
    script.crafted_keys.emplace_back(kDot11PhyHash, ap);
    script.crafted_keys.emplace_back(kDot11PhyHash, client);
}

// The capture replayed kReplays times, each replay later in packet time, with a crafted burst and an expiry
// after every kBurstEvery of its packets.
FeedScript build_script(const std::filesystem::path& capture_path) {
    std::string error;
    auto reader = capture::CaptureFileReader::open(capture_path, 0, error);
    REQUIRE(reader);
    std::vector<capture::Packet> captured;
    capture::Packet packet;
    while (reader->next(packet) == capture::ReadResult::packet) captured.push_back(packet);
    REQUIRE(captured.size() == kCapturePackets);
    const std::int64_t span = captured.back().ts_sec - captured.front().ts_sec + 1;

    FeedScript script;
    std::uint32_t bursts = 0;
    for (int replay = 0; replay < kReplays; ++replay) {
        for (std::size_t i = 0; i < captured.size(); ++i) {
            FeedStep step{captured[i]};
            step.packet.ts_sec += replay * span;
            const std::int64_t time = step.packet.ts_sec;
            script.steps.push_back(std::move(step));
            if ((i + 1) % kBurstEvery == 0) add_crafted_burst(script, bursts++, time);
        }
        if (replay == kReplays / 2) script.middle_time = script.steps.back().packet.ts_sec;
    }
    script.crafted_keys.emplace_back(kDot11PhyHash,
                                     MacAddress{std::array<std::uint8_t, 6>{0x02, 0xc0, 0xff, 0xff, 0xff, 0xff}});
    return script;
}

void run_steps(Engine& engine, std::span<const FeedStep> steps) {
    for (const auto& step : steps) {
        engine.feed(step.packet);
        if (step.expire_after) engine.expire();
    }
}

void run_script(Engine& engine, const FeedScript& script) {
    run_steps(engine, script.steps);
}

struct FinalState {
    std::map<std::string, std::uint64_t> packets_by_key;
    std::string all_devices_json;
    EngineStats stats;
};

// Each engine names itself with a random server UUID, which every device record carries; blank it out.
std::string without_server_uuid(std::string json) {
    constexpr std::string_view kField = "\"kismet.server.uuid\": \"";
    for (auto at = json.find(kField); at != std::string::npos; at = json.find(kField, at + 1))
        for (auto i = at + kField.size(); i < json.size() && json[i] != '"'; ++i) json[i] = '0';
    return json;
}

FinalState final_state(const Engine& engine) {
    FinalState state;
    engine.tracker().for_each(
        [&state](const track::Device& device) { state.packets_by_key[device.key.to_string()] = device.packets.total; });
    state.all_devices_json = without_server_uuid(engine.query_devices({}).body);
    state.stats = engine.stats();
    return state;
}

// What one reader saw. Catch2's assertions are not thread-safe, so readers collect and the test checks after.
struct ReaderReport {
    const char* name = "";
    std::size_t iterations = 0;
    std::size_t iterations_during_ingest = 0;
    std::size_t half_made = 0;  // devices seen before their first packet was applied (see the last test)
    std::vector<std::string> failures;

    void fail(const std::string& what) {
        if (failures.size() < 10) failures.push_back(what);
    }
};

// Invariants that hold between packets but not halfway through one; the caller holds device.mutex. A device no
// packet has been applied to yet (mod_time still 0) is counted, not judged: see the last test case.
void check_device_locked(const track::Device& device, ReaderReport& report) {
    if (device.mod_time == 0) {
        ++report.half_made;
        return;
    }
    const auto& packets = device.packets;
    if (device.dot11 == nullptr || device.first_time == 0 || device.first_time > device.last_time ||
        device.mod_time != kWallClock || packets.total != packets.data + packets.llc ||
        packets.tx_total + packets.rx_total > packets.total)
        report.fail(device.key.to_string() + ": torn record, total " + std::to_string(packets.total));
}

bool parses(simdjson::dom::parser& parser, const std::string& json, element& out, ReaderReport& report) {
    if (parser.parse(json).get(out) == simdjson::SUCCESS) return true;
    report.fail("unparsable JSON: " + json.substr(0, 200));
    return false;
}

// Kismet's device summary: whole records, a field spec with a regex, and a time and phy filter.
void query_reader(const Engine& engine, const FeedScript& script, simdjson::dom::parser& parser, ReaderReport& report) {
    element root;
    const auto whole = engine.query_devices({});
    if (!whole.error.empty() || !parses(parser, whole.body, root, report)) return;
    if (simdjson::dom::array(root).size() != whole.devices) report.fail("whole: count differs from the body");
    for (element device : simdjson::dom::array(root))
        if (device["kismet.device.base.key"].get_string().error()) report.fail("whole: a record without its key");

    DeviceQuery simplified;
    simplified.fields_json =
        R"(["kismet.device.base.key", "kismet.device.base.name", ["kismet.device.base.packets.total", "packets"]])";
    simplified.regex_json = R"([["kismet.device.base.name", "^conc-"]])";
    const auto crafted = engine.query_devices(simplified);
    if (!crafted.error.empty() || !parses(parser, crafted.body, root, report)) return;
    for (element device : simdjson::dom::array(root)) {
        std::string_view name;
        if (simdjson::dom::object(device).size() != 3 || device["kismet.device.base.name"].get(name) ||
            !name.starts_with("conc-") || device["packets"].get_uint64().error())
            report.fail("spec and regex: " + std::string(simdjson::to_string(device)));
    }

    DeviceQuery recent;
    recent.last_time = script.middle_time;
    recent.phy = "IEEE802.11";
    recent.fields_json = R"(["kismet.device.base.last_time"])";
    const auto since = engine.query_devices(recent);
    if (!since.error.empty() || !parses(parser, since.body, root, report)) return;
    for (element device : simdjson::dom::array(root))
        if (std::uint64_t last = 0;
            device["kismet.device.base.last_time"].get(last) || last < static_cast<std::uint64_t>(script.middle_time))
            report.fail("last_time filter let through " + std::string(simdjson::to_string(device)));
}

// Devices a reader keeps between passes: the ones it found by key, and the ones the tracker removed meanwhile.
struct HeldDevices {
    struct Held {
        std::shared_ptr<const track::Device> device;
        std::uint64_t total = 0;  // packets.total when last read
    };
    std::map<DeviceKey, Held> current;
    std::vector<Held> removed;
    EngineStats last_stats;
};

// Looks devices up by key and keeps them: a kept device stays readable after the tracker removed it, its counters
// never go back, and once removed it never changes again.
void key_reader(const Engine& engine, const FeedScript& script, HeldDevices& held, ReaderReport& report) {
    for (const auto& removed : held.removed) {
        std::lock_guard lock(removed.device->mutex);
        if (removed.device->packets.total != removed.total)
            report.fail(removed.device->key.to_string() + ": a removed device changed");
    }
    for (const auto& key : script.crafted_keys) {
        auto found = engine.device(key);
        auto& kept = held.current[key];
        if (kept.device && kept.device != found) {
            // Removed from the index since the last pass: the ingest thread will not touch it again.
            std::lock_guard lock(kept.device->mutex);
            if (kept.device->packets.total < kept.total) report.fail(key.to_string() + ": total fell");
            held.removed.push_back({kept.device, kept.device->packets.total});
            kept = {};
        }
        if (!found) continue;
        std::lock_guard lock(found->mutex);
        check_device_locked(*found, report);
        if (kept.device == found && found->packets.total < kept.total) report.fail(key.to_string() + ": total fell");
        kept = {found, found->packets.total};
    }
    // Engine::stats() is read here during ingestion, so ThreadSanitizer checks that its counters are atomic.
    const EngineStats stats = engine.stats();
    if (stats.packets < held.last_stats.packets || stats.duplicates < held.last_stats.duplicates ||
        stats.expired_devices < held.last_stats.expired_devices)
        report.fail("an engine counter went back");
    held.last_stats = stats;
    const auto threshold = static_cast<std::uint64_t>(script.middle_time);
    for (const auto& device : engine.devices_since(script.middle_time)) {
        std::lock_guard lock(device->mutex);
        if (device->last_time < threshold) report.fail(device->key.to_string() + ": devices_since too old");
    }
}

// Copies the device list, then serialises each device under its own lock and parses it after unlocking.
void serialising_reader(const Engine& engine, simdjson::dom::parser& parser, ReaderReport& report) {
    std::string json;
    for (const auto& device : engine.all_devices()) {
        json.clear();
        std::uint64_t total = 0;
        {
            std::lock_guard lock(device->mutex);
            check_device_locked(*device, report);
            fields::append_record(json, fields::OutputFormat::json, track::device_schema(), *device);
            total = device->packets.total;
        }
        element record;
        if (!parses(parser, json, record, report)) continue;
        std::string_view key;
        std::uint64_t json_total = 0;
        if (record["kismet.device.base.key"].get(key) || key != device->key.to_string() ||
            record["kismet.device.base.packets.total"].get(json_total) || json_total != total)
            report.fail(device->key.to_string() + ": record differs from the device it was written from");
    }
}

// The tracker's own visitor and the MAC and phy lookups.
void visiting_reader(const Engine& engine, ReaderReport& report) {
    engine.tracker().for_each([&report](const track::Device& device) { check_device_locked(device, report); });
    for (const auto& device : engine.devices_by_phy("IEEE802.11")) {
        const auto by_mac = engine.devices_by_mac(device->macaddr);
        if (!by_mac.empty() && by_mac.front()->key != device->key) report.fail("devices_by_mac: the wrong device");
    }
}

using Reader = std::function<void(ReaderReport&)>;

// Feeds the script on this thread while one thread per reader loops over it until the script is done, then lets
// each reader make one last pass over the final state. Halfway, ingestion waits until every reader has completed
// a pass that began after that point, so each reader overlaps ingestion and holds devices that the second half
// will remove, however the threads are scheduled.
std::vector<ReaderReport> run_with_readers(Engine& engine, const FeedScript& script,
                                           const std::vector<std::pair<const char*, Reader>>& readers) {
    std::vector<ReaderReport> reports(readers.size());
    std::latch started(static_cast<std::ptrdiff_t>(readers.size()));
    std::latch passed_halfway(static_cast<std::ptrdiff_t>(readers.size()));
    std::atomic<bool> halfway{false};
    std::atomic<bool> ingest_done{false};
    std::vector<std::thread> threads;
    for (std::size_t r = 0; r < readers.size(); ++r) {
        reports[r].name = readers[r].first;
        threads.emplace_back([&, r] {
            started.count_down();
            bool counted_halfway = false;
            for (;;) {
                const bool after_halfway = halfway.load(std::memory_order_acquire);
                const bool during_ingest = !ingest_done.load(std::memory_order_acquire);
                readers[r].second(reports[r]);
                ++reports[r].iterations;
                if (after_halfway && !counted_halfway) {
                    counted_halfway = true;
                    passed_halfway.count_down();
                }
                if (!during_ingest) break;
                ++reports[r].iterations_during_ingest;
            }
        });
    }
    started.wait();
    const std::span<const FeedStep> steps(script.steps);
    run_steps(engine, steps.first(steps.size() / 2));
    halfway.store(true, std::memory_order_release);
    passed_halfway.wait();
    run_steps(engine, steps.subspan(steps.size() / 2));
    ingest_done.store(true, std::memory_order_release);
    for (auto& thread : threads) thread.join();
    return reports;
}

std::filesystem::path capture_path() {
    const auto dir = testing::shared_captures_dir();
    return dir.empty() ? dir : dir / kCaptureName;
}

}  // namespace

TEST_CASE("readers querying while one thread feeds and expires see whole devices and change nothing", "[concurrency]") {
    if (!std::filesystem::exists(capture_path())) {
        WARN("../shared/captures is not beside the checkout");
        return;
    }
    const FeedScript script = build_script(capture_path());
    const std::size_t crafted_packets = 3 * kReplays * (kCapturePackets / kBurstEvery);
    REQUIRE(script.steps.size() == kReplays * kCapturePackets + crafted_packets);

    Engine alone(engine_config());
    run_script(alone, script);
    const FinalState expected = final_state(alone);
    // Pinned so that both runs being wrong the same way still fails.
    CHECK(expected.stats.packets == script.steps.size());
    CHECK(expected.packets_by_key.size() == kMaxDevices);
    CHECK(expected.stats.expired_devices > 2 * crafted_packets / 3);

    Engine shared(engine_config());
    simdjson::dom::parser query_parser;
    simdjson::dom::parser record_parser;
    HeldDevices held;
    const auto reports = run_with_readers(
        shared, script,
        {{"query_devices", [&](ReaderReport& r) { query_reader(shared, script, query_parser, r); }},
         {"device/devices_since", [&](ReaderReport& r) { key_reader(shared, script, held, r); }},
         {"all_devices+append_record", [&](ReaderReport& r) { serialising_reader(shared, record_parser, r); }},
         {"for_each/devices_by_*", [&](ReaderReport& r) { visiting_reader(shared, r); }}});
    for (const auto& report : reports) {
        INFO("reader " << report.name << ": " << report.iterations << " passes, " << report.iterations_during_ingest
                       << " during ingest, " << report.half_made << " devices seen before their first packet");
        CHECK(report.iterations_during_ingest > 0);
        for (const auto& failure : report.failures) FAIL_CHECK(failure);
    }
    // Devices were removed while the key reader held them (those it held halfway, at least), and it read them after.
    CHECK(held.removed.size() >= 2);

    const FinalState actual = final_state(shared);
    CHECK(actual.packets_by_key == expected.packets_by_key);
    CHECK(actual.stats.packets == expected.stats.packets);
    CHECK(actual.stats.duplicates == expected.stats.duplicates);
    CHECK(actual.stats.expired_devices == expected.stats.expired_devices);
    CHECK(actual.all_devices_json == expected.all_devices_json);
}

// The tracker locks and fills a new device before the index publishes it and keeps it locked until its first packet
// is applied (docs/track-concurrency.md): a reader spinning on each next key to appear must never find a device
// without its packet counted.
TEST_CASE("a reader never sees a new device before its first packet is applied", "[concurrency]") {
    constexpr std::uint32_t kDevices = 1000;
    std::vector<FeedStep> beacons;
    for (std::uint32_t n = 0; n < kDevices; ++n) {
        const auto elements = craft::ElementBuilder().ssid("conc-" + std::to_string(n)).take();
        beacons.push_back(
            radiotap_step(craft::beacon({.bssid = numbered_mac(0x02, n),
                                         .elements = elements,
                                         .options = {.sequence_number = static_cast<std::uint16_t>(n & 0x0fff)}}),
                          1'700'000'000 + n));
    }
    EngineConfig config = engine_config();
    config.tracker.max_devices = 0;
    Engine engine(config);
    // The reader looks for device n while the ingest thread creates it, then lets the ingest thread go on.
    std::atomic<std::uint32_t> acknowledged{0};
    std::size_t caught = 0;
    std::size_t half_made = 0;
    std::thread reader([&] {
        for (std::uint32_t n = 0; n < kDevices; ++n) {
            const DeviceKey key(kDot11PhyHash, numbered_mac(0x02, n));
            std::shared_ptr<const track::Device> device;
            while (!(device = engine.device(key))) {
            }
            ++caught;
            {
                std::lock_guard lock(device->mutex);
                if (device->mod_time == 0 || device->packets.total == 0 || !device->dot11) ++half_made;
            }
            acknowledged.store(n + 1, std::memory_order_release);
        }
    });
    for (std::uint32_t n = 0; n < kDevices; ++n) {
        engine.feed(beacons[n].packet);
        while (acknowledged.load(std::memory_order_acquire) <= n) {
        }
    }
    reader.join();
    INFO(caught << " new devices caught by the reader, " << half_made << " of them not yet filled in");
    CHECK(caught == kDevices);
    CHECK(half_made == 0);
}

// Not run by default: ingest throughput and per-packet latency alone and with readers, and the price of the
// locks themselves. `kismetcore_unit_tests "[concurrency-bench]"` in a Release build.
TEST_CASE("ingest cost of the locking scheme", "[.][concurrency-bench]") {
    if (!std::filesystem::exists(capture_path())) return;
    const FeedScript script = build_script(capture_path());
    using Clock = std::chrono::steady_clock;

    const auto measure = [&](std::size_t reader_count) {
        Engine engine(engine_config());
        std::vector<std::int64_t> latencies;
        latencies.reserve(script.steps.size());
        std::atomic<bool> done{false};
        std::atomic<std::uint64_t> passes{0};
        std::vector<std::thread> readers;
        for (std::size_t r = 0; r < reader_count; ++r)
            readers.emplace_back([&] {
                while (!done.load(std::memory_order_acquire)) {
                    (void)engine.query_devices({});
                    passes.fetch_add(1, std::memory_order_relaxed);
                }
            });
        const auto start = Clock::now();
        for (const auto& step : script.steps) {
            const auto before = Clock::now();
            engine.feed(step.packet);
            if (step.expire_after) engine.expire();
            latencies.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - before).count());
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        done.store(true, std::memory_order_release);
        for (auto& reader : readers) reader.join();
        std::sort(latencies.begin(), latencies.end());
        std::printf(
            "%zu readers: %.0f ns/packet (%.2f Mpackets/s), latency p50 %lld ns, p99.9 %lld ns, max %lld ns, "
            "%llu reader passes\n",
            reader_count, seconds * 1e9 / static_cast<double>(script.steps.size()),
            static_cast<double>(script.steps.size()) / seconds / 1e6,
            static_cast<long long>(latencies[latencies.size() / 2]),
            static_cast<long long>(latencies[latencies.size() * 999 / 1000]), static_cast<long long>(latencies.back()),
            static_cast<unsigned long long>(passes.load()));
    };
    for (int repeat = 0; repeat < 3; ++repeat) measure(0);
    measure(1);
    measure(3);

    // The device lock against std::mutex, which it replaced.
    const auto time_pairs = [](auto& mutex, const char* name) {
        constexpr int kPairs = 10'000'000;
        const auto start = Clock::now();
        for (int i = 0; i < kPairs; ++i) {
            mutex.lock();
            mutex.unlock();
        }
        std::printf("uncontended %s lock+unlock: %.1f ns\n", name,
                    std::chrono::duration<double, std::nano>(Clock::now() - start).count() / kPairs);
    };
    SmallMutex device_lock;
    time_pairs(device_lock, "SmallMutex (Device::mutex)");
    std::mutex mutex;
    time_pairs(mutex, "std::mutex");
}
