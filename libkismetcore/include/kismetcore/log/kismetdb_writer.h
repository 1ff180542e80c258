// Writes a kismetdb log: one thread owns the SQLite connection and commits what the others queue, in batches.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "kismetcore/log/kismetdb_rows.h"
#include "kismetcore/log/kismetdb_schema.h"

namespace kismetcore::log {

struct KismetdbWriterOptions {
    // kismetdb_version: 9 (Kismet's release) or 8 (what python-kismetdb reads).
    int db_version = kKismetdbVersion;
    // KISMET.kismet_version; the library's version when empty.
    std::string kismet_version;
    // A batch is committed at least this often while rows arrive, so a crash loses at most this much.
    std::chrono::milliseconds commit_interval{1000};
    // Rows waiting for the writer thread, at most.
    std::size_t queue_rows = 65536;
    // What write() does when the queue is full: wait for room, or drop the row and count it.
    enum class WhenFull { block, drop };
    WhenFull when_full = WhenFull::block;
};

struct KismetdbWriterStats {
    std::uint64_t queued = 0;   // rows accepted by write()
    std::uint64_t written = 0;  // rows committed
    std::uint64_t dropped = 0;  // rows refused because the queue was full (WhenFull::drop) or the log closed
    std::uint64_t failed = 0;   // rows of batches SQLite refused; a batch is written whole or not at all
    std::string last_error;     // why the last batch failed
};

// Adds `file`'s counts to `total`, the rows of several files (a rotating log's); the last error is the latest
// file's that has one.
void add_rows(KismetdbWriterStats& total, const KismetdbWriterStats& file);

// Rows older than these moments (engine clock seconds) are deleted: Kismet's kis_log_*_timeout retention. The
// packet cutoff also applies to the data table; devices go by their last_time, the rest by ts_sec.
struct KismetdbRowCutoffs {
    std::optional<std::int64_t> packets, devices, alerts, messages, snapshots;
};

// Threading: write(), flush() and stats() from any thread; close() and the destructor from one thread, after
// the writers stopped. The file is in WAL mode while open, so a process killed at any moment leaves a log that
// opens and holds every committed batch; close() checkpoints it back into one file (journal_mode DELETE, as
// Kismet leaves its logs).
class KismetdbWriter {
public:
    // Creates the log at `path` (never an existing file: logs are not overwritten), with Kismet's tables and
    // KISMET row. Null and `error` when it cannot.
    [[nodiscard]] static std::unique_ptr<KismetdbWriter> create(const std::filesystem::path& path,
                                                                KismetdbWriterOptions options, std::string& error);
    ~KismetdbWriter();
    KismetdbWriter(const KismetdbWriter&) = delete;
    KismetdbWriter& operator=(const KismetdbWriter&) = delete;

    // Queues a row. False when it was dropped (a full queue under WhenFull::drop, or a closed log).
    bool write(KismetdbRow row);
    // Deletes the rows older than `cutoffs` in the next batch (before its rows), so a log kept as a rolling
    // backlog stays bounded. A later call before that batch replaces the cutoffs.
    void delete_rows_before(const KismetdbRowCutoffs& cutoffs);
    // Returns once every row queued before the call is committed (or failed).
    void flush();
    // Commits what is queued, stops the thread and closes the file. False and `error` when the final steps fail.
    // Later write() calls drop their rows.
    bool close(std::string* error = nullptr);

    [[nodiscard]] KismetdbWriterStats stats() const;
    // The size of the log as of the last commit: what the file holds once closed (its pages, whether still in the
    // write-ahead log or not). Any thread; cheap enough to read for every packet.
    [[nodiscard]] std::uint64_t committed_bytes() const noexcept;
    // committed_bytes() plus about what the rows queued since will add: how big the file is about to be.
    [[nodiscard]] std::uint64_t estimated_bytes() const noexcept;
    [[nodiscard]] const std::filesystem::path& path() const noexcept;
    [[nodiscard]] int db_version() const noexcept;

private:
    struct State;
    explicit KismetdbWriter(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace kismetcore::log
