// Reads a SQLite file back for the log tests: every row of a query, each column as SQLite's text of it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "log/sqlite_handles.h"

namespace kismetcore::testing {

class SqliteFile {
public:
    explicit SqliteFile(const std::filesystem::path& path) {
        // A file that does not open answers every query with the reason.
        db_ = log::open_connection(path, SQLITE_OPEN_READONLY, open_error_);
    }

    using Row = std::vector<std::string>;
    // Each row's columns as text (NULL as "NULL", blobs as their bytes); one row holding the error on failure.
    [[nodiscard]] std::vector<Row> rows(const std::string& sql) const {
        if (!db_) return {{"error: " + open_error_}};
        std::vector<Row> out;
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
            return {{std::string("error: ") + sqlite3_errmsg(db_.get())}};
        while (sqlite3_step(statement) == SQLITE_ROW) {
            Row row;
            for (int column = 0; column < sqlite3_column_count(statement); ++column) {
                if (sqlite3_column_type(statement, column) == SQLITE_NULL) {
                    row.emplace_back("NULL");
                    continue;
                }
                const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
                row.emplace_back(bytes, bytes + sqlite3_column_bytes(statement, column));
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(statement);
        return out;
    }
    // The first column of the first row, or "" when there is none.
    [[nodiscard]] std::string value(const std::string& sql) const {
        const auto found = rows(sql);
        return found.empty() || found.front().empty() ? std::string() : found.front().front();
    }

private:
    log::Connection db_;
    std::string open_error_;
};

}  // namespace kismetcore::testing
