// Reads a kismetdb log: any Kismet has written since db_version 5, and ours.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kismetcore/common/mac_address.h"

namespace kismetcore::log {

// The oldest and newest db_version the reader knows. Before 5, Kismet stored coordinates as integers x 100,000.
inline constexpr int kOldestReadableKismetdb = 5;
inline constexpr int kNewestReadableKismetdb = 10;

struct KismetdbLogInfo {
    int db_version = 0;
    std::string kismet_version;
    std::string db_module;
};

// A column a log of an older version lacks reads as its zero value (packet_full_len before 9, for one).
struct LoggedPacket {
    std::int64_t ts_sec = 0;
    std::int64_t ts_usec = 0;
    std::string phyname;
    std::string source, destination, transmitter;  // MAC text as logged
    double frequency_khz = 0;
    double lat = 0, lon = 0, alt = 0, speed = 0, heading = 0;
    std::int64_t signal_dbm = 0;
    std::string datasource;  // the source's UUID text
    std::uint32_t dlt = 0;
    std::vector<std::uint8_t> bytes;  // the original link-layer bytes
    bool error = false;
    std::string tags;
    double datarate_mbps = 0;
    std::int64_t hash = 0;
    std::int64_t packet_id = 0;
    std::uint32_t full_length = 0;  // 0 when the log does not say
};

struct LoggedDevice {
    std::int64_t first_time = 0;
    std::int64_t last_time = 0;
    std::string devkey, phyname, devmac;
    std::int64_t strongest_signal = 0;
    double min_lat = 0, min_lon = 0, max_lat = 0, max_lon = 0, avg_lat = 0, avg_lon = 0;
    std::int64_t bytes_data = 0;
    std::string type;
    std::string json;  // the full device record
};

struct LoggedAlert {
    std::int64_t ts_sec = 0;
    std::int64_t ts_usec = 0;
    std::string phyname, devmac;
    double lat = 0, lon = 0;
    std::string header;
    std::string json;
};

struct LoggedMessage {
    std::int64_t ts_sec = 0;
    double lat = 0, lon = 0;
    std::string msgtype, message;
};

struct LoggedSnapshot {
    std::int64_t ts_sec = 0;
    std::int64_t ts_usec = 0;
    double lat = 0, lon = 0;
    std::string snaptype;
    std::string json;
};

struct LoggedDatasource {
    std::string uuid, typestring, definition, name, interface;
    std::string json;
};

// Which rows to visit: ts_sec within [since, until] (devices: last_time at or after since, first_time at or
// before until), and the rows of one device (packets naming it as source, destination or transmitter; devices
// and alerts by devmac; messages and snapshots name no device, so `device` leaves them unfiltered). Empty fields
// select everything.
struct LogQuery {
    std::optional<std::int64_t> since;
    std::optional<std::int64_t> until;
    std::optional<MacAddress> device;
};

// What a log holds, counted by SQLite without reading the rows.
struct LogStatistics {
    struct Table {
        std::string name;
        std::uint64_t rows = 0;
    };
    std::vector<Table> tables;  // each of Kismet's tables the log has, in Kismet's order
    // The packets' time range (ts_sec); none without packets.
    std::optional<std::int64_t> first_packet_time;
    std::optional<std::int64_t> last_packet_time;
    std::vector<std::uint32_t> link_types;  // the packets' DLTs, ascending
    struct Source {
        std::string uuid, typestring, name, interface;
        std::uint64_t packets = 0;
    };
    std::vector<Source> sources;  // in the order they were logged
    struct Phy {
        std::string name;
        std::uint64_t devices = 0;
    };
    std::vector<Phy> devices_per_phy;  // by phy name
};

// Threading: one thread at a time per reader; several readers may read one file.
class KismetdbReader {
public:
    // Opens `path` read-only. Null and a reason for: a missing file, a file that is not SQLite, a SQLite file
    // that is not a kismetdb (no KISMET table), and a db_version outside 5..10.
    [[nodiscard]] static std::unique_ptr<KismetdbReader> open(const std::filesystem::path& path, std::string& error);
    ~KismetdbReader();
    KismetdbReader(const KismetdbReader&) = delete;
    KismetdbReader& operator=(const KismetdbReader&) = delete;

    [[nodiscard]] const KismetdbLogInfo& info() const noexcept;

    // Each visits the matching rows in the order they were logged, until `visit` returns false. False and `error`
    // when the file cannot be read (a damaged file fails part way, after the rows before the damage).
    bool packets(const LogQuery& query, const std::function<bool(const LoggedPacket&)>& visit,
                 std::string& error) const;
    bool devices(const LogQuery& query, const std::function<bool(const LoggedDevice&)>& visit,
                 std::string& error) const;
    bool alerts(const LogQuery& query, const std::function<bool(const LoggedAlert&)>& visit, std::string& error) const;
    bool messages(const LogQuery& query, const std::function<bool(const LoggedMessage&)>& visit,
                  std::string& error) const;
    bool snapshots(const LogQuery& query, const std::function<bool(const LoggedSnapshot&)>& visit,
                   std::string& error) const;
    bool datasources(const std::function<bool(const LoggedDatasource&)>& visit, std::string& error) const;
    // Row counts, the packets' time range and link types, packets per source, devices per phy.
    bool statistics(LogStatistics& out, std::string& error) const;

private:
    struct State;
    explicit KismetdbReader(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace kismetcore::log
