// Copying a log without its packets: SQLite's VACUUM INTO, then the packet rows deleted and the copy compacted.
#include "kismetcore/log/kismetdb_strip.h"

#include "kismetcore/log/kismetdb_reader.h"
#include "sqlite_handles.h"

namespace kismetcore::log {
namespace {

bool execute(sqlite3* db, const char* sql, const std::filesystem::path& path, std::string& error) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK) return true;
    error = sqlite_error(db, path.string());
    return false;
}

}  // namespace

bool strip_kismetdb_packets(const std::filesystem::path& input, const std::filesystem::path& output,
                            std::string& error) {
    std::error_code exists_error;
    if (std::filesystem::exists(output, exists_error)) {
        error = output.string() + ": already exists; a kismetdb log is never overwritten";
        return false;
    }
    LogStatistics statistics;
    {
        const auto reader = KismetdbReader::open(input, error);
        if (!reader || !reader->statistics(statistics, error)) return false;
    }
    bool copied = false;
    {
        sqlite3* opened = nullptr;
        const int result = sqlite3_open_v2(input.c_str(), &opened, SQLITE_OPEN_READONLY, nullptr);
        const Connection source(opened);
        if (result != SQLITE_OK) {
            error = sqlite_error(opened, input.string());
            return false;
        }
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(opened, "VACUUM INTO ?", -1, &raw, nullptr) != SQLITE_OK) {
            error = sqlite_error(opened, input.string());
            return false;
        }
        const Statement vacuum(raw);
        sqlite3_bind_text(raw, 1, output.c_str(), -1, SQLITE_TRANSIENT);
        copied = sqlite3_step(raw) == SQLITE_DONE;
        if (!copied) error = sqlite_error(opened, output.string());
    }
    bool stripped = copied;
    if (copied) {
        sqlite3* opened = nullptr;
        const int result = sqlite3_open_v2(output.c_str(), &opened, SQLITE_OPEN_READWRITE, nullptr);
        const Connection copy(opened);
        stripped = result == SQLITE_OK;
        if (!stripped) error = sqlite_error(opened, output.string());
        for (const auto& table : statistics.tables) {
            if (!stripped) break;
            if (table.name == "packets") stripped = execute(opened, "DELETE FROM packets", output, error);
            if (table.name == "data") stripped = stripped && execute(opened, "DELETE FROM data", output, error);
        }
        stripped = stripped && execute(opened, "VACUUM", output, error);
    }
    if (!stripped) {
        std::error_code ignored;
        std::filesystem::remove(output, ignored);
    }
    return stripped;
}

}  // namespace kismetcore::log
