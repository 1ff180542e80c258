// The floor under the kismetdb writer: the packet rows of a log inserted again by a bare SQLite connection, set up
// as the writer sets up its own (page size, WAL, synchronous, one prepared statement, one transaction a batch).
// No engine, no queue and no thread: what SQLite alone takes for those rows on this machine, which the writer
// thread cannot beat.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kismetcore::bench {

// Every column of every packets row of a kismetdb, as SQLite stored it (type and value).
class StoredPacketRows {
public:
    // Reads the packets table of `log`; false and `error` when it cannot.
    bool load(const std::filesystem::path& log, std::string& error);
    [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
    [[nodiscard]] std::size_t columns() const noexcept { return column_names_.size(); }

    // Creates `path` as a kismetdb of `db_version` with the writer's settings and inserts every row, `batch_rows`
    // a transaction, then checkpoints and closes it as KismetdbWriter::close() does. Seconds taken, or a negative
    // number and `error`.
    double insert_into(const std::filesystem::path& path, int db_version, std::size_t batch_rows,
                       std::string& error) const;

private:
    struct Value {
        int type = 0;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL
        union {
            std::int64_t integer;
            double real;
            struct {
                std::uint32_t offset, size;  // into bytes_
            } span;
        };
        Value() : integer(0) {}
    };

    std::vector<std::string> column_names_;
    std::vector<Value> values_;  // row-major
    std::string bytes_;          // text and blob values
    std::size_t rows_ = 0;
};

}  // namespace kismetcore::bench
