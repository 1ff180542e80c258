// A kismetdb log of one engine: its packets, devices, datasources, alerts, messages and system and GPS snapshots.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "kismetcore/bus/message_bus.h"
#include "kismetcore/engine/engine.h"
#include "kismetcore/log/kismetdb_writer.h"
#include "kismetcore/log/log_naming.h"

namespace kismetcore::log {

// Kismet's kis_log_* options (kismet_logging.conf) that decide what goes into the log and when. Times are seconds
// of the engine's clock; a rate or timeout of 0 turns its task off.
struct KismetdbLogOptions {
    bool log_packets = true;                // kis_log_packets
    bool log_data_packets = true;           // kis_log_data_packets: 802.11 data frames too
    bool log_duplicate_packets = true;      // kis_log_duplicate_packets: frames the duplicate filter dropped too
    bool log_devices = true;                // kis_log_devices
    bool log_alerts = true;                 // kis_log_alerts
    bool log_messages = true;               // kis_log_messages
    bool log_datasources = true;            // kis_log_datasources
    bool log_gps_track = true;              // kis_log_gps_track: a GPS snapshot every second while there is a fix
    bool log_system_status = true;          // kis_log_system_status: SYSTEM snapshots
    std::uint64_t device_rate = 30;         // kis_log_device_rate: devices changed since the last write
    std::uint64_t datasource_rate = 30;     // kis_log_datasources_rate
    std::uint64_t system_status_rate = 30;  // kis_log_system_status_rate
    // kis_log_{packet,device,alert,message,snapshot}_timeout: rows older than this are deleted (checked every
    // minute, as Kismet does), so the log keeps a rolling backlog; devices go by their last_time.
    std::uint64_t packet_timeout = 0, device_timeout = 0, alert_timeout = 0, message_timeout = 0, snapshot_timeout = 0;
    // Rotation, which Kismet lacks: a new file once the current one holds this many bytes, or once it is this
    // many seconds old (0: never). Only a log opened by KismetdbLog::open can rotate: it names the next file.
    std::uint64_t rotate_bytes = 0;
    std::uint64_t rotate_seconds = 0;
    // kismet.system.server_* of the SYSTEM snapshot (Kismet's server_name, server_description, server_location).
    std::string server_name = "Kismet";
    std::string server_description;
    std::string server_location;
};

// The rows of every file the log wrote so far, and why the last failure happened.
struct KismetdbLogStats {
    KismetdbWriterStats rows;
    std::uint64_t files = 0;             // files opened, the current one included
    std::uint64_t failed_rotations = 0;  // the next file could not be created; logging went on in the current one
    std::uint64_t files_closing = 0;     // files rotated away and still being closed (whole once this is 0)
};

class FinishedFiles;

// Packets come from the engine's packet observer (Engine::set_packet_observer, which the log takes while it is
// open), in the order the engine tracks them: feed the engine as usual and the log follows. The periodic tasks
// (devices, datasources, snapshots, retention, rotation) run when a packet arrives in a new second of the engine's
// clock, and at tick(), which a host calls about once a second so they also run while no packet arrives.
// Threading: tick(), write_devices(), write_datasources() and close() on the engine's ingest thread; alerts and
// messages arrive from whichever thread raises or posts them and only queue rows. close() (or the destructor)
// once the ingest stopped; the engine must outlive the log.
class KismetdbLog {
public:
    // Logs into `writer`'s file, which it never rotates. Writes the SYSTEM snapshot and the engine's datasources,
    // and starts logging packets, alerts and messages.
    KismetdbLog(Engine& engine, std::unique_ptr<KismetdbWriter> writer, KismetdbLogOptions options = {});
    // Logs into a new file named by `naming` (Kismet's log_prefix, log_title and log_template) at the engine's
    // wall clock, and into the next name at each rotation. Null and `error` when the name or the file cannot be
    // made.
    [[nodiscard]] static std::unique_ptr<KismetdbLog> open(Engine& engine, LogNaming naming,
                                                           KismetdbWriterOptions writer_options,
                                                           KismetdbLogOptions options, std::string& error);
    ~KismetdbLog();
    KismetdbLog(const KismetdbLog&) = delete;
    KismetdbLog& operator=(const KismetdbLog&) = delete;

    // Runs the periodic tasks that are due at the engine's clock.
    void tick();
    // Upserts every device changed since the last call (all of them the first time), as Kismet does every
    // kis_log_device_rate seconds. Returns how many rows were queued.
    std::size_t write_devices();
    // Replaces the datasource rows with the sources' current records.
    void write_datasources();
    // Returns once every row queued so far is committed (or failed), as a host does before reading the file.
    void flush() { writer_->flush(); }
    // Writes the devices and datasources once more, stops logging alerts and messages, and closes the file.
    // Returns once every file rotated away is closed too. False and `error` when the writer could not finish the
    // current file (a rotated file's failure is in stats().rows.last_error).
    bool close(std::string* error = nullptr);

    // The current file's writer, the paths of every file so far, oldest first (the current one last), and the
    // rows of all of them. Ingest thread: a rotation changes them. A file rotated away is closed on a thread of the
    // log's, so the ingest thread does not wait for its last batch and checkpoint: every file is whole once
    // stats().files_closing is 0, and once close() returns.
    [[nodiscard]] const KismetdbWriter& writer() const noexcept { return *writer_; }
    [[nodiscard]] const std::vector<std::filesystem::path>& paths() const noexcept { return paths_; }
    [[nodiscard]] KismetdbLogStats stats() const;

private:
    // Alerts and messages reach the current writer from other threads through this; the log swaps its writer
    // at a rotation and detaches it on close.
    struct RowSink;

    KismetdbLog(Engine& engine, std::unique_ptr<KismetdbWriter> writer, KismetdbLogOptions options,
                std::optional<LogNaming> naming, KismetdbWriterOptions writer_options);
    void start_file();
    void write_system_snapshot();
    void write_gps_snapshot();
    void write_snapshot(std::string snaptype, std::string json, track::WallTime now);
    void log_packet(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                    const Engine::PacketNotes& notes);
    void run_due_tasks(std::uint64_t now);
    void delete_expired_rows(std::uint64_t now);
    void rotate(std::uint64_t now);
    [[nodiscard]] bool full() const noexcept;
    const Uuid& source_uuid(capture::SourceId source);

    Engine& engine_;
    std::unique_ptr<KismetdbWriter> writer_;
    KismetdbLogOptions options_;
    std::optional<LogNaming> naming_;  // set when the log may rotate
    KismetdbWriterOptions writer_options_;
    std::shared_ptr<RowSink> sink_;
    std::optional<bus::MessageBus::ListenerId> message_listener_;
    std::unordered_map<capture::SourceId, Uuid> source_uuids_;
    std::optional<std::uint64_t> devices_written_at_;  // the engine clock of the last write_devices()
    std::vector<std::filesystem::path> paths_;
    std::unique_ptr<FinishedFiles> finished_;  // the files rotated away, closed on their own thread
    std::uint64_t failed_rotations_ = 0;

    // The periodic tasks, in engine clock seconds: when each runs next.
    std::uint64_t current_second_ = 0;
    std::uint64_t file_opened_at_ = 0;
    std::uint64_t packets_in_file_ = 0;
    std::uint64_t next_devices_ = 0, next_datasources_ = 0, next_system_status_ = 0, next_gps_ = 0, next_retention_ = 0,
                  next_rotation_attempt_ = 0;
    bool closed_ = false;
    bool closed_whole_ = true;  // what the first close() returned, and its error
    std::string close_error_;
};

}  // namespace kismetcore::log
