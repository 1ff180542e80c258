// What Kismet's kismetdb logger writes, taken from the engine's buses and records.
#include "kismetcore/log/kismetdb_log.h"

#include <mutex>

#include <pwd.h>
#include <unistd.h>

#include "fields/json_text.h"
#include "kismetcore/common/uuid.h"
#include "kismetcore/common/version.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::log {
namespace {

std::string effective_user() {
    // getpwuid_r: the log may be opened from any thread.
    passwd entry{};
    passwd* found = nullptr;
    std::array<char, 4096> buffer{};
    if (getpwuid_r(geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr)
        return found->pw_name;
    return std::to_string(geteuid());
}

void append_text_field(std::string& json, std::string_view name, std::string_view value) {
    if (json.size() > 1) json += ',';
    json += '"';
    json += name;
    json += "\": \"";
    fields::json_text::append_escaped(json, value);
    json += '"';
}

void append_number_field(std::string& json, std::string_view name, std::uint64_t value) {
    if (json.size() > 1) json += ',';
    json += '"';
    json += name;
    json += "\": ";
    fields::json_text::append_unsigned(json, value);
}

}  // namespace

// Alerts reach the log through an observer the alert engine keeps for good; the log detaches it on close.
struct KismetdbLog::AlertSink {
    std::mutex mutex;
    KismetdbWriter* writer = nullptr;
};

KismetdbLog::KismetdbLog(Engine& engine, std::unique_ptr<KismetdbWriter> writer, KismetdbLogOptions options)
    : engine_(engine), writer_(std::move(writer)), options_(std::move(options)) {
    write_system_snapshot();
    write_datasources();
    engine_.set_packet_observer([this](const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                                       bool duplicate) { log_packet(packet, dissected, duplicate); });
    if (options_.log_alerts) {
        alert_sink_ = std::make_shared<AlertSink>();
        alert_sink_->writer = writer_.get();
        engine_.alerts().add_observer([sink = alert_sink_](const alert::AlertRecord& alert) {
            std::lock_guard lock(sink->mutex);
            if (sink->writer != nullptr) sink->writer->write(alert_row(alert));
        });
    }
    if (options_.log_messages)
        message_listener_ = engine_.messages().add_listener([this](const bus::Message& message) {
            // Messages carry no fix of their own; the log has none to give them outside the ingest thread.
            writer_->write(message_row(message, std::nullopt));
        });
}

KismetdbLog::~KismetdbLog() {
    close();
}

void KismetdbLog::write_system_snapshot() {
    const track::WallTime now = engine_.wall_now();
    std::string json = "{";
    append_text_field(json, "kismet.system.version", library_version());
    append_text_field(json, "kismet.system.git", library_version());
    append_text_field(json, "kismet.system.server_uuid", uuid_text(engine_.tracker().config().server_uuid));
    append_text_field(json, "kismet.system.server_name", options_.server_name);
    append_text_field(json, "kismet.system.server_description", options_.server_description);
    append_text_field(json, "kismet.system.server_location", options_.server_location);
    append_text_field(json, "kismet.system.user", effective_user());
    append_number_field(json, "kismet.system.timestamp.sec", now.sec);
    append_number_field(json, "kismet.system.timestamp.usec", now.usec);
    append_number_field(json, "kismet.system.devices.count", engine_.tracker().size());
    json += '}';
    SnapshotRow row;
    row.ts_sec = static_cast<std::int64_t>(now.sec);
    row.ts_usec = now.usec;
    row.snaptype = "SYSTEM";
    row.json = std::move(json);
    writer_->write(std::move(row));
}

const Uuid& KismetdbLog::source_uuid(capture::SourceId source) {
    auto found = source_uuids_.find(source);
    if (found != source_uuids_.end()) return found->second;
    const auto record = engine_.datasource(source);
    return source_uuids_.emplace(source, record ? record->uuid : Uuid{}).first->second;
}

void KismetdbLog::log_packet(const capture::Packet& packet, const dissect::DissectedPacket& dissected, bool duplicate) {
    if (closed_ || !options_.log_packets || (duplicate && !options_.log_duplicate_packets)) return;
    if (!options_.log_data_packets && dissected.has_dot11 && dissected.dot11.frame.type == dissect::dot11::kTypeData)
        return;
    writer_->write(packet_row(packet, dissected, source_uuid(packet.source), ++packets_logged_, std::nullopt));
}

std::size_t KismetdbLog::write_devices() {
    if (closed_ || !options_.log_devices) return 0;
    const std::uint64_t now = engine_.now();
    std::size_t written = 0;
    for (const auto& device : engine_.all_devices()) {
        track::DeviceReadLock lock(*device);
        // mod_time is the engine clock's second: a device changed in the second of the last write is written again.
        if (devices_written_at_ && device->mod_time < *devices_written_at_) continue;
        writer_->write(device_row(*device));
        ++written;
    }
    devices_written_at_ = now;
    return written;
}

void KismetdbLog::write_datasources() {
    if (closed_) return;
    for (const Datasource& source : engine_.datasources()) writer_->write(datasource_row(source));
}

bool KismetdbLog::close(std::string* error) {
    if (closed_) return true;
    write_devices();
    write_datasources();
    closed_ = true;
    engine_.set_packet_observer({});
    if (message_listener_) engine_.messages().remove_listener(*message_listener_);
    message_listener_.reset();
    if (alert_sink_) {
        std::lock_guard lock(alert_sink_->mutex);
        alert_sink_->writer = nullptr;
    }
    return writer_->close(error);
}

}  // namespace kismetcore::log
