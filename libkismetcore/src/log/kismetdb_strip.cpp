// Copying a log without its packets: SQLite's VACUUM INTO, then the packet rows deleted and the copy compacted.
#include "kismetcore/log/kismetdb_strip.h"

#include "kismetcore/log/kismetdb_reader.h"
#include "sqlite_handles.h"

namespace kismetcore::log {

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
        const Connection source = open_connection(input, SQLITE_OPEN_READONLY, error);
        if (!source) return false;
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(source.get(), "VACUUM INTO ?", -1, &raw, nullptr) != SQLITE_OK) {
            error = sqlite_error(source.get(), input.string());
            return false;
        }
        const Statement vacuum(raw);
        sqlite3_bind_text(raw, 1, output.c_str(), -1, SQLITE_TRANSIENT);
        copied = sqlite3_step(raw) == SQLITE_DONE;
        if (!copied) error = sqlite_error(source.get(), output.string());
    }
    bool stripped = false;
    if (copied) {
        const Connection copy = open_connection(output, SQLITE_OPEN_READWRITE, error);
        stripped = copy != nullptr;
        for (const auto& table : statistics.tables) {
            if (!stripped) break;
            if (table.name == "packets") stripped = execute(copy.get(), "DELETE FROM packets", error);
            if (table.name == "data") stripped = stripped && execute(copy.get(), "DELETE FROM data", error);
        }
        stripped = stripped && execute(copy.get(), "VACUUM", error);
    }
    if (!stripped) {
        std::error_code ignored;
        std::filesystem::remove(output, ignored);
    }
    return stripped;
}

}  // namespace kismetcore::log
