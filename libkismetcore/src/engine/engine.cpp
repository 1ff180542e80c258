// The engine wires dissection to the tracker and answers device queries.
#include "kismetcore/engine/engine.h"

#include <algorithm>
#include <chrono>
#include <random>

#include <time.h>

#include "device_event_collector.h"
#include "dot11_observer_list.h"
#include "kismetcore/alert/alert_record.h"
#include "kismetcore/bus/message.h"
#include "kismetcore/bus/system_records.h"
#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/common/uuid.h"
#include "kismetcore/common/version.h"
#include "kismetcore/engine/datasource_definition.h"
#include "kismetcore/track/common_record_schemas.h"
#include "kismetcore/track/device_schema.h"
#include "tracker_messages.h"

namespace kismetcore {
namespace {

std::uint64_t system_seconds() {
#ifdef CLOCK_REALTIME_COARSE
    // Whole seconds are all the records keep (Kismet's clock is its main loop's second), so the coarse clock's
    // few milliseconds of resolution lose nothing, and it is a fraction of the cost per packet.
    timespec now{};
    if (clock_gettime(CLOCK_REALTIME_COARSE, &now) == 0) return static_cast<std::uint64_t>(now.tv_sec);
#endif
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count());
}

track::WallTime system_wall_time() {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    const auto usec = std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count();
    return {static_cast<std::uint64_t>(usec / 1'000'000), static_cast<std::uint32_t>(usec % 1'000'000)};
}

// The GPS_LOCATION record: Kismet's location with every field the fix has; only the geopoint [0, 0] without one.
track::LocationPoint location_of(const std::optional<track::GpsFix>& fix, track::WallTime now) {
    track::LocationPoint point;
    if (!fix || fix->fix < 2) return point;
    point.set(fix->lat, fix->lon, fix->alt, fix->fix, now);
    point.speed = static_cast<float>(fix->speed);
    point.heading = static_cast<float>(fix->heading);
    point.present |= track::LocationPoint::kSpeed | track::LocationPoint::kHeading;
    if (fix->time_sec != 0) {
        point.time_sec = fix->time_sec;
        point.time_usec = fix->time_usec;
    }
    return point;
}

// A random (version 4) UUID when the configuration names none.
EngineConfig with_server_uuid(EngineConfig config) {
    auto& uuid = config.tracker.server_uuid;
    if (std::any_of(uuid.begin(), uuid.end(), [](std::uint8_t b) { return b != 0; })) return config;
    std::random_device random;
    for (auto& octet : uuid) octet = static_cast<std::uint8_t>(random());
    uuid[6] = static_cast<std::uint8_t>((uuid[6] & 0x0f) | 0x40);
    uuid[8] = static_cast<std::uint8_t>((uuid[8] & 0x3f) | 0x80);
    return config;
}

track::ManufacturerDb load_manufacturers(const EngineConfig& config, std::vector<std::string>& warnings) {
    if (!config.tracker.manuf_lookup) return {};
    auto loaded = track::ManufacturerDb::load(config.ieee_data_dir);
    if (!loaded) {
        warnings.push_back("manufacturer lookup disabled: " + loaded.error);
        return {};
    }
    return std::move(*loaded.db);
}

alert::AlertEngine::Clock alert_clock(const EngineConfig& config) {
    if (!config.clock) return {};
    return [clock = config.clock] { return alert::AlertTime{static_cast<std::int64_t>(clock()), 0}; };
}

}  // namespace

Engine::Engine(EngineConfig config)
    : config_(with_server_uuid(std::move(config))),
      manufacturers_(load_manufacturers(config_, warnings_)),
      tracker_(config_.tracker),
      dot11_(tracker_, config_.dot11, [this](const MacAddress& mac) { return manufacturers_.device_manuf(mac); }),
      // Devices first, so device field ids stay those Kismet's registry gives them.
      catalog_({&track::device_schema(), &bus::message_schema(), &bus::timestamp_record_schema(),
                &bus::battery_record_schema(), &packet_chain_stats_schema(), &track::location_point_schema(),
                &alert::alert_record_schema(), &bus::gps_location_record_schema(), &datasource_schema()}),
      events_(catalog_),
      messages_(config_.message_backlog, [this] { return wall_now(); }),
      device_events_(std::make_unique<DeviceEventCollector>(events_)),
      tracker_messages_(std::make_unique<TrackerMessages>()),
      tracker_observers_(std::make_unique<Dot11ObserverList>(
          std::initializer_list<track::dot11::Dot11TrackerObserver*>{device_events_.get(), tracker_messages_.get()})),
      alerts_(config_.alerts, alert_clock(config_)),
      alert_rules_(alerts_, {.packet_time = config_.alert_packet_time,
                             .describe_device = [this](const MacAddress& mac) { return describe_device(mac); }}),
      sources_("kismetcore-" + std::string(library_version())) {
    dot11_.set_observer(tracker_observers_.get());
    messages_.add_listener([this](const bus::Message& message) {
        if (!events_.has_subscribers(bus::Topic::message)) return;
        bus::Event event(bus::Topic::message);
        event.add(bus::EventValue::snapshot(bus::topic_name(bus::Topic::message), bus::message_schema(), message));
        events_.publish(event);
    });
    // Kismet posts every alert as an ALERT message "HEADER text" and publishes the record as an ALERT event.
    alerts_.add_observer([this](const alert::AlertRecord& alert) {
        const track::WallTime time{static_cast<std::uint64_t>(alert.time.sec < 0 ? 0 : alert.time.sec),
                                   alert.time.usec};
        messages_.post(bus::Message{alert.header + " " + alert.text, bus::message_flag::kAlert, time});
        if (!events_.has_subscribers(bus::Topic::alert)) return;
        bus::Event event(bus::Topic::alert);
        event.add(bus::EventValue::snapshot(bus::topic_name(bus::Topic::alert), alert::alert_record_schema(), alert));
        events_.publish(event);
    });
    for (const auto& error : alert_rules_.errors()) warnings_.push_back("alert configuration: " + error);
    for (const auto& [header, text] : config_.alerts.load_alerts)
        alerts_.raise_one_shot(header, "SYSTEM", alert::severity::kCritical, text);
}

Engine::Engine() : Engine(EngineConfig{}) {}

Engine::~Engine() {
    dot11_.set_observer(nullptr);
}

std::uint64_t Engine::now() const {
    return config_.clock ? config_.clock() : system_seconds();
}

track::WallTime Engine::wall_now() const {
    if (config_.wall_clock) return config_.wall_clock();
    if (config_.clock) return {config_.clock(), 0};
    return system_wall_time();
}

EngineStats Engine::stats() const noexcept {
    return {stats_.packets.get(), stats_.dissect_errors.get(), stats_.duplicates.get(), stats_.expired_devices.get()};
}

void Engine::dissect(const capture::Packet& packet, dissect::DissectedPacket& out) {
    stats_.packets.add();
    if (dissect::dissect_packet(packet, out).status != dissect::DissectStatus::ok) stats_.dissect_errors.add();
}

void Engine::count_for_source(const capture::Packet& packet, bool damaged, std::uint64_t second) {
    // Kismet adds every packet to its source's RRDs at its own clock's second; adding a second's packets as one
    // sample fills the same per-second bucket, and takes the registry's lock once a second instead of per packet.
    if (packet.source != source_batch_.source || second != source_batch_.second) {
        flush_source_batch();
        source_batch_.source = packet.source;
        source_batch_.second = second;
    }
    ++source_batch_.packets;
    source_batch_.bytes += packet.captured_length();
    if (damaged) ++source_batch_.errors;
}

void Engine::flush_source_batch() {
    if (source_batch_.packets != 0)
        sources_.count(source_batch_.source, source_batch_.packets, source_batch_.bytes, source_batch_.errors,
                       source_batch_.second);
    source_batch_ = SourceBatch{};
}

std::optional<capture::SourceId> Engine::add_source(std::string_view definition, std::string& error) {
    const auto parsed = parse_datasource_definition(definition, error);
    if (!parsed) return std::nullopt;
    return register_source(*parsed, error);
}

std::optional<capture::SourceId> Engine::register_source(const DatasourceDefinition& definition, std::string& error) {
    const auto added = sources_.add_file_source(definition, error);
    if (!added) return std::nullopt;
    if (added->added) announce_source(added->id);
    return added->id;
}

void Engine::announce_source(capture::SourceId source) {
    auto record = sources_.find(source);
    if (!record) return;
    tracker_.name_source(source, record->uuid, &sources_);
    if (!events_.has_subscribers(bus::Topic::new_datasource)) return;
    bus::Event event(bus::Topic::new_datasource);
    event.add(bus::EventValue::snapshot(bus::topic_name(bus::Topic::new_datasource), datasource_schema(),
                                        std::move(*record)));
    events_.publish(event);
}

void Engine::publish_datasource_error(capture::SourceId source) {
    if (!events_.has_subscribers(bus::Topic::datasource_error)) return;
    const auto record = sources_.find(source);
    if (!record) return;
    bus::Event event(bus::Topic::datasource_error);
    event.add(bus::EventValue::text(bus::topic_name(bus::Topic::datasource_error), uuid_text(record->uuid)));
    events_.publish(event);
}

void Engine::track(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                   const std::array<track::Device*, 4>* known) {
    if (packet_observer_) packet_observer_(packet, dissected);
    // One clock reading a packet, for its source's counts and for the tracker.
    const std::uint64_t clock = now();
    // Kismet counts a packet as an error packet of its source when its FCS is bad, not when it is malformed.
    if (packet.source != 0) count_for_source(packet, dissected.radio.bad_fcs, clock);
    if (packet.ts_sec > 0) last_packet_time_ = static_cast<std::uint64_t>(packet.ts_sec);
    if (!dissected.has_dot11) return;
    // One pass over the frame's bytes for the duplicate filter, the tracker and the rules.
    const dissect::FrameDigests digests = dissect::digest_frame(dissected);
    if (duplicates_.seen_recently(digests)) {
        stats_.duplicates.add();
        dot11_.handle_duplicate(packet, dissected, digests, clock, gps_ ? &*gps_ : nullptr, known);
        return;
    }
    tracker_messages_->begin(dissected);
    dot11_.handle(packet, dissected, digests, clock, gps_ ? &*gps_ : nullptr, known);
    // Kismet's tracker posts its messages while it handles the packet, before the packet's later alerts.
    tracker_messages_->post(messages_);
    alert_rules_.inspect(packet, dissected, digests);
    device_events_->publish(tracker_);
}

namespace {

// The addresses that may name devices: every unicast address of the 802.11 header, each once (most frames name a
// device twice: a beacon's transmitter is its BSSID), with its place in the header.
template <typename Visit>
void for_each_device_address(const dissect::DissectedPacket& dissected, Visit visit) {
    if (!dissected.has_dot11) return;
    const auto& frame = dissected.dot11.frame;
    std::array<const MacAddress*, 4> visited{};
    std::size_t visited_count = 0;
    std::size_t index = 0;
    for (const auto* address : {&frame.address1, &frame.address2, &frame.address3, &frame.address4}) {
        if (*address && !(*address)->is_multicast() && !(*address)->is_zero() &&
            std::none_of(visited.begin(), visited.begin() + static_cast<std::ptrdiff_t>(visited_count),
                         [address](const MacAddress* earlier) { return *earlier == **address; })) {
            visited[visited_count++] = &**address;
            visit(index, **address);
        }
        ++index;
    }
}

}  // namespace

void Engine::prefetch_slots(PendingPacket& pending) const noexcept {
    pending.lookups = {};
    // Each device is fetched once; repeats are dropped before their key is hashed.
    for_each_device_address(pending.dissected, [this, &pending](std::size_t index, const MacAddress& mac) {
        pending.lookups[index] = tracker_.start_lookup(DeviceKey(kDot11PhyHash, mac));
    });
}

void Engine::prefetch_records(PendingPacket& pending) noexcept {
    for (std::size_t index = 0; index < pending.lookups.size(); ++index)
        pending.devices[index] = tracker_.finish_lookup(pending.lookups[index]);
}

void Engine::prefetch_sub_records(const PendingPacket& pending) noexcept {
    for (const track::Device* device : pending.devices) {
        if (device == nullptr) continue;
        track::dot11::Dot11Tracker::prefetch_sub_records(*device);
    }
}

void Engine::prefetch_dependent_records(const PendingPacket& pending) noexcept {
    for (const track::Device* device : pending.devices) {
        if (device == nullptr) continue;
        track::dot11::Dot11Tracker::prefetch_dependent_records(*device, pending.dissected);
    }
}

void Engine::feed(const capture::Packet& packet) {
    dissect(packet, dissected_);
    track(packet, dissected_);
}

Engine::FileResult Engine::feed_file(const std::filesystem::path& path, capture::SourceId source) {
    FileResult result;
    std::string error;
    if (source == 0) {
        // The whole path is the interface, even when it holds a ':' (which would start options in a definition).
        DatasourceDefinition definition;
        definition.text = path.string();
        definition.interface = path.string();
        source = register_source(definition, error).value_or(0);
    }
    const auto record = sources_.find(source);
    auto reader = capture::CaptureFileReader::open(path, source, error);
    if (!reader) {
        result.error = error;
        // A source that cannot open is a source error; Kismet raises none for a file damaged part way, which
        // ends like any other (kismet-samples pmkid-not-recognized).
        sources_.fail(source, error);
        publish_datasource_error(source);
        alerts_.raise("SOURCEERROR", {}, "Data source " + path.string() + " failed: " + error);
        return result;
    }
    sources_.set_link_type(source, reader->link_type());
    if (record)
        messages_.post(bus::Message{"Data source '" + record->definition + "' launched successfully",
                                    bus::message_flag::kInfo, wall_now()});
    // Packets are read and dissected in batches, up to kPipelineStages - 1 batches ahead of tracking. A packet's
    // index slots are prefetched when it is read, its device records a round later, their sub-records two rounds
    // later and what those point to three, so by the time the tracker reaches it what it updates is usually in
    // cache instead of costing a miss per record (engine.h, kBatch). Devices are only removed by expire(),
    // never during feed_file, so the record pointers found on the way stay valid; they are hints for prefetching
    // only, and tracking still looks every device up and sees every packet once, in file order.
    auto batches = std::make_unique<std::array<PendingBatch, kPipelineStages>>();
    std::size_t read_count = 0;
    bool reading = true;
    // Batch n is read in round n, its records are looked up in round n + 1, ... and it is tracked in round n + 4.
    for (std::size_t round = 0;; ++round) {
        PendingBatch& fresh = (*batches)[round % kPipelineStages];
        fresh.count = 0;
        while (reading && fresh.count < kBatch) {
            PendingPacket& next = fresh.packets[fresh.count];
            const auto read = reader->next(next.packet);
            if (read != capture::ReadResult::packet) {
                if (read == capture::ReadResult::error) result.error = reader->error();
                reading = false;
                break;
            }
            dissect(next.packet, next.dissected);
            prefetch_slots(next);
            alert_rules_.prefetch(next.dissected);  // the rules' table slots, likewise a few batches early
            ++fresh.count;
        }
        read_count += fresh.count;
        const auto stage = [&](std::size_t lag) -> PendingBatch* {
            return round >= lag ? &(*batches)[(round - lag) % kPipelineStages] : nullptr;
        };
        if (PendingBatch* batch = stage(1))
            for (std::size_t i = 0; i < batch->count; ++i) prefetch_records(batch->packets[i]);
        if (PendingBatch* batch = stage(2))
            for (std::size_t i = 0; i < batch->count; ++i) prefetch_sub_records(batch->packets[i]);
        if (PendingBatch* batch = stage(3))
            for (std::size_t i = 0; i < batch->count; ++i) prefetch_dependent_records(batch->packets[i]);
        if (PendingBatch* batch = stage(kPipelineStages - 1)) {
            for (std::size_t i = 0; i < batch->count; ++i)
                track(batch->packets[i].packet, batch->packets[i].dissected, &batch->packets[i].devices);
            batch->count = 0;
        }
        // Done once nothing is left to read and every batch in flight has been tracked.
        if (!reading &&
            std::all_of(batches->begin(), batches->end(), [](const PendingBatch& batch) { return batch.count == 0; }))
            break;
    }
    flush_source_batch();
    if (record)
        messages_.post(bus::Message{"Pcapfile '" + record->interface + "' closed: " +
                                        (result.error.empty() ? std::string("end of pcapfile reached") : result.error),
                                    bus::message_flag::kInfo, wall_now()});
    result.packets = read_count;
    return result;
}

void Engine::tick(track::WallTime now) {
    flush_source_batch();
    const PacketCounts counts{stats_.packets.get(), stats_.dissect_errors.get(), stats_.duplicates.get(),
                              stats_.packets.get()};
    packet_chain_.add_second(counts, counts_at_last_tick_, now.sec);
    counts_at_last_tick_ = counts;
    // The rules' clock: the packets' when alerts go by packet time, the host's otherwise.
    alert_rules_.tick(config_.alert_packet_time ? alert::AlertTime{static_cast<std::int64_t>(last_packet_time_), 0}
                                                : alert::AlertTime{static_cast<std::int64_t>(now.sec), now.usec});
    publish_tick_events(now);
}

void Engine::publish_tick_events(track::WallTime now) {
    // Kismet's order within a second: PACKETCHAIN_STATS, TIMESTAMP, then GPS_LOCATION.
    if (events_.has_subscribers(bus::Topic::packetchain_stats)) {
        packet_chain_.fast_forward(now.sec);
        bus::Event event(bus::Topic::packetchain_stats);
        event.add(bus::EventValue::snapshot(bus::topic_name(bus::Topic::packetchain_stats), packet_chain_stats_schema(),
                                            packet_chain_));
        events_.publish(event);
    }
    if (events_.has_subscribers(bus::Topic::timestamp)) {
        bus::Event event(bus::Topic::timestamp);
        event.add(bus::EventValue::snapshot(bus::topic_name(bus::Topic::timestamp), bus::timestamp_record_schema(),
                                            bus::TimestampRecord{now.sec, now.usec}));
        events_.publish(event);
    }
    if (events_.has_subscribers(bus::Topic::gps_location)) {
        bus::Event event(bus::Topic::gps_location);
        bus::GpsLocationRecord location{location_of(gps_, now), {}};
        if (location.location.has(track::LocationPoint::kFix)) location.gps_uuid = gps_uuid_;
        event.add(bus::EventValue::snapshot(bus::topic_name(bus::Topic::gps_location),
                                            bus::gps_location_record_schema(), std::move(location)));
        events_.publish(event);
    }
}

void Engine::set_gps_fix(std::optional<track::GpsFix> fix, std::string gps_uuid) {
    gps_ = fix;
    gps_uuid_ = std::move(gps_uuid);
    alerts_.set_gps_fix(fix);
}

alert::Dot11AlertRulesOptions::DeviceDescription Engine::describe_device(const MacAddress& mac) const {
    const auto device = tracker_.find(DeviceKey(kDot11PhyHash, mac));
    if (!device) return {};
    std::lock_guard lock(device->mutex);  // neither field is ever pending (find() settled the device anyway)
    return {device->commonname(), device->channel};
}

std::size_t Engine::expire() {
    const std::size_t removed = tracker_.expire(last_packet_time_);
    stats_.expired_devices.add(removed);
    return removed;
}

std::shared_ptr<const track::Device> Engine::device(const DeviceKey& key) const {
    return tracker_.find(key);
}

DeviceList Engine::devices_by_mac(const MacAddress& mac) const {
    DeviceList found;
    if (auto device = tracker_.find(DeviceKey(kDot11PhyHash, mac))) found.push_back(std::move(device));
    return found;
}

DeviceList Engine::devices_by_phy(std::string_view phy_name) const {
    DeviceList found;
    for (auto& device : tracker_.all())
        if (device->phyname == phy_name) found.push_back(std::move(device));
    return found;
}

DeviceList Engine::devices_since(std::int64_t timestamp) const {
    std::uint64_t threshold = 0;
    if (timestamp < 0) {
        const std::uint64_t back = static_cast<std::uint64_t>(-timestamp);
        const std::uint64_t clock = now();
        threshold = clock > back ? clock - back : 0;
    } else {
        threshold = static_cast<std::uint64_t>(timestamp);
    }
    DeviceList found;
    for (auto& device : tracker_.all()) {
        std::lock_guard lock(device->mutex);  // last_time is never pending, and all() settled the devices
        if (device->last_time >= threshold) found.push_back(device);
    }
    return found;
}

}  // namespace kismetcore
