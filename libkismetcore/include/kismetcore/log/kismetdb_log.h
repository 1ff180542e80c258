// A kismetdb log of one engine: its packets, devices, datasources, alerts, messages and system snapshots.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "kismetcore/bus/message_bus.h"
#include "kismetcore/engine/engine.h"
#include "kismetcore/log/kismetdb_writer.h"

namespace kismetcore::log {

// Kismet's kis_log_* options (kismet_logging.conf) that decide what goes into the log.
struct KismetdbLogOptions {
    bool log_packets = true;            // kis_log_packets
    bool log_data_packets = true;       // kis_log_data_packets: 802.11 data frames too
    bool log_duplicate_packets = true;  // kis_log_duplicate_packets: frames the duplicate filter dropped too
    bool log_devices = true;            // kis_log_devices
    bool log_alerts = true;             // kis_log_alerts
    bool log_messages = true;           // kis_log_messages
    // kismet.system.server_* of the SYSTEM snapshot (Kismet's server_name, server_description, server_location).
    std::string server_name = "Kismet";
    std::string server_description;
    std::string server_location;
};

// Packets come from the engine's packet observer (Engine::set_packet_observer, which the log takes while it is
// open), in the order the engine tracks them: feed the engine as usual and the log follows. Threading:
// write_devices() on the engine's ingest thread; alerts and messages arrive from whichever thread raises or posts
// them and only queue rows. close() (or the destructor) once the ingest stopped; the engine must outlive the log.
class KismetdbLog {
public:
    // Writes the SYSTEM snapshot and the engine's datasources, and starts logging packets, alerts and messages.
    KismetdbLog(Engine& engine, std::unique_ptr<KismetdbWriter> writer, KismetdbLogOptions options = {});
    ~KismetdbLog();
    KismetdbLog(const KismetdbLog&) = delete;
    KismetdbLog& operator=(const KismetdbLog&) = delete;

    // Upserts every device changed since the last call (all of them the first time), as Kismet does every
    // kis_log_device_rate seconds. Returns how many rows were queued.
    std::size_t write_devices();
    // Replaces the datasource rows with the sources' current records.
    void write_datasources();
    // Writes the devices and datasources once more, stops logging alerts and messages, and closes the file.
    // False and `error` when the writer could not finish the file.
    bool close(std::string* error = nullptr);

    [[nodiscard]] const KismetdbWriter& writer() const noexcept { return *writer_; }

private:
    struct AlertSink;

    void write_system_snapshot();
    void log_packet(const capture::Packet& packet, const dissect::DissectedPacket& dissected, bool duplicate);
    const Uuid& source_uuid(capture::SourceId source);

    Engine& engine_;
    std::unique_ptr<KismetdbWriter> writer_;
    KismetdbLogOptions options_;
    std::shared_ptr<AlertSink> alert_sink_;
    std::optional<bus::MessageBus::ListenerId> message_listener_;
    std::unordered_map<capture::SourceId, Uuid> source_uuids_;
    std::uint64_t packets_logged_ = 0;
    std::optional<std::uint64_t> devices_written_at_;  // the engine clock of the last write_devices()
    bool closed_ = false;
};

}  // namespace kismetcore::log
