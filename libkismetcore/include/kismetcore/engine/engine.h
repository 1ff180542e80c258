// The composition root: one Engine owns the tracker and its phy handlers and answers device queries.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/alert/alert_engine.h"
#include "kismetcore/alert/dot11_alert_rules.h"
#include "kismetcore/bus/event_bus.h"
#include "kismetcore/bus/message_bus.h"
#include "kismetcore/bus/system_records.h"
#include "kismetcore/capture/packet.h"
#include "kismetcore/common/device_key.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/frame_digests.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "kismetcore/engine/datasource_registry.h"
#include "kismetcore/engine/device_query.h"
#include "kismetcore/engine/packet_chain_stats.h"
#include "kismetcore/fields/field_catalog.h"
#include "kismetcore/track/datasource_record.h"
#include "kismetcore/track/device.h"
#include "kismetcore/track/device_tracker.h"
#include "kismetcore/track/dot11/dot11_tracker.h"
#include "kismetcore/track/duplicate_filter.h"
#include "kismetcore/track/location_record.h"
#include "kismetcore/track/manufacturer_db.h"
#include "kismetcore/track/tracker_config.h"

namespace kismetcore {

namespace capture {
class CaptureFileReader;
}

struct EngineConfig {
    track::TrackerConfig tracker;
    track::dot11::Dot11TrackerOptions dot11;
    // Where the IEEE registries are (manuf_lookup); a missing registry leaves every manufacturer "Unknown" and
    // is reported by Engine::warnings().
    std::filesystem::path ieee_data_dir = track::ManufacturerDb::default_directory();
    // The host clock in seconds (mod_time, relative time queries); the system clock when empty.
    std::function<std::uint64_t()> clock;
    // The host clock with microseconds (message times); when empty, `clock` with zero microseconds if it is set,
    // else the system clock.
    std::function<track::WallTime()> wall_clock;
    // How many messages the message bus keeps (Kismet's REST client keeps 50).
    std::size_t message_backlog = bus::kDefaultMessageBacklog;
    // alert= rates, alertbacklog and the rule options (kismet_alerts.conf). Alerts are stamped and throttled by
    // the clock above (whole seconds when it is set, the system clock's microseconds otherwise), as Kismet does,
    // or by the packets' capture time when alert_packet_time is set (file replays).
    alert::AlertConfig alerts;
    bool alert_packet_time = false;
    // feed_file reads, dissects and digests packets on a second thread while the calling thread tracks them, in
    // file order and with the same results (docs/engine.md, "The read-ahead thread"): about a fifth faster where a
    // second core is free. Off by default: the engine is embedded on single-core sensors, where the thread would
    // only compete with tracking, and by default it starts no threads of its own. feed() is unaffected.
    bool read_ahead_thread = false;
};

struct EngineStats {
    std::uint64_t packets = 0;
    std::uint64_t dissect_errors = 0;  // packets whose dissection stopped early (still tracked when possible)
    std::uint64_t duplicates = 0;      // frames identical to one of the last 1024 kept (track/duplicate_filter.h)
    std::uint64_t expired_devices = 0;
};

using DeviceList = std::vector<std::shared_ptr<const track::Device>>;

// Threading: one ingest thread calls feed()/feed_file()/expire(); any thread may call the const queries while
// it does (see docs/track-concurrency.md). The engine starts no threads, unless EngineConfig::read_ahead_thread
// asks feed_file for one: it reads and dissects the file and never outlives the call.
class DeviceEventCollector;
class TrackerMessages;
class PacketSsidTag;
class Dot11ObserverList;

class Engine {
public:
    Engine();
    explicit Engine(EngineConfig config);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Dissects and tracks one packet.
    void feed(const capture::Packet& packet);

    struct FileResult {
        std::uint64_t packets = 0;
        std::string error;  // empty when the whole file was read
    };
    // Feeds every packet of a pcap or pcapng file, in order; a damaged file feeds every good packet first. The
    // packets count for `source`; 0 adds (or reuses) the file's own source, whose definition is the path. With
    // EngineConfig::read_ahead_thread, a second thread reads and dissects while this one tracks; an exception on
    // either thread stops both and is rethrown here.
    FileResult feed_file(const std::filesystem::path& path, capture::SourceId source = 0);

    // What the engine knows of a packet beside its bytes and dissection, as the packet observer sees it.
    struct PacketNotes {
        bool duplicate = false;  // the duplicate filter found it a copy of a recent frame
        // Numbers the packets from 1 in tracking order; a duplicate carries its original's id (Kismet's packetid).
        std::uint64_t packet_id = 0;
        const track::GpsFix* gps = nullptr;  // the host's fix as the packet is tracked, null without one
        std::uint64_t clock = 0;             // the engine clock's second as the packet is tracked
        // What tracking the packet found, for Kismet's log tags: DOT11_BEACON_SSID or DOT11_RESPONSE_SSID when
        // the frame made an SSID record (else empty), and the headers of the alerts it raised.
        std::string_view ssid_tag;
        std::span<const std::string_view> alerts;
    };
    // Ingest thread: sees every packet feed() and feed_file() take, dissected, once it is tracked (and its alerts
    // raised), in the order they are tracked, with its notes (the kismetdb log takes its packets here). One
    // observer at a time; an empty function removes it.
    using PacketObserver =
        std::function<void(const capture::Packet&, const dissect::DissectedPacket&, const PacketNotes&)>;
    void set_packet_observer(PacketObserver observer) { packet_observer_ = std::move(observer); }

    // Capture sources (Kismet's datasources). Adds a file source from a Kismet source definition
    // ("path:name=foo,uuid=..."), publishes it as NEW_DATASOURCE, and returns the id its packets carry in
    // capture::Packet::source; a definition naming an existing source's UUID returns that source. nullopt and
    // `error` for a definition Kismet would refuse. Ingest thread.
    std::optional<capture::SourceId> add_source(std::string_view definition, std::string& error);
    // Copies of the source records (any thread). Packet counts and RRDs are added once a second (at the first
    // packet of the next second, at tick() and at the end of feed_file), so they may lag by up to a second.
    [[nodiscard]] std::vector<Datasource> datasources() const { return sources_.all(); }
    [[nodiscard]] std::optional<Datasource> datasource(capture::SourceId id) const { return sources_.find(id); }

    // Applies the idle timeout and the device limit (packet time of the last packet fed).
    std::size_t expire();

    // Queries (any thread). Lock a device's mutex while reading it, or use track::DeviceTracker::for_each.
    [[nodiscard]] std::shared_ptr<const track::Device> device(const DeviceKey& key) const;
    [[nodiscard]] DeviceList devices_by_mac(const MacAddress& mac) const;
    [[nodiscard]] DeviceList devices_by_phy(std::string_view phy_name) const;
    // Devices whose last_time is at or after `timestamp`; a negative value means that many seconds before
    // the engine's clock, as Kismet's /devices/last-time/ endpoints read it.
    [[nodiscard]] DeviceList devices_since(std::int64_t timestamp) const;
    [[nodiscard]] DeviceList all_devices() const { return tracker_.all(); }
    // Kismet's device summary: filter by time, phy and regex, simplify by the field spec, serialize.
    [[nodiscard]] DeviceQueryResult query_devices(const DeviceQuery& query) const;
    // Every field name the device records know (Kismet's field registry), for specs and tracked_fields.
    [[nodiscard]] const fields::FieldCatalog& field_catalog() const noexcept { return catalog_; }
    // The root schemas field_catalog() is built from, devices first: a program that simplifies records without an
    // engine (kismetdb to-json) builds the same catalog from them, so its names resolve as kismetd resolves them.
    [[nodiscard]] static std::span<const fields::RecordSchema* const> field_catalog_roots() noexcept;

    [[nodiscard]] const track::DeviceTracker& tracker() const noexcept { return tracker_; }
    [[nodiscard]] const track::ManufacturerDb& manufacturers() const noexcept { return manufacturers_; }
    // Any thread: each counter is read atomically (the counters are not one snapshot taken together).
    [[nodiscard]] EngineStats stats() const noexcept;
    [[nodiscard]] const std::vector<std::string>& warnings() const noexcept { return warnings_; }
    [[nodiscard]] std::uint64_t now() const;
    [[nodiscard]] track::WallTime wall_now() const;

    // The message bus (any thread may post); each message is also published on the event bus as MESSAGE.
    [[nodiscard]] bus::MessageBus& messages() noexcept { return messages_; }
    // The event bus: NEW_DEVICE, DOT11_ADVERTISED_SSID, DOT11_RESPONSE_SSID, DOT11_PROBED_SSID and
    // DOT11_WPA_HANDSHAKE come from feed() once each packet is done; MESSAGE from the message bus; ALERT from the
    // alert engine; TIMESTAMP, PACKETCHAIN_STATS and GPS_LOCATION from tick(). The host publishes the rest
    // (datasource topics, BATTERY, KISMETDB_LOG_OPEN) through it. Deliveries run on the publishing thread (see
    // bus/event_bus.h).
    [[nodiscard]] bus::EventBus& events() noexcept { return events_; }

    // Call once a second from the ingest thread (the library starts no timer): turns that second's packet counts
    // into the packet chain RRDs, publishes PACKETCHAIN_STATS, TIMESTAMP and GPS_LOCATION to their subscribers and
    // lets the watchlists report devices gone silent (DEVICELOST, every 30 seconds as Kismet).
    void tick(track::WallTime now);
    void tick() { tick(wall_now()); }
    // Ingest thread: the host's current GPS fix (tagged onto packets, located alerts and published as
    // GPS_LOCATION, with `gps_uuid`, the UUID of the GPS that reported it, as kismet.common.location.gps_uuid);
    // nullopt when it has none.
    void set_gps_fix(std::optional<track::GpsFix> fix, std::string gps_uuid = {});
    // Ingest thread: the host's current fix, as set_gps_fix() gave it.
    [[nodiscard]] const std::optional<track::GpsFix>& gps_fix() const noexcept { return gps_; }
    // Ingest thread: the current fix as GPS_LOCATION carries it, stamped `now` (the geopoint [0, 0] without one).
    [[nodiscard]] bus::GpsLocationRecord gps_location(track::WallTime now) const;
    // Ingest thread only: the packet chain RRDs as of the last tick.
    [[nodiscard]] const PacketChainStats& packet_chain_stats() const noexcept { return packet_chain_; }

    // The WIDS alerts: definitions, backlog, since-queries, runtime define and raise, observers (the buses).
    [[nodiscard]] alert::AlertEngine& alerts() noexcept { return alerts_; }
    [[nodiscard]] const alert::AlertEngine& alerts() const noexcept { return alerts_; }
    [[nodiscard]] const alert::Dot11AlertRules& alert_rules() const noexcept { return alert_rules_; }

private:
    // Relaxed atomics: the ingest thread is the only writer, so an increment is a plain load and store, and
    // readers on other threads see whole values.
    class Counter {
    public:
        void add(std::uint64_t n = 1) noexcept {
            value_.store(value_.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
        }
        [[nodiscard]] std::uint64_t get() const noexcept { return value_.load(std::memory_order_relaxed); }

    private:
        std::atomic<std::uint64_t> value_{0};
    };
    struct Counters {
        Counter packets, dissect_errors, duplicates, expired_devices;
    };

    // feed_file's read-ahead: packets read and dissected, waiting their turn in the tracker.
    struct PendingPacket {
        capture::Packet packet;
        dissect::DissectedPacket dissected;
        // Per address of the 802.11 header: its index lookup, started when the packet was read, and the device it
        // found when the record was prefetched (null for an address that names no device yet).
        std::array<track::DeviceTracker::PendingLookup, 4> lookups{};
        std::array<track::Device*, 4> devices{};
        // Computed by the read-ahead thread (EngineConfig::read_ahead_thread); the single-thread path leaves them to
        // track(), as feed() does.
        dissect::FrameDigests digests;
    };
    // feed_file runs its stages a batch at a time, so each stage's code stays in the instruction cache across the
    // batch (calling every stage for every packet evicted each other's code), and staggers the batches so a
    // stage's prefetches have a whole batch of other work to arrive in: read + dissect + prefetch the index
    // slots, then the device records, their sub-records, what those point to, and last the tracking itself.
    static constexpr std::size_t kBatch = 8;
    static constexpr std::size_t kPipelineStages = 5;
    struct PendingBatch {
        std::array<PendingPacket, kBatch> packets;
        std::size_t count = 0;
    };
    // With the read-ahead thread, the batches between the two threads: the calling thread's kPipelineStages, and
    // room for the reader to run ahead by the rest. The reader, far faster than tracking, fills the ring, sleeps
    // until half of it is free and so is woken once per 32 batches: with 16 batches (a wake per 8) the wake-ups
    // cost the tracking thread all the thread gained (docs/engine.md). 64 batches of about 40 KiB: 2.6 MiB while
    // feed_file runs.
    static constexpr std::size_t kReadAheadBatches = 64;

    // Packets counted for one source in one second of the engine's clock, not yet added to its record.
    struct SourceBatch {
        capture::SourceId source = 0;
        std::uint64_t second = 0;
        std::uint64_t packets = 0;
        std::uint64_t bytes = 0;
        std::uint64_t errors = 0;
    };

    // Dissects into `out` and counts the packet.
    void dissect(const capture::Packet& packet, dissect::DissectedPacket& out);
    // Counts a packet for its source at `second` of the engine's clock.
    void count_for_source(const capture::Packet& packet, bool damaged, std::uint64_t second);
    void flush_source_batch();
    // Adds a parsed definition's file source (or finds the one with its UUID) and announces a new one.
    std::optional<capture::SourceId> register_source(const DatasourceDefinition& definition, std::string& error);
    // A new source: its UUID goes to the tracker's seen-by records and its record out as NEW_DATASOURCE.
    void announce_source(capture::SourceId source);
    void publish_datasource_error(capture::SourceId source);
    // Counts the packet for its source, then de-duplicates and tracks it, in feed order. `known` are the devices
    // the read-ahead found for the header's addresses (feed_file), which spares the tracker looking them up again;
    // `digests` the frame's digests when the read-ahead thread computed them (else track() computes them).
    void track(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
               const std::array<track::Device*, 4>* known = nullptr, const dissect::FrameDigests* digests = nullptr);
    // feed_file's pipeline over an open file, on this thread alone or with the read-ahead thread; the latter
    // returns false, having read nothing, when the thread cannot be started. Both set `result`.
    void feed_pipeline(capture::CaptureFileReader& reader, FileResult& result);
    bool feed_pipeline_read_ahead(capture::CaptureFileReader& reader, FileResult& result);
    // The read-ahead's steps before tracking (engine_ingest.cpp); a null batch has no packets at that step yet.
    void prefetch_on_read(PendingPacket& pending) const noexcept;
    void prefetch_steps(PendingBatch* records, const PendingBatch* sub_records,
                        const PendingBatch* dependent_records) noexcept;
    // Four steps, a few packets apart, that bring what tracking a packet reads into cache before it is
    // tracked: the index slots of its addresses, then the device records, then their sub-records, then what
    // those point to (dense signal RRDs, client maps, SSID records).
    void prefetch_slots(PendingPacket& pending) const noexcept;
    void prefetch_records(PendingPacket& pending) noexcept;
    static void prefetch_sub_records(const PendingPacket& pending) noexcept;
    static void prefetch_dependent_records(const PendingPacket& pending) noexcept;

    void publish_tick_events(track::WallTime now);
    // A device's common name and channel for the watchlist alerts; empty for an unknown device.
    [[nodiscard]] alert::Dot11AlertRulesOptions::DeviceDescription describe_device(const MacAddress& mac) const;

    EngineConfig config_;
    track::ManufacturerDb manufacturers_;
    track::DeviceTracker tracker_;
    track::dot11::Dot11Tracker dot11_;
    PacketObserver packet_observer_;
    dissect::DissectedPacket dissected_;
    track::DuplicateFilter duplicates_;
    Counters stats_;
    std::uint64_t last_packet_time_ = 0;
    std::uint64_t packets_numbered_ = 0;  // the last PacketNotes::packet_id given to a packet that is not a duplicate
    std::vector<std::string> warnings_;
    fields::FieldCatalog catalog_;
    bus::EventBus events_;
    bus::MessageBus messages_;
    std::unique_ptr<DeviceEventCollector> device_events_;
    std::unique_ptr<TrackerMessages> tracker_messages_;
    std::unique_ptr<PacketSsidTag> packet_ssid_tag_;
    std::unique_ptr<Dot11ObserverList> tracker_observers_;
    PacketChainStats packet_chain_;
    PacketCounts counts_at_last_tick_;
    std::optional<track::GpsFix> gps_;
    std::string gps_uuid_;
    alert::AlertEngine alerts_;
    alert::Dot11AlertRules alert_rules_;
    DatasourceRegistry sources_;
    SourceBatch source_batch_;
};

}  // namespace kismetcore
