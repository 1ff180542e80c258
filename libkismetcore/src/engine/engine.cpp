// The engine wires dissection to the tracker and answers device queries.
#include "kismetcore/engine/engine.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <random>

#include <time.h>

#include "device_event_collector.h"
#include "dot11_observer_list.h"
#include "kismetcore/alert/alert_record.h"
#include "kismetcore/bus/message.h"
#include "kismetcore/bus/system_records.h"
#include "kismetcore/common/uuid.h"
#include "kismetcore/common/version.h"
#include "kismetcore/engine/datasource_definition.h"
#include "kismetcore/track/common_record_schemas.h"
#include "kismetcore/track/device_schema.h"
#include "packet_ssid_tag.h"
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

std::span<const fields::RecordSchema* const> Engine::field_catalog_roots() noexcept {
    // Devices first, so device field ids stay those Kismet's registry gives them.
    static const std::array<const fields::RecordSchema*, 9> roots{&track::device_schema(),
                                                                  &bus::message_schema(),
                                                                  &bus::timestamp_record_schema(),
                                                                  &bus::battery_record_schema(),
                                                                  &packet_chain_stats_schema(),
                                                                  &track::location_point_schema(),
                                                                  &alert::alert_record_schema(),
                                                                  &bus::gps_location_record_schema(),
                                                                  &datasource_schema()};
    return roots;
}

Engine::Engine(EngineConfig config)
    : config_(with_server_uuid(std::move(config))),
      manufacturers_(load_manufacturers(config_, warnings_)),
      tracker_(config_.tracker),
      dot11_(tracker_, config_.dot11, [this](const MacAddress& mac) { return manufacturers_.device_manuf(mac); }),
      catalog_(field_catalog_roots()),
      events_(catalog_),
      messages_(config_.message_backlog, [this] { return wall_now(); }),
      device_events_(std::make_unique<DeviceEventCollector>(events_)),
      tracker_messages_(std::make_unique<TrackerMessages>()),
      packet_ssid_tag_(std::make_unique<PacketSsidTag>()),
      tracker_observers_(std::make_unique<Dot11ObserverList>(std::initializer_list<track::dot11::Dot11TrackerObserver*>{
          device_events_.get(), tracker_messages_.get(), packet_ssid_tag_.get()})),
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
        bus::GpsLocationRecord location = gps_location(now);
        event.add(bus::EventValue::snapshot(bus::topic_name(bus::Topic::gps_location),
                                            bus::gps_location_record_schema(), std::move(location)));
        events_.publish(event);
    }
}

bus::GpsLocationRecord Engine::gps_location(track::WallTime now) const {
    bus::GpsLocationRecord location{location_of(gps_, now), {}};
    if (location.location.has(track::LocationPoint::kFix)) location.gps_uuid = gps_uuid_;
    return location;
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
