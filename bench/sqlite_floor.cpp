// The packet rows of a log, held in memory and inserted again by a bare SQLite connection set up as the writer's.
#include "sqlite_floor.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include "kismetcore/log/kismetdb_schema.h"
#include "log/sqlite_handles.h"

namespace kismetcore::bench {

bool StoredPacketRows::load(const std::filesystem::path& log, std::string& error) {
    const log::Connection source = log::open_connection(log, SQLITE_OPEN_READONLY, error);
    if (!source) return false;
    sqlite3_stmt* prepared = nullptr;
    if (sqlite3_prepare_v2(source.get(), "SELECT count(*) FROM packets", -1, &prepared, nullptr) != SQLITE_OK) {
        error = log::sqlite_error(source.get(), log.string());
        return false;
    }
    const log::Statement count(prepared);
    const auto expected = sqlite3_step(count.get()) == SQLITE_ROW ? sqlite3_column_int64(count.get(), 0) : 0;
    if (sqlite3_prepare_v2(source.get(), "SELECT * FROM packets", -1, &prepared, nullptr) != SQLITE_OK) {
        error = log::sqlite_error(source.get(), log.string());
        return false;
    }
    const log::Statement select(prepared);
    column_names_.clear();
    values_.clear();
    bytes_.clear();
    rows_ = 0;
    const int columns = sqlite3_column_count(select.get());
    for (int column = 0; column < columns; ++column)
        column_names_.emplace_back(sqlite3_column_name(select.get(), column));
    values_.reserve(static_cast<std::size_t>(expected) * column_names_.size());
    int result = SQLITE_ROW;
    while ((result = sqlite3_step(select.get())) == SQLITE_ROW) {
        for (int column = 0; column < columns; ++column) {
            Value value;
            value.type = sqlite3_column_type(select.get(), column);
            if (value.type == SQLITE_INTEGER) {
                value.integer = sqlite3_column_int64(select.get(), column);
            } else if (value.type == SQLITE_FLOAT) {
                value.real = sqlite3_column_double(select.get(), column);
            } else if (value.type == SQLITE_TEXT || value.type == SQLITE_BLOB) {
                const auto* data = static_cast<const char*>(
                    value.type == SQLITE_TEXT ? static_cast<const void*>(sqlite3_column_text(select.get(), column))
                                              : sqlite3_column_blob(select.get(), column));
                const auto size = static_cast<std::size_t>(sqlite3_column_bytes(select.get(), column));
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
        error = log::sqlite_error(source.get(), log.string());
        return false;
    }
    return true;
}

double StoredPacketRows::insert_into(const std::filesystem::path& path, int db_version, std::size_t batch_rows,
                                     std::string& error) const {
    batch_rows = std::max<std::size_t>(batch_rows, 1);
    const auto start = std::chrono::steady_clock::now();
    log::Connection target =
        log::open_connection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, error);
    if (!target) return -1;
    sqlite3* db = target.get();
    // The writer's settings (libkismetcore/src/log/kismetdb_writer.cpp): keep them in step with it.
    if (!log::execute(db, "PRAGMA page_size=65536", error) || !log::execute(db, "PRAGMA journal_mode=WAL", error) ||
        !log::execute(db, "PRAGMA synchronous=NORMAL", error))
        return -1;
    for (std::string_view statement : log::kismetdb_create_statements(db_version))
        if (!log::execute(db, std::string(statement).c_str(), error)) return -1;

    std::string sql = "INSERT INTO packets (";
    for (std::size_t column = 0; column < column_names_.size(); ++column)
        sql += (column == 0 ? "" : ", ") + column_names_[column];
    sql += ") VALUES (";
    for (std::size_t column = 0; column < column_names_.size(); ++column) sql += column == 0 ? "?" : ", ?";
    sql += ")";
    sqlite3_stmt* prepared = nullptr;
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &prepared, nullptr) != SQLITE_OK) {
        error = log::sqlite_error(db, sql);
        return -1;
    }
    log::Statement insert(prepared);
    const std::size_t columns = column_names_.size();
    for (std::size_t row = 0; row < rows_;) {
        if (!log::execute(db, "BEGIN TRANSACTION", error)) return -1;
        for (const std::size_t end = std::min(rows_, row + batch_rows); row < end; ++row) {
            sqlite3_reset(insert.get());
            for (std::size_t column = 0; column < columns; ++column) {
                const Value& value = values_[row * columns + column];
                const int parameter = static_cast<int>(column) + 1;
                if (value.type == SQLITE_INTEGER)
                    sqlite3_bind_int64(insert.get(), parameter, value.integer);
                else if (value.type == SQLITE_FLOAT)
                    sqlite3_bind_double(insert.get(), parameter, value.real);
                else if (value.type == SQLITE_TEXT)
                    sqlite3_bind_text64(insert.get(), parameter, bytes_.data() + value.span.offset, value.span.size,
                                        SQLITE_STATIC, SQLITE_UTF8);
                else if (value.type == SQLITE_BLOB)
                    sqlite3_bind_blob64(insert.get(), parameter, bytes_.data() + value.span.offset, value.span.size,
                                        SQLITE_STATIC);
                else
                    sqlite3_bind_null(insert.get(), parameter);
            }
            if (sqlite3_step(insert.get()) != SQLITE_DONE) {
                error = log::sqlite_error(db, path.string());
                return -1;
            }
        }
        if (!log::execute(db, "COMMIT TRANSACTION", error)) return -1;
    }
    insert.reset();
    if (!log::execute(db, "PRAGMA wal_checkpoint(TRUNCATE)", error) ||
        !log::execute(db, "PRAGMA journal_mode=DELETE", error))
        return -1;
    target.reset();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace kismetcore::bench
