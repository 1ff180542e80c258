// Reading kismetdb logs of any version since 5: each table's columns are looked up by name, so a column an older
// log lacks reads as zero and a newer log's extra columns are ignored.
#include "kismetcore/log/kismetdb_reader.h"

#include <set>
#include <string_view>
#include <variant>

#include "sqlite_handles.h"

namespace kismetcore::log {
namespace {

// One column of a table and the member it fills.
template <class Record>
struct Column {
    const char* name;
    std::variant<std::int64_t Record::*, std::uint32_t Record::*, bool Record::*, double Record::*,
                 std::string Record::*, std::vector<std::uint8_t> Record::*>
        member;
};

template <class Record>
void read_column(Record& record, const Column<Record>& column, sqlite3_stmt* statement, int index) {
    std::visit(
        [&](auto member) {
            using Value = std::remove_reference_t<decltype(record.*member)>;
            if constexpr (std::is_same_v<Value, std::int64_t>) {
                record.*member = sqlite3_column_int64(statement, index);
            } else if constexpr (std::is_same_v<Value, std::uint32_t>) {
                record.*member = static_cast<std::uint32_t>(sqlite3_column_int64(statement, index));
            } else if constexpr (std::is_same_v<Value, bool>) {
                record.*member = sqlite3_column_int64(statement, index) != 0;
            } else if constexpr (std::is_same_v<Value, double>) {
                record.*member = sqlite3_column_double(statement, index);
            } else {
                // Text and blobs alike: a blob column may hold text (JSON) and a text column bytes.
                const auto* bytes = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, index));
                const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, index));
                if (bytes == nullptr)
                    (record.*member).clear();
                else
                    (record.*member).assign(bytes, bytes + size);
            }
        },
        column.member);
}

const Column<LoggedPacket> kPacketColumns[] = {
    {"ts_sec", &LoggedPacket::ts_sec},
    {"ts_usec", &LoggedPacket::ts_usec},
    {"phyname", &LoggedPacket::phyname},
    {"sourcemac", &LoggedPacket::source},
    {"destmac", &LoggedPacket::destination},
    {"transmac", &LoggedPacket::transmitter},
    {"frequency", &LoggedPacket::frequency_khz},
    {"lat", &LoggedPacket::lat},
    {"lon", &LoggedPacket::lon},
    {"alt", &LoggedPacket::alt},
    {"speed", &LoggedPacket::speed},
    {"heading", &LoggedPacket::heading},
    {"signal", &LoggedPacket::signal_dbm},
    {"datasource", &LoggedPacket::datasource},
    {"dlt", &LoggedPacket::dlt},
    {"packet", &LoggedPacket::bytes},
    {"error", &LoggedPacket::error},
    {"tags", &LoggedPacket::tags},
    {"datarate", &LoggedPacket::datarate_mbps},
    {"hash", &LoggedPacket::hash},
    {"packetid", &LoggedPacket::packet_id},
    {"packet_full_len", &LoggedPacket::full_length},
};

const Column<LoggedDevice> kDeviceColumns[] = {
    {"first_time", &LoggedDevice::first_time}, {"last_time", &LoggedDevice::last_time},
    {"devkey", &LoggedDevice::devkey},         {"phyname", &LoggedDevice::phyname},
    {"devmac", &LoggedDevice::devmac},         {"strongest_signal", &LoggedDevice::strongest_signal},
    {"min_lat", &LoggedDevice::min_lat},       {"min_lon", &LoggedDevice::min_lon},
    {"max_lat", &LoggedDevice::max_lat},       {"max_lon", &LoggedDevice::max_lon},
    {"avg_lat", &LoggedDevice::avg_lat},       {"avg_lon", &LoggedDevice::avg_lon},
    {"bytes_data", &LoggedDevice::bytes_data}, {"type", &LoggedDevice::type},
    {"device", &LoggedDevice::json},
};

const Column<LoggedAlert> kAlertColumns[] = {
    {"ts_sec", &LoggedAlert::ts_sec}, {"ts_usec", &LoggedAlert::ts_usec}, {"phyname", &LoggedAlert::phyname},
    {"devmac", &LoggedAlert::devmac}, {"lat", &LoggedAlert::lat},         {"lon", &LoggedAlert::lon},
    {"header", &LoggedAlert::header}, {"json", &LoggedAlert::json},
};

const Column<LoggedMessage> kMessageColumns[] = {
    {"ts_sec", &LoggedMessage::ts_sec},   {"lat", &LoggedMessage::lat},         {"lon", &LoggedMessage::lon},
    {"msgtype", &LoggedMessage::msgtype}, {"message", &LoggedMessage::message},
};

const Column<LoggedSnapshot> kSnapshotColumns[] = {
    {"ts_sec", &LoggedSnapshot::ts_sec}, {"ts_usec", &LoggedSnapshot::ts_usec},   {"lat", &LoggedSnapshot::lat},
    {"lon", &LoggedSnapshot::lon},       {"snaptype", &LoggedSnapshot::snaptype}, {"json", &LoggedSnapshot::json},
};

const Column<LoggedDatasource> kDatasourceColumns[] = {
    {"uuid", &LoggedDatasource::uuid},
    {"typestring", &LoggedDatasource::typestring},
    {"definition", &LoggedDatasource::definition},
    {"name", &LoggedDatasource::name},
    {"interface", &LoggedDatasource::interface},
    {"json", &LoggedDatasource::json},
};

// How a query narrows a table: its time and device columns, where it has them.
struct Filter {
    const char* since_column = nullptr;  // ts_sec >= since (devices: last_time)
    const char* until_column = nullptr;  // ts_sec <= until (devices: first_time)
    std::vector<const char*> device_columns;
};

}  // namespace

struct KismetdbReader::State {
    std::filesystem::path path;
    Connection db;
    KismetdbLogInfo info;

    // The names of `table`'s columns; empty when the table is missing.
    [[nodiscard]] std::set<std::string, std::less<>> columns_of(std::string_view table, std::string& error) const {
        std::set<std::string, std::less<>> names;
        sqlite3_stmt* raw = nullptr;
        const std::string sql = "PRAGMA table_info(" + std::string(table) + ")";
        if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
            error = sqlite_error(db.get(), path.string());
            return names;
        }
        Statement statement(raw);
        while (sqlite3_step(raw) == SQLITE_ROW)
            names.emplace(reinterpret_cast<const char*>(sqlite3_column_text(raw, 1)));
        return names;
    }

    template <class Record, std::size_t N>
    bool visit_rows(std::string_view table, const Column<Record> (&columns)[N], const Filter& filter,
                    const LogQuery& query, const std::function<bool(const Record&)>& visit, std::string& error) const {
        const auto present = columns_of(table, error);
        if (!error.empty()) return false;
        if (present.empty()) return true;  // a log without this table has no such rows
        std::vector<const Column<Record>*> selected;
        std::string sql = "SELECT ";
        for (const auto& column : columns) {
            if (present.count(column.name) == 0) continue;
            sql += selected.empty() ? "" : ", ";
            sql += column.name;
            selected.push_back(&column);
        }
        if (selected.empty()) return true;
        sql += " FROM " + std::string(table);
        std::vector<std::string> conditions;
        std::vector<std::int64_t> numbers;
        if (query.since && filter.since_column != nullptr && present.count(filter.since_column) != 0) {
            conditions.push_back(std::string(filter.since_column) + " >= ?");
            numbers.push_back(*query.since);
        }
        if (query.until && filter.until_column != nullptr && present.count(filter.until_column) != 0) {
            conditions.push_back(std::string(filter.until_column) + " <= ?");
            numbers.push_back(*query.until);
        }
        std::string device_condition;
        if (query.device && !filter.device_columns.empty()) {
            for (const char* column : filter.device_columns) {
                if (present.count(column) == 0) continue;
                device_condition += (device_condition.empty() ? "" : " OR ") + std::string(column) + " = ?1000";
            }
            // Asked for one device's rows of a table that cannot name one: none match.
            if (device_condition.empty()) return true;
            conditions.push_back("(" + device_condition + ")");
        }
        for (std::size_t i = 0; i < conditions.size(); ++i) sql += (i == 0 ? " WHERE " : " AND ") + conditions[i];
        sql += " ORDER BY rowid";

        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
            error = sqlite_error(db.get(), path.string());
            return false;
        }
        Statement statement(raw);
        for (std::size_t i = 0; i < numbers.size(); ++i) sqlite3_bind_int64(raw, static_cast<int>(i + 1), numbers[i]);
        std::array<char, MacAddress::kTextLength + 1> mac_text{};
        if (!device_condition.empty())
            sqlite3_bind_text(raw, 1000, query.device->format_upper(mac_text).data(),
                              static_cast<int>(MacAddress::kTextLength), SQLITE_STATIC);
        Record record;
        for (;;) {
            const int result = sqlite3_step(raw);
            if (result == SQLITE_DONE) return true;
            if (result != SQLITE_ROW) {
                error = sqlite_error(db.get(), path.string());
                return false;
            }
            record = Record{};
            for (std::size_t i = 0; i < selected.size(); ++i)
                read_column(record, *selected[i], raw, static_cast<int>(i));
            if (!visit(record)) return true;
        }
    }
};

KismetdbReader::KismetdbReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
KismetdbReader::~KismetdbReader() = default;

std::unique_ptr<KismetdbReader> KismetdbReader::open(const std::filesystem::path& path, std::string& error) {
    std::error_code status_error;
    if (!std::filesystem::is_regular_file(path, status_error)) {
        error = path.string() + ": no such file";
        return nullptr;
    }
    auto state = std::make_unique<State>();
    state->path = path;
    state->db = open_connection(path, SQLITE_OPEN_READONLY, error);
    if (!state->db) return nullptr;
    sqlite3* db = state->db.get();
    // The KISMET table tells a kismetdb from any other SQLite file; a file that is not SQLite fails here.
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'KISMET'", -1, &raw,
                           nullptr) != SQLITE_OK) {
        error = sqlite_error(db, path.string());
        return nullptr;
    }
    Statement probe(raw);
    if (sqlite3_step(raw) != SQLITE_ROW) {
        error = sqlite_error(db, path.string());
        return nullptr;
    }
    if (sqlite3_column_int(raw, 0) == 0) {
        error = path.string() + ": not a kismetdb log (SQLite, but without Kismet's KISMET table)";
        return nullptr;
    }
    probe.reset();
    if (sqlite3_prepare_v2(db, "SELECT kismet_version, db_version, db_module FROM KISMET LIMIT 1", -1, &raw, nullptr) !=
        SQLITE_OK) {
        error = sqlite_error(db, path.string());
        return nullptr;
    }
    Statement version(raw);
    if (sqlite3_step(raw) != SQLITE_ROW) {
        error = path.string() + ": not a kismetdb log (its KISMET table is empty)";
        return nullptr;
    }
    const auto text = [raw](int column) {
        const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(raw, column));
        return value != nullptr ? std::string(value) : std::string();
    };
    state->info.kismet_version = text(0);
    state->info.db_version = sqlite3_column_int(raw, 1);
    state->info.db_module = text(2);
    const int db_version = state->info.db_version;
    if (db_version < kOldestReadableKismetdb || db_version > kNewestReadableKismetdb) {
        error = path.string() + ": kismetdb version " + std::to_string(db_version) + " is not readable (versions " +
                std::to_string(kOldestReadableKismetdb) + " to " + std::to_string(kNewestReadableKismetdb) + ")";
        return nullptr;
    }
    return std::unique_ptr<KismetdbReader>(new KismetdbReader(std::move(state)));
}

const KismetdbLogInfo& KismetdbReader::info() const noexcept {
    return state_->info;
}

bool KismetdbReader::packets(const LogQuery& query, const std::function<bool(const LoggedPacket&)>& visit,
                             std::string& error) const {
    return state_->visit_rows<LoggedPacket>(
        "packets", kPacketColumns, {"ts_sec", "ts_sec", {"sourcemac", "destmac", "transmac"}}, query, visit, error);
}

bool KismetdbReader::devices(const LogQuery& query, const std::function<bool(const LoggedDevice&)>& visit,
                             std::string& error) const {
    return state_->visit_rows<LoggedDevice>("devices", kDeviceColumns, {"last_time", "first_time", {"devmac"}}, query,
                                            visit, error);
}

bool KismetdbReader::alerts(const LogQuery& query, const std::function<bool(const LoggedAlert&)>& visit,
                            std::string& error) const {
    return state_->visit_rows<LoggedAlert>("alerts", kAlertColumns, {"ts_sec", "ts_sec", {"devmac"}}, query, visit,
                                           error);
}

bool KismetdbReader::messages(const LogQuery& query, const std::function<bool(const LoggedMessage&)>& visit,
                              std::string& error) const {
    return state_->visit_rows<LoggedMessage>("messages", kMessageColumns, {"ts_sec", "ts_sec", {}}, query, visit,
                                             error);
}

bool KismetdbReader::snapshots(const LogQuery& query, const std::function<bool(const LoggedSnapshot&)>& visit,
                               std::string& error) const {
    return state_->visit_rows<LoggedSnapshot>("snapshots", kSnapshotColumns, {"ts_sec", "ts_sec", {}}, query, visit,
                                              error);
}

bool KismetdbReader::datasources(const std::function<bool(const LoggedDatasource&)>& visit, std::string& error) const {
    return state_->visit_rows<LoggedDatasource>("datasources", kDatasourceColumns, {}, LogQuery{}, visit, error);
}

bool KismetdbReader::statistics(LogStatistics& out, std::string& error) const {
    out = LogStatistics{};
    sqlite3* db = state_->db.get();
    // Runs `sql` and hands each row to `row`; false and `error` when SQLite fails.
    const auto each_row = [&](const std::string& sql, const auto& row) {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
            error = sqlite_error(db, state_->path.string());
            return false;
        }
        Statement statement(raw);
        for (;;) {
            const int result = sqlite3_step(raw);
            if (result == SQLITE_DONE) return true;
            if (result != SQLITE_ROW) {
                error = sqlite_error(db, state_->path.string());
                return false;
            }
            row(raw);
        }
    };
    const auto text = [](sqlite3_stmt* statement, int column) {
        const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
        return value != nullptr ? std::string(value) : std::string();
    };
    std::set<std::string, std::less<>> packet_columns;
    for (const char* table :
         {"KISMET", "devices", "packets", "data", "datasources", "alerts", "messages", "snapshots"}) {
        const auto columns = state_->columns_of(table, error);
        if (!error.empty()) return false;
        if (columns.empty()) continue;
        if (std::string_view(table) == "packets") packet_columns = columns;
        LogStatistics::Table counted{table, 0};
        if (!each_row("SELECT count(*) FROM " + std::string(table), [&counted](sqlite3_stmt* row) {
                counted.rows = static_cast<std::uint64_t>(sqlite3_column_int64(row, 0));
            }))
            return false;
        out.tables.push_back(counted);
    }
    if (packet_columns.count("ts_sec") != 0 &&
        !each_row("SELECT min(ts_sec), max(ts_sec) FROM packets", [&out](sqlite3_stmt* row) {
            if (sqlite3_column_type(row, 0) == SQLITE_NULL) return;
            out.first_packet_time = sqlite3_column_int64(row, 0);
            out.last_packet_time = sqlite3_column_int64(row, 1);
        }))
        return false;
    if (packet_columns.count("dlt") != 0 &&
        !each_row("SELECT DISTINCT dlt FROM packets ORDER BY dlt", [&out](sqlite3_stmt* row) {
            out.link_types.push_back(static_cast<std::uint32_t>(sqlite3_column_int64(row, 0)));
        }))
        return false;
    const bool counts_per_source = packet_columns.count("datasource") != 0;
    if (!datasources(
            [&](const LoggedDatasource& source) {
                out.sources.push_back({source.uuid, source.typestring, source.name, source.interface, 0});
                return true;
            },
            error))
        return false;
    if (counts_per_source &&
        !each_row("SELECT datasource, count(*) FROM packets GROUP BY datasource", [&](sqlite3_stmt* row) {
            const std::string uuid = text(row, 0);
            for (auto& source : out.sources)
                if (source.uuid == uuid) source.packets = static_cast<std::uint64_t>(sqlite3_column_int64(row, 1));
        }))
        return false;
    const auto device_columns = state_->columns_of("devices", error);
    if (!error.empty()) return false;
    if (device_columns.count("phyname") != 0 &&
        !each_row("SELECT phyname, count(*) FROM devices GROUP BY phyname ORDER BY phyname", [&](sqlite3_stmt* row) {
            out.devices_per_phy.push_back({text(row, 0), static_cast<std::uint64_t>(sqlite3_column_int64(row, 1))});
        }))
        return false;
    return true;
}

}  // namespace kismetcore::log
