// Owning handles of SQLite's connection and statements, and its error text, for the kismetdb reader and writer.
#pragma once

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

}  // namespace kismetcore::log
