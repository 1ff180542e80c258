// Reads a SQLite file back for the log tests: every row of a query, each column as SQLite's text of it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <sqlite3.h>

namespace kismetcore::testing {

class SqliteFile {
public:
    explicit SqliteFile(const std::filesystem::path& path) {
        sqlite3* db = nullptr;
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
        db_.reset(db);
    }

    using Row = std::vector<std::string>;
    // Each row's columns as text (NULL as "NULL", blobs as their bytes); one row holding the error on failure.
    [[nodiscard]] std::vector<Row> rows(const std::string& sql) const {
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
    struct Closer {
        void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
    };
    std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace kismetcore::testing
