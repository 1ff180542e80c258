// What Kismet's kismetdb logger writes, taken from the engine's buses and records.
#include "kismetcore/log/kismetdb_log.h"

#include <mutex>
#include <utility>

#include <pwd.h>
#include <unistd.h>

#include "fields/json_text.h"
#include "finished_files.h"
#include "kismetcore/bus/system_records.h"
#include "kismetcore/common/uuid.h"
#include "kismetcore/common/version.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/fields/serializer.h"

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

struct KismetdbLog::RowSink {
    std::mutex mutex;
    KismetdbWriter* writer = nullptr;
    std::optional<track::GpsFix> fix;  // where messages are logged: the host's fix as of the last second
};

KismetdbLog::KismetdbLog(Engine& engine, std::unique_ptr<KismetdbWriter> writer, KismetdbLogOptions options)
    : KismetdbLog(engine, std::move(writer), std::move(options), std::nullopt, {}) {}

KismetdbLog::KismetdbLog(Engine& engine, std::unique_ptr<KismetdbWriter> writer, KismetdbLogOptions options,
                         std::optional<LogNaming> naming, KismetdbWriterOptions writer_options)
    : engine_(engine),
      writer_(std::move(writer)),
      options_(std::move(options)),
      naming_(std::move(naming)),
      writer_options_(std::move(writer_options)),
      sink_(std::make_shared<RowSink>()),
      finished_(std::make_unique<FinishedFiles>()) {
    sink_->writer = writer_.get();
    sink_->fix = engine_.gps_fix();
    paths_.push_back(writer_->path());
    start_file();
    engine_.set_packet_observer([this](const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                                       const Engine::PacketNotes& notes) { log_packet(packet, dissected, notes); });
    if (options_.log_alerts)
        engine_.alerts().add_observer([sink = sink_](const alert::AlertRecord& alert) {
            std::lock_guard lock(sink->mutex);
            if (sink->writer != nullptr) sink->writer->write(alert_row(alert));
        });
    if (options_.log_messages)
        message_listener_ = engine_.messages().add_listener([sink = sink_](const bus::Message& message) {
            std::lock_guard lock(sink->mutex);
            if (sink->writer != nullptr) sink->writer->write(message_row(message, sink->fix));
        });
}

std::unique_ptr<KismetdbLog> KismetdbLog::open(Engine& engine, LogNaming naming, KismetdbWriterOptions writer_options,
                                               KismetdbLogOptions options, std::string& error) {
    const auto path =
        expand_log_template(naming, kKismetdbLogType, static_cast<std::time_t>(engine.wall_now().sec), error);
    if (!path) return nullptr;
    auto writer = KismetdbWriter::create(*path, writer_options, error);
    if (!writer) return nullptr;
    return std::unique_ptr<KismetdbLog>(
        new KismetdbLog(engine, std::move(writer), std::move(options), std::move(naming), std::move(writer_options)));
}

KismetdbLog::~KismetdbLog() {
    close();
}

// What every file begins with: the SYSTEM snapshot (Kismet's Python reader needs one), the datasources, and the
// schedule of the periodic tasks from now.
void KismetdbLog::start_file() {
    const std::uint64_t now = engine_.now();
    current_second_ = now;
    file_opened_at_ = now;
    packets_in_file_ = 0;
    write_system_snapshot();
    write_datasources();
    next_devices_ = now + options_.device_rate;
    next_datasources_ = now + options_.datasource_rate;
    next_system_status_ = now + options_.system_status_rate;
    next_retention_ = now;
    next_rotation_attempt_ = now;
    if (engine_.gps_fix()) write_gps_snapshot();
    next_gps_ = now + 1;
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
    write_snapshot("SYSTEM", std::move(json), now);
}

// Snapshots are placed where the host's fix is as they are taken.
void KismetdbLog::write_snapshot(std::string snaptype, std::string json, track::WallTime now) {
    SnapshotRow row;
    row.ts_sec = static_cast<std::int64_t>(now.sec);
    row.ts_usec = now.usec;
    const RowLocation location = row_location(engine_.gps_fix());
    row.lat = location.lat;
    row.lon = location.lon;
    row.snaptype = std::move(snaptype);
    row.json = std::move(json);
    writer_->write(std::move(row));
}

// Kismet logs each GPS's record every second; the engine knows one GPS, by its UUID, and its fix.
void KismetdbLog::write_gps_snapshot() {
    const track::WallTime now = engine_.wall_now();
    const bus::GpsLocationRecord location = engine_.gps_location(now);
    std::string json = "{";
    append_text_field(json, "kismet.gps.uuid", location.gps_uuid);
    json += ",\"kismet.gps.last_location\": ";
    fields::append_record(json, fields::OutputFormat::json, bus::gps_location_record_schema(), location);
    json += '}';
    write_snapshot("GPS", std::move(json), now);
}

const Uuid& KismetdbLog::source_uuid(capture::SourceId source) {
    auto found = source_uuids_.find(source);
    if (found != source_uuids_.end()) return found->second;
    const auto record = engine_.datasource(source);
    return source_uuids_.emplace(source, record ? record->uuid : Uuid{}).first->second;
}

void KismetdbLog::log_packet(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                             const Engine::PacketNotes& notes) {
    if (closed_) return;
    if (notes.clock != current_second_) run_due_tasks(notes.clock);
    if (!options_.log_packets || (notes.duplicate && !options_.log_duplicate_packets)) return;
    if (!options_.log_data_packets && dissected.has_dot11 && dissected.dot11.frame.type == dissect::dot11::kTypeData)
        return;
    // Before the packet, so the last file holds packets too.
    if (full() && notes.clock >= next_rotation_attempt_) rotate(notes.clock);
    PacketRow row = packet_row(packet, dissected, source_uuid(packet.source), notes.packet_id, notes.gps);
    if (!notes.ssid_tag.empty() || !notes.alerts.empty())
        row.composed_tags = packet_tags_with(row.tags, notes.ssid_tag, notes.alerts);
    writer_->write(std::move(row));
    ++packets_in_file_;
}

void KismetdbLog::tick() {
    if (!closed_) run_due_tasks(engine_.now());
}

void KismetdbLog::run_due_tasks(std::uint64_t now) {
    current_second_ = now;
    {
        std::lock_guard lock(sink_->mutex);
        sink_->fix = engine_.gps_fix();
    }
    if (options_.log_devices && options_.device_rate != 0 && now >= next_devices_) {
        write_devices();
        next_devices_ = now + options_.device_rate;
    }
    if (options_.log_datasources && options_.datasource_rate != 0 && now >= next_datasources_) {
        write_datasources();
        next_datasources_ = now + options_.datasource_rate;
    }
    if (options_.log_system_status && options_.system_status_rate != 0 && now >= next_system_status_) {
        write_system_snapshot();
        next_system_status_ = now + options_.system_status_rate;
    }
    if (options_.log_gps_track && now >= next_gps_) {
        if (engine_.gps_fix()) write_gps_snapshot();
        next_gps_ = now + 1;
    }
    if (now >= next_retention_) {
        delete_expired_rows(now);
        next_retention_ = now + 60;
    }
    const bool too_old = options_.rotate_seconds != 0 && now >= file_opened_at_ + options_.rotate_seconds;
    if ((too_old || full()) && now >= next_rotation_attempt_) rotate(now);
}

// A file rotates for its size once it is about to reach rotate_bytes (rows queued but not yet committed count
// too, or a fast ingest would overshoot by a whole commit interval), and only once it holds a packet, so a limit
// below an empty log's size still puts packets in every file.
bool KismetdbLog::full() const noexcept {
    return options_.rotate_bytes != 0 && packets_in_file_ != 0 && writer_->estimated_bytes() >= options_.rotate_bytes;
}

void KismetdbLog::delete_expired_rows(std::uint64_t now) {
    const auto cutoff = [now](std::uint64_t timeout) -> std::optional<std::int64_t> {
        if (timeout == 0) return std::nullopt;
        return static_cast<std::int64_t>(now) - static_cast<std::int64_t>(timeout);
    };
    const KismetdbRowCutoffs cutoffs{cutoff(options_.packet_timeout), cutoff(options_.device_timeout),
                                     cutoff(options_.alert_timeout), cutoff(options_.message_timeout),
                                     cutoff(options_.snapshot_timeout)};
    if (cutoffs.packets || cutoffs.devices || cutoffs.alerts || cutoffs.messages || cutoffs.snapshots)
        writer_->delete_rows_before(cutoffs);
}

// The current file is finished (its devices and datasources brought up to date) only once the next one exists:
// when the next name or file cannot be made, logging goes on in the current file, nothing is lost, and the
// rotation is tried again a minute later.
void KismetdbLog::rotate(std::uint64_t now) {
    if (!naming_) return;
    std::string error;
    auto path =
        expand_log_template(*naming_, kKismetdbLogType, static_cast<std::time_t>(engine_.wall_now().sec), error);
    std::unique_ptr<KismetdbWriter> next = path ? KismetdbWriter::create(*path, writer_options_, error) : nullptr;
    if (!next) {
        ++failed_rotations_;
        next_rotation_attempt_ = now + 60;
        engine_.messages().post(
            "kismetdb log: cannot start the next log file, still logging to " + writer_->path().string() + ": " + error,
            bus::message_flag::kError);
        return;
    }
    write_devices();
    write_datasources();
    std::unique_ptr<KismetdbWriter> finished = std::exchange(writer_, std::move(next));
    {
        std::lock_guard lock(sink_->mutex);
        sink_->writer = writer_.get();
    }
    paths_.push_back(writer_->path());
    // Devices changed from now on go to the new file, which starts like any other.
    devices_written_at_ = now;
    start_file();
    finished_->close_later(std::move(finished));
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

KismetdbLogStats KismetdbLog::stats() const {
    KismetdbLogStats stats;
    stats.rows = finished_->rows();
    add_rows(stats.rows, writer_->stats());
    stats.files_closing = finished_->closing();
    stats.files = paths_.size();
    stats.failed_rotations = failed_rotations_;
    return stats;
}

bool KismetdbLog::close(std::string* error) {
    if (!closed_) {
        write_devices();
        write_datasources();
        closed_ = true;
        engine_.set_packet_observer({});
        if (message_listener_) engine_.messages().remove_listener(*message_listener_);
        message_listener_.reset();
        {
            std::lock_guard lock(sink_->mutex);
            sink_->writer = nullptr;
        }
        closed_whole_ = writer_->close(&close_error_);
        finished_->wait();
    }
    // A later call answers as the first did.
    if (!closed_whole_ && error != nullptr) *error = close_error_;
    return closed_whole_;
}

}  // namespace kismetcore::log
