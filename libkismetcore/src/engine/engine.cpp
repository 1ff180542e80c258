// The engine wires dissection to the tracker and answers device queries.
#include "kismetcore/engine/engine.h"

#include <algorithm>
#include <chrono>
#include <random>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/track/device_schema.h"

namespace kismetcore {
namespace {

std::uint64_t system_seconds() {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count());
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
      catalog_({&track::device_schema()}),
      alerts_(config_.alerts, alert_clock(config_)),
      alert_rules_(alerts_, {.packet_time = config_.alert_packet_time}) {
    for (const auto& error : alert_rules_.errors()) warnings_.push_back("alert configuration: " + error);
    for (const auto& [header, text] : config_.alerts.load_alerts)
        alerts_.raise_one_shot(header, "SYSTEM", alert::severity::kCritical, text);
}

Engine::Engine() : Engine(EngineConfig{}) {}

Engine::~Engine() = default;

std::uint64_t Engine::now() const {
    return config_.clock ? config_.clock() : system_seconds();
}

void Engine::feed(const capture::Packet& packet) {
    ++stats_.packets;
    if (packet.ts_sec > 0) last_packet_time_ = static_cast<std::uint64_t>(packet.ts_sec);
    if (dissect::dissect_packet(packet, dissected_).status != dissect::DissectStatus::ok) ++stats_.dissect_errors;
    if (!dissected_.has_dot11) return;
    if (duplicates_.seen_recently(dissected_.payload.bytes)) {
        ++stats_.duplicates;
        return;
    }
    dot11_.handle(packet, dissected_, now());
    alert_rules_.inspect(packet, dissected_);
}

Engine::FileResult Engine::feed_file(const std::filesystem::path& path, capture::SourceId source) {
    FileResult result;
    std::string error;
    auto reader = capture::CaptureFileReader::open(path, source, error);
    if (!reader) {
        result.error = error;
        // A source that cannot open is a source error; Kismet raises none for a file damaged part way, which
        // ends like any other (kismet-samples pmkid-not-recognized).
        alerts_.raise("SOURCEERROR", {}, "Data source " + path.string() + " failed: " + error);
        return result;
    }
    capture::Packet packet;
    for (;;) {
        const auto read = reader->next(packet);
        if (read == capture::ReadResult::packet) {
            feed(packet);
            ++result.packets;
            continue;
        }
        if (read == capture::ReadResult::error) result.error = reader->error();
        break;
    }
    return result;
}

std::size_t Engine::expire() {
    const std::size_t removed = tracker_.expire(last_packet_time_);
    stats_.expired_devices += removed;
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
        std::lock_guard lock(device->mutex);
        if (device->last_time >= threshold) found.push_back(device);
    }
    return found;
}

}  // namespace kismetcore
