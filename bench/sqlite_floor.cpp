#include "sqlite_floor.h"

#include <chrono>
#include <limits>

#include <sqlite3.h>

#include "kismetcore/log/kismetdb_schema.h"

namespace kismetcore::bench {
namespace {

struct Closer {
    sqlite3* db = nullptr;
    ~Closer() { sqlite3_close_v2(db); }
};
struct Finalizer {
    sqlite3_stmt* statement = nullptr;
    ~Finalizer() { sqlite3_finalize(statement); }
};

bool execute(sqlite3* db, const std::string& sql, std::string& error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return true;
    error = sql + ": " + (message != nullptr ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return false;
}

}  // namespace

bool StoredPacketRows::load(const std::filesystem::path& log, std::string& error) {
    Closer source;
    if (sqlite3_open_v2(log.c_str(), &source.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        error = log.string() + ": " + sqlite3_errmsg(source.db);
        return false;
    }
    Finalizer select;
    if (sqlite3_prepare_v2(source.db, "SELECT * FROM packets", -1, &select.statement, nullptr) != SQLITE_OK) {
        error = log.string() + ": " + sqlite3_errmsg(source.db);
        return false;
    }
    column_names_.clear();
    values_.clear();
    bytes_.clear();
    rows_ = 0;
    const int columns = sqlite3_column_count(select.statement);
    for (int column = 0; column < columns; ++column)
        column_names_.emplace_back(sqlite3_column_name(select.statement, column));
    int result = SQLITE_ROW;
    while ((result = sqlite3_step(select.statement)) == SQLITE_ROW) {
        for (int column = 0; column < columns; ++column) {
            Value value;
            value.type = sqlite3_column_type(select.statement, column);
            if (value.type == SQLITE_INTEGER) {
                value.integer = sqlite3_column_int64(select.statement, column);
            } else if (value.type == SQLITE_FLOAT) {
                value.real = sqlite3_column_double(select.statement, column);
            } else if (value.type == SQLITE_TEXT || value.type == SQLITE_BLOB) {
                const auto* data = static_cast<const char*>(
                    value.type == SQLITE_TEXT ? static_cast<const void*>(sqlite3_column_text(select.statement, column))
                                              : sqlite3_column_blob(select.statement, column));
                const auto size = static_cast<std::size_t>(sqlite3_column_bytes(select.statement, column));
                if (bytes_.size() + size > std::numeric_limits<std::uint32_t>::max()) {
                    error = log.string() + ": more than 4 GiB of packet data";
                    return false;
                }
                value.span = {static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(size)};
                if (size > 0) bytes_.append(data, size);
            }
            values_.push_back(value);
        }
        ++rows_;
    }
    if (result != SQLITE_DONE) {
        error = log.string() + ": " + sqlite3_errmsg(source.db);
        return false;
    }
    return true;
}

double StoredPacketRows::insert_into(const std::filesystem::path& path, int db_version, std::size_t batch_rows,
                                     std::string& error) const {
    const auto start = std::chrono::steady_clock::now();
    Closer target;
    if (sqlite3_open_v2(path.c_str(), &target.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        error = path.string() + ": " + sqlite3_errmsg(target.db);
        return -1;
    }
    // The writer's settings (libkismetcore/src/log/kismetdb_writer.cpp).
    if (!execute(target.db, "PRAGMA page_size=65536", error) || !execute(target.db, "PRAGMA journal_mode=WAL", error) ||
        !execute(target.db, "PRAGMA synchronous=NORMAL", error))
        return -1;
    for (std::string_view statement : log::kismetdb_create_statements(db_version))
        if (!execute(target.db, std::string(statement), error)) return -1;

    std::string sql = "INSERT INTO packets (";
    for (std::size_t column = 0; column < column_names_.size(); ++column)
        sql += (column == 0 ? "" : ", ") + column_names_[column];
    sql += ") VALUES (";
    for (std::size_t column = 0; column < column_names_.size(); ++column) sql += column == 0 ? "?" : ", ?";
    sql += ")";
    Finalizer insert;
    if (sqlite3_prepare_v3(target.db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &insert.statement, nullptr) !=
        SQLITE_OK) {
        error = sql + ": " + sqlite3_errmsg(target.db);
        return -1;
    }
    const std::size_t columns = column_names_.size();
    for (std::size_t row = 0; row < rows_;) {
        if (!execute(target.db, "BEGIN TRANSACTION", error)) return -1;
        for (const std::size_t end = std::min(rows_, row + batch_rows); row < end; ++row) {
            sqlite3_reset(insert.statement);
            for (std::size_t column = 0; column < columns; ++column) {
                const Value& value = values_[row * columns + column];
                const int parameter = static_cast<int>(column) + 1;
                if (value.type == SQLITE_INTEGER)
                    sqlite3_bind_int64(insert.statement, parameter, value.integer);
                else if (value.type == SQLITE_FLOAT)
                    sqlite3_bind_double(insert.statement, parameter, value.real);
                else if (value.type == SQLITE_TEXT)
                    sqlite3_bind_text64(insert.statement, parameter, bytes_.data() + value.span.offset, value.span.size,
                                        SQLITE_STATIC, SQLITE_UTF8);
                else if (value.type == SQLITE_BLOB)
                    sqlite3_bind_blob64(insert.statement, parameter, bytes_.data() + value.span.offset, value.span.size,
                                        SQLITE_STATIC);
                else
                    sqlite3_bind_null(insert.statement, parameter);
            }
            if (sqlite3_step(insert.statement) != SQLITE_DONE) {
                error = path.string() + ": " + sqlite3_errmsg(target.db);
                return -1;
            }
        }
        if (!execute(target.db, "COMMIT TRANSACTION", error)) return -1;
    }
    sqlite3_finalize(insert.statement);
    insert.statement = nullptr;
    if (!execute(target.db, "PRAGMA wal_checkpoint(TRUNCATE)", error) ||
        !execute(target.db, "PRAGMA journal_mode=DELETE", error))
        return -1;
    sqlite3_close_v2(target.db);
    target.db = nullptr;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace kismetcore::bench
