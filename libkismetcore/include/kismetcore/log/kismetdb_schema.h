// The tables of a kismetdb log (Kismet's SQLite log, `.kismet`), created exactly as Kismet creates them.
#pragma once

#include <string_view>
#include <vector>

namespace kismetcore::log {

// Kismet's release writes db_version 9. Version 8 is the same layout without packets.packet_full_len; it is the
// last one Kismet's own Python reader (python-kismetdb) accepts, so a log meant for it is written as 8.
inline constexpr int kKismetdbVersion = 9;
inline constexpr int kKismetdbVersionForPythonReader = 8;

// db_module of the KISMET row.
inline constexpr std::string_view kKismetdbModule = "kismetlog";

[[nodiscard]] constexpr bool writable_kismetdb_version(int db_version) noexcept {
    return db_version == kKismetdbVersion || db_version == kKismetdbVersionForPythonReader;
}

// The CREATE TABLE statements of a log of `db_version` (8 or 9), in Kismet's order: KISMET, devices, packets,
// data, datasources, alerts, messages, snapshots. Each is the text SQLite keeps in sqlite_schema, character for
// character what `sqlite3 LOG .schema` prints for a log Kismet wrote (no indexes: Kismet creates none).
[[nodiscard]] std::vector<std::string_view> kismetdb_create_statements(int db_version);

}  // namespace kismetcore::log
