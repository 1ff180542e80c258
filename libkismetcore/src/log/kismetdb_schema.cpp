// Kismet's CREATE TABLE statements, as its kis_database and kis_database_logfile run them (db_version 9).
#include "kismetcore/log/kismetdb_schema.h"

namespace kismetcore::log {
namespace {

// The spacing before some closing parentheses is Kismet's own, and SQLite keeps it in sqlite_schema.
constexpr std::string_view kKismet = "CREATE TABLE KISMET (kismet_version TEXT, db_version INT, db_module TEXT)";
constexpr std::string_view kDevices =
    "CREATE TABLE devices (first_time INT, last_time INT, devkey TEXT, phyname TEXT, devmac TEXT, "
    "strongest_signal INT, min_lat REAL, min_lon REAL, max_lat REAL, max_lon REAL, avg_lat REAL, avg_lon REAL, "
    "bytes_data INT, type TEXT, device BLOB, UNIQUE(phyname, devmac) ON CONFLICT REPLACE)";
constexpr std::string_view kPackets9 =
    "CREATE TABLE packets (ts_sec INT, ts_usec INT, phyname TEXT, sourcemac TEXT, destmac TEXT, transmac TEXT, "
    "frequency REAL, devkey TEXT, lat REAL, lon REAL, alt REAL, speed REAL, heading REAL, packet_len INT, "
    "signal INT, datasource TEXT, dlt INT, packet BLOB, error INT, tags TEXT, datarate REAL, hash INT, "
    "packetid INT, packet_full_len INT)";
constexpr std::string_view kPackets8 =
    "CREATE TABLE packets (ts_sec INT, ts_usec INT, phyname TEXT, sourcemac TEXT, destmac TEXT, transmac TEXT, "
    "frequency REAL, devkey TEXT, lat REAL, lon REAL, alt REAL, speed REAL, heading REAL, packet_len INT, "
    "signal INT, datasource TEXT, dlt INT, packet BLOB, error INT, tags TEXT, datarate REAL, hash INT, "
    "packetid INT)";
constexpr std::string_view kData =
    "CREATE TABLE data (ts_sec INT, ts_usec INT, phyname TEXT, devmac TEXT, lat REAL, lon REAL, alt REAL, "
    "speed REAL, heading REAL, datasource TEXT, type TEXT, json BLOB )";
constexpr std::string_view kDatasources =
    "CREATE TABLE datasources (uuid TEXT, typestring TEXT, definition TEXT, name TEXT, interface TEXT, json BLOB, "
    "UNIQUE(uuid) ON CONFLICT REPLACE)";
constexpr std::string_view kAlerts =
    "CREATE TABLE alerts (ts_sec INT, ts_usec INT, phyname TEXT, devmac TEXT, lat REAL, lon REAL, header TEXT, "
    "json BLOB )";
constexpr std::string_view kMessages =
    "CREATE TABLE messages (ts_sec INT, lat REAL, lon REAL, msgtype TEXT, message TEXT )";
constexpr std::string_view kSnapshots =
    "CREATE TABLE snapshots (ts_sec INT, ts_usec INT, lat REAL, lon REAL, snaptype TEXT, json BLOB )";

}  // namespace

std::vector<std::string_view> kismetdb_create_statements(int db_version) {
    if (!writable_kismetdb_version(db_version)) return {};
    return {kKismet,   kDevices,  db_version == kKismetdbVersion ? kPackets9 : kPackets8, kData, kDatasources, kAlerts,
            kMessages, kSnapshots};
}

}  // namespace kismetcore::log
