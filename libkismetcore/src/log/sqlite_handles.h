// Owning handles of SQLite's connection and statements, and its error text, for the kismetdb reader and writer.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace kismetcore::log {

struct ConnectionCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

struct StatementFinalizer {
    void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// "<what>: <SQLite's message>"; a connection SQLite could not even allocate has none.
inline std::string sqlite_error(sqlite3* db, std::string_view what) {
    return std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory");
}

// Opens `path` with `flags` (SQLITE_OPEN_*), waiting up to a second for a lock another connection holds. Null and
// `error` ("<path>: <reason>") when SQLite cannot open it.
inline Connection open_connection(const std::filesystem::path& path, int flags, std::string& error) {
    sqlite3* opened = nullptr;
    const int result = sqlite3_open_v2(path.c_str(), &opened, flags, nullptr);
    Connection db(opened);
    if (result != SQLITE_OK) {
        error = sqlite_error(opened, path.string());
        return nullptr;
    }
    sqlite3_busy_timeout(opened, 1000);
    return db;
}

// Runs `sql`; false and `error` ("<sql>: <reason>") when SQLite refuses it.
inline bool execute(sqlite3* db, const char* sql, std::string& error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
    error = std::string(sql) + ": " + (message != nullptr ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return false;
}

}  // namespace kismetcore::log
