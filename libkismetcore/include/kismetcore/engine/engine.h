// The composition root: one Engine owns the tracker and its phy handlers and answers device queries.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/alert/alert_engine.h"
#include "kismetcore/alert/dot11_alert_rules.h"
#include "kismetcore/capture/packet.h"
#include "kismetcore/common/device_key.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "kismetcore/engine/device_query.h"
#include "kismetcore/fields/field_catalog.h"
#include "kismetcore/track/device.h"
#include "kismetcore/track/device_tracker.h"
#include "kismetcore/track/dot11/dot11_tracker.h"
#include "kismetcore/track/duplicate_filter.h"
#include "kismetcore/track/manufacturer_db.h"
#include "kismetcore/track/tracker_config.h"

namespace kismetcore {

struct EngineConfig {
    track::TrackerConfig tracker;
    track::dot11::Dot11TrackerOptions dot11;
    // Where the IEEE registries are (manuf_lookup); a missing registry leaves every manufacturer "Unknown" and
    // is reported by Engine::warnings().
    std::filesystem::path ieee_data_dir = track::ManufacturerDb::default_directory();
    // The host clock in seconds (mod_time, relative time queries); the system clock when empty.
    std::function<std::uint64_t()> clock;
    // alert= rates, alertbacklog and the rule options (kismet_alerts.conf). Alerts are stamped and throttled by
    // the clock above (whole seconds when it is set, the system clock's microseconds otherwise), as Kismet does,
    // or by the packets' capture time when alert_packet_time is set (file replays).
    alert::AlertConfig alerts;
    bool alert_packet_time = false;
};

struct EngineStats {
    std::uint64_t packets = 0;
    std::uint64_t dissect_errors = 0;  // packets whose dissection stopped early (still tracked when possible)
    std::uint64_t duplicates = 0;      // frames identical to one of the previous 1024, not tracked again
    std::uint64_t expired_devices = 0;
};

using DeviceList = std::vector<std::shared_ptr<const track::Device>>;

// Threading: one ingest thread calls feed()/feed_file()/expire(); any thread may call the const queries while
// it does (see docs/track-concurrency.md). The engine starts no threads.
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
    // Feeds every packet of a pcap or pcapng file, in order; a damaged file feeds every good packet first.
    FileResult feed_file(const std::filesystem::path& path, capture::SourceId source = 0);

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

    [[nodiscard]] const track::DeviceTracker& tracker() const noexcept { return tracker_; }
    [[nodiscard]] const track::ManufacturerDb& manufacturers() const noexcept { return manufacturers_; }
    // Ingest thread only (or once it has stopped): the counters are plain integers the ingest thread writes.
    [[nodiscard]] EngineStats stats() const noexcept { return stats_; }
    [[nodiscard]] const std::vector<std::string>& warnings() const noexcept { return warnings_; }
    [[nodiscard]] std::uint64_t now() const;

    // The WIDS alerts: definitions, backlog, since-queries, runtime define and raise, observers (the buses).
    [[nodiscard]] alert::AlertEngine& alerts() noexcept { return alerts_; }
    [[nodiscard]] const alert::AlertEngine& alerts() const noexcept { return alerts_; }
    [[nodiscard]] const alert::Dot11AlertRules& alert_rules() const noexcept { return alert_rules_; }

private:
    EngineConfig config_;
    track::ManufacturerDb manufacturers_;
    track::DeviceTracker tracker_;
    track::dot11::Dot11Tracker dot11_;
    dissect::DissectedPacket dissected_;
    track::DuplicateFilter duplicates_;
    EngineStats stats_;
    std::uint64_t last_packet_time_ = 0;
    std::vector<std::string> warnings_;
    fields::FieldCatalog catalog_;
    alert::AlertEngine alerts_;
    alert::Dot11AlertRules alert_rules_;
};

}  // namespace kismetcore
