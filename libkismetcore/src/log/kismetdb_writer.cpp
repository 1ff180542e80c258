// The kismetdb writer thread: SQLite in WAL mode, prepared statements, one transaction per batch.
#include "kismetcore/log/kismetdb_writer.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <span>
#include <thread>
#include <utility>

#include "sqlite_handles.h"

#include "kismetcore/common/version.h"

namespace kismetcore::log {
namespace {

// 64 KiB pages: SQLite writes the log a page per system call, twice in WAL mode (the WAL, then the checkpoint),
// and a packet row is a few hundred bytes, so small pages made a quarter of the writer's time system calls
// (2.96 -> 2.23 us a row on 500,000 packet rows). Set before the first table; any reader takes any page size.
constexpr std::int64_t kPageSize = 65536;

// About what a row adds to the file: its variable columns, plus the fixed ones and SQLite's record header. Close
// enough to rotate logs by size between commits; committed_bytes() is exact.
std::uint64_t approximate_bytes(const KismetdbRow& row) noexcept {
    return std::visit(
        [](const auto& value) -> std::uint64_t {
            using Row = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<Row, PacketRow>)
                return value.packet.size() + value.tags.size() + value.composed_tags.size() + 160;
            else if constexpr (std::is_same_v<Row, MessageRow>)
                return value.message.size() + 48;
            else
                return value.json.size() + 96;
        },
        row);
}

Statement prepare(sqlite3* db, std::string_view sql, std::string& error) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                           nullptr) != SQLITE_OK) {
        error = sqlite_error(db, "preparing " + std::string(sql));
        return nullptr;
    }
    return Statement(statement);
}

// Binds columns left to right; the first failure is kept and reported by step().
class Binder {
public:
    explicit Binder(sqlite3_stmt* statement) : statement_(statement) { sqlite3_reset(statement_); }

    Binder& integer(std::int64_t value) { return check(sqlite3_bind_int64(statement_, ++column_, value)); }
    Binder& real(double value) { return check(sqlite3_bind_double(statement_, ++column_, value)); }
    Binder& text(std::string_view value) {
        // An empty view may have no data; SQLite would take its null pointer for NULL, where Kismet writes ''.
        return check(sqlite3_bind_text64(statement_, ++column_, value.empty() ? "" : value.data(), value.size(),
                                         SQLITE_STATIC, SQLITE_UTF8));
    }
    Binder& blob(const void* data, std::size_t size) {
        // A zero-length blob must still be a blob, not NULL: SQLite takes a null pointer for NULL.
        static constexpr std::uint8_t kEmpty = 0;
        return check(sqlite3_bind_blob64(statement_, ++column_, size == 0 ? &kEmpty : data, size, SQLITE_STATIC));
    }
    Binder& mac(const MacAddress& address) { return text(address.format_upper(mac_text_[macs_++ % mac_text_.size()])); }
    // Runs the statement; false and `error` when binding or running failed.
    bool step(sqlite3* db, std::string& error) {
        if (result_ == SQLITE_OK) result_ = sqlite3_step(statement_);
        const bool done = result_ == SQLITE_DONE;
        if (!done) {
            error = sqlite_error(db, "writing a row");
            // A statement stopped short stays active and would hold a read transaction until its next row.
            sqlite3_reset(statement_);
        }
        // No sqlite3_clear_bindings: every row binds every parameter of its statement again.
        return done;
    }

private:
    Binder& check(int result) {
        if (result_ == SQLITE_OK && result != SQLITE_OK) result_ = result;
        return *this;
    }

    sqlite3_stmt* statement_;
    int column_ = 0;
    int result_ = SQLITE_OK;
    // SQLITE_STATIC text must outlive step(): a row binds at most three MACs.
    std::array<std::array<char, MacAddress::kTextLength + 1>, 3> mac_text_{};
    std::size_t macs_ = 0;
};

// The packet bytes of queued rows, copied into blocks that go to the writer thread with their rows and come back
// emptied for the next rows: no allocation per packet, and no memory allocated on one thread and freed on the
// other (which made glibc's malloc lock its arena on both). A block never grows, so the spans into it stay valid.
class ByteArena {
public:
    static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;

    // Copies `bytes` into the last block (or a spare one, or a new one when none has room).
    std::span<const std::uint8_t> copy(std::span<const std::uint8_t> bytes,
                                       std::vector<std::vector<std::uint8_t>>& spare) {
        if (blocks_.empty() || blocks_.back().capacity() - blocks_.back().size() < bytes.size()) {
            if (!spare.empty() && bytes.size() <= kBlockBytes) {
                blocks_.push_back(std::move(spare.back()));
                spare.pop_back();
            } else {
                blocks_.emplace_back().reserve(std::max(kBlockBytes, bytes.size()));
            }
        }
        auto& block = blocks_.back();
        const std::size_t at = block.size();
        block.insert(block.end(), bytes.begin(), bytes.end());
        return {block.data() + at, bytes.size()};
    }
    void swap(ByteArena& other) noexcept { blocks_.swap(other.blocks_); }
    // Empties the blocks into `spare`, keeping a queue's worth at most.
    void recycle_into(std::vector<std::vector<std::uint8_t>>& spare, std::size_t keep) {
        for (auto& block : blocks_) {
            if (spare.size() >= keep || block.capacity() != kBlockBytes) continue;
            block.clear();
            spare.push_back(std::move(block));
        }
        blocks_.clear();
    }

private:
    std::vector<std::vector<std::uint8_t>> blocks_;
};

}  // namespace

struct KismetdbWriter::State {
    std::filesystem::path path;
    KismetdbWriterOptions options;
    Connection db;
    Statement insert_packet, insert_device, insert_datasource, insert_alert, insert_message, insert_snapshot;
    Statement page_count;
    std::atomic<std::uint64_t> committed_bytes{0};
    std::atomic<std::uint64_t> queued_bytes{0};  // approximate_bytes() of the rows queued and not yet handled

    mutable std::mutex mutex;
    std::condition_variable work_ready;    // the thread: rows, a flush or close
    std::condition_variable room_or_done;  // writers waiting for room, flushers waiting for their rows
    // Rows wait in `queue`; the thread swaps it with `in_flight`, whose storage, emptied, is the next queue's: a
    // deque allocated a block every two rows on the writing thread and freed it on this one.
    std::vector<KismetdbRow> queue;
    std::vector<KismetdbRow> in_flight;          // the writer thread's, but for the swap
    ByteArena queue_packets, in_flight_packets;  // the packet bytes of `queue` and `in_flight`
    std::vector<std::vector<std::uint8_t>> spare_blocks;
    std::uint64_t queue_bytes = 0;  // approximate_bytes() of `queue`
    bool closing = false;
    bool closed = false;
    std::uint64_t flush_target = 0;             // rows queued (in all) that a flush waits for
    bool flush_cutoffs = false;                 // a flush waits for the pending cutoffs too
    std::uint64_t handled = 0;                  // rows written or failed, in all
    std::optional<KismetdbRowCutoffs> cutoffs;  // retention for the next batch
    std::uint64_t cutoff_requests = 0;          // delete_rows_before() calls, in all
    std::uint64_t cutoff_requests_done = 0;     // of which the last one a committed or failed batch applied
    KismetdbWriterStats stats;
    std::thread thread;

    // The UUID text of the last source a packet named: packets come in long runs of one source.
    Uuid last_source{};
    std::string last_source_text = uuid_text(Uuid{});

    bool insert(const KismetdbRow& row, std::string& error);
    bool delete_old_rows(const KismetdbRowCutoffs& before, std::string& error);
    void measure();
    const std::string& source_text(const Uuid& source) {
        if (source != last_source) {
            last_source = source;
            last_source_text = uuid_text(source);
        }
        return last_source_text;
    }
    void run();
};

bool KismetdbWriter::State::insert(const KismetdbRow& row, std::string& error) {
    sqlite3* connection = db.get();
    return std::visit(
        [&](const auto& value) {
            using Row = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<Row, PacketRow>) {
                Binder bind(insert_packet.get());
                bind.integer(value.ts_sec).integer(value.ts_usec).text(value.phyname);
                bind.mac(value.source).mac(value.destination).mac(value.transmitter);
                bind.real(value.frequency_khz).text("0");
                bind.real(value.location.lat).real(value.location.lon).real(value.location.alt);
                bind.real(value.location.speed).real(value.location.heading);
                bind.integer(static_cast<std::int64_t>(value.packet.size())).integer(value.signal_dbm);
                bind.text(source_text(value.datasource)).integer(value.dlt);
                bind.blob(value.packet.data(), value.packet.size());
                bind.integer(value.error ? 1 : 0).text(value.composed_tags.empty() ? value.tags : value.composed_tags);
                bind.real(value.datarate_mbps);
                bind.integer(static_cast<std::int32_t>(value.hash));
                bind.integer(static_cast<std::int64_t>(value.packet_id));
                if (options.db_version >= kKismetdbVersion) bind.integer(value.full_length);
                return bind.step(connection, error);
            } else if constexpr (std::is_same_v<Row, DeviceRow>) {
                Binder bind(insert_device.get());
                bind.integer(static_cast<std::int64_t>(value.first_time));
                bind.integer(static_cast<std::int64_t>(value.last_time));
                bind.text(value.devkey).text(value.phyname).mac(value.devmac).integer(value.strongest_signal);
                bind.real(value.min_lat).real(value.min_lon).real(value.max_lat).real(value.max_lon);
                bind.real(value.avg_lat).real(value.avg_lon);
                bind.integer(static_cast<std::int64_t>(value.bytes_data)).text(value.type);
                bind.blob(value.json.data(), value.json.size());
                return bind.step(connection, error);
            } else if constexpr (std::is_same_v<Row, DatasourceRow>) {
                Binder bind(insert_datasource.get());
                bind.text(value.uuid).text(value.typestring).text(value.definition).text(value.name);
                bind.text(value.interface).blob(value.json.data(), value.json.size());
                return bind.step(connection, error);
            } else if constexpr (std::is_same_v<Row, AlertRow>) {
                Binder bind(insert_alert.get());
                bind.integer(value.ts_sec).integer(value.ts_usec).text(value.phyname).mac(value.devmac);
                bind.real(value.lat).real(value.lon).text(value.header).blob(value.json.data(), value.json.size());
                return bind.step(connection, error);
            } else if constexpr (std::is_same_v<Row, MessageRow>) {
                Binder bind(insert_message.get());
                bind.integer(value.ts_sec).real(value.lat).real(value.lon).text(value.msgtype).text(value.message);
                return bind.step(connection, error);
            } else {
                Binder bind(insert_snapshot.get());
                bind.integer(value.ts_sec).integer(value.ts_usec).real(value.lat).real(value.lon);
                bind.text(value.snaptype).blob(value.json.data(), value.json.size());
                return bind.step(connection, error);
            }
        },
        row);
}

bool KismetdbWriter::State::delete_old_rows(const KismetdbRowCutoffs& before, std::string& error) {
    const auto delete_before = [&](const char* table, const char* column, std::optional<std::int64_t> cutoff) {
        if (!cutoff) return true;
        const std::string sql =
            std::string("DELETE FROM ") + table + " WHERE " + column + " < " + std::to_string(*cutoff);
        return execute(db.get(), sql.c_str(), error);
    };
    return delete_before("packets", "ts_sec", before.packets) && delete_before("data", "ts_sec", before.packets) &&
           delete_before("devices", "last_time", before.devices) && delete_before("alerts", "ts_sec", before.alerts) &&
           delete_before("messages", "ts_sec", before.messages) &&
           delete_before("snapshots", "ts_sec", before.snapshots);
}

void KismetdbWriter::State::measure() {
    if (sqlite3_step(page_count.get()) == SQLITE_ROW)
        committed_bytes.store(static_cast<std::uint64_t>(sqlite3_column_int64(page_count.get(), 0) * kPageSize),
                              std::memory_order_relaxed);
    // Reset at once: a statement left on its row keeps a read transaction open, and while one is open SQLite can
    // never rewind the write-ahead log to its start, so the log grew by every row until close().
    sqlite3_reset(page_count.get());
}

void KismetdbWriter::State::run() {
    std::unique_lock lock(mutex);
    for (;;) {
        // A batch waits for the commit interval, so rows are committed together, unless someone waits for it.
        work_ready.wait_for(lock, options.commit_interval, [this] {
            return closing || flush_target > handled || queue.size() >= options.queue_rows ||
                   (cutoffs && flush_cutoffs);
        });
        if (queue.empty() && !cutoffs) {
            if (closing) return;
            continue;
        }
        in_flight.swap(queue);
        in_flight_packets.swap(queue_packets);
        const std::vector<KismetdbRow>& batch = in_flight;
        const std::uint64_t batch_bytes = std::exchange(queue_bytes, 0);
        std::optional<KismetdbRowCutoffs> batch_cutoffs;
        batch_cutoffs.swap(cutoffs);
        const std::uint64_t batch_cutoff_request = cutoff_requests;
        lock.unlock();
        room_or_done.notify_all();

        // A batch is committed whole or not at all: what fails a row (a full disk, a locked file) fails the rest
        // of the batch too, so the first failure rolls it back instead of waiting on every row.
        std::string error;
        bool committed = execute(db.get(), "BEGIN TRANSACTION", error);
        if (committed && batch_cutoffs) committed = delete_old_rows(*batch_cutoffs, error);
        for (auto row = batch.begin(); committed && row != batch.end(); ++row) committed = insert(*row, error);
        if (committed) committed = execute(db.get(), "COMMIT TRANSACTION", error);
        if (!committed && !sqlite3_get_autocommit(db.get())) {
            std::string ignored;
            execute(db.get(), "ROLLBACK TRANSACTION", ignored);
        }
        if (committed) measure();
        queued_bytes.fetch_sub(batch_bytes, std::memory_order_relaxed);

        const std::size_t rows = batch.size();
        in_flight.clear();  // frees the rows' own storage outside the lock
        lock.lock();
        in_flight_packets.recycle_into(spare_blocks, 64);
        (committed ? stats.written : stats.failed) += rows;
        if (!committed) stats.last_error = error;
        handled += rows;
        if (batch_cutoffs) cutoff_requests_done = batch_cutoff_request;
        room_or_done.notify_all();
    }
}

void add_rows(KismetdbWriterStats& total, const KismetdbWriterStats& file) {
    total.queued += file.queued;
    total.written += file.written;
    total.dropped += file.dropped;
    total.failed += file.failed;
    if (!file.last_error.empty()) total.last_error = file.last_error;
}

KismetdbWriter::KismetdbWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}

std::unique_ptr<KismetdbWriter> KismetdbWriter::create(const std::filesystem::path& path, KismetdbWriterOptions options,
                                                       std::string& error) {
    if (!writable_kismetdb_version(options.db_version)) {
        error = "kismetdb_version " + std::to_string(options.db_version) + " cannot be written (8 or 9)";
        return nullptr;
    }
    if (options.queue_rows == 0) options.queue_rows = 1;
    std::error_code exists_error;
    if (std::filesystem::exists(path, exists_error)) {
        error = path.string() + ": already exists; a kismetdb log is never overwritten";
        return nullptr;
    }
    auto state = std::make_unique<State>();
    state->path = path;
    state->options = std::move(options);
    // NOMUTEX: one thread at a time uses the connection (this one to create the log, the writer thread, this one
    // again to close it after the join), so SQLite's per-call connection mutex only cost time (8% of a row's CPU).
    state->db = open_connection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, error);
    if (!state->db) return nullptr;
    sqlite3* db = state->db.get();
    if (!execute(db, ("PRAGMA page_size=" + std::to_string(kPageSize)).c_str(), error)) return nullptr;
    // WAL: a commit is one append, and a kill at any moment leaves the committed batches readable.
    if (!execute(db, "PRAGMA journal_mode=WAL", error) || !execute(db, "PRAGMA synchronous=NORMAL", error) ||
        !execute(db, "BEGIN TRANSACTION", error))
        return nullptr;
    for (std::string_view statement : kismetdb_create_statements(state->options.db_version))
        if (!execute(db, std::string(statement).c_str(), error)) return nullptr;
    // Kismet inserts the row with db_version 0 and sets the version once the tables are made.
    const std::string version =
        state->options.kismet_version.empty() ? std::string(library_version()) : state->options.kismet_version;
    Statement insert_kismet =
        prepare(db, "INSERT INTO KISMET (kismet_version, db_version, db_module) VALUES (?, 0, ?)", error);
    if (!insert_kismet) return nullptr;
    Binder bind(insert_kismet.get());
    bind.text(version).text(kKismetdbModule);
    if (!bind.step(db, error)) return nullptr;
    if (!execute(db, ("UPDATE KISMET SET db_version = " + std::to_string(state->options.db_version)).c_str(), error) ||
        !execute(db, "COMMIT TRANSACTION", error))
        return nullptr;

    const bool full_length = state->options.db_version >= kKismetdbVersion;
    state->insert_packet = prepare(
        db,
        full_length ? "INSERT INTO packets (ts_sec, ts_usec, phyname, sourcemac, destmac, transmac, frequency, devkey, "
                      "lat, lon, alt, speed, heading, packet_len, signal, datasource, dlt, packet, error, tags, "
                      "datarate, hash, packetid, packet_full_len) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    : "INSERT INTO packets (ts_sec, ts_usec, phyname, sourcemac, destmac, transmac, frequency, devkey, "
                      "lat, lon, alt, speed, heading, packet_len, signal, datasource, dlt, packet, error, tags, "
                      "datarate, hash, packetid) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        error);
    state->insert_device = prepare(db,
                                   "INSERT INTO devices (first_time, last_time, devkey, phyname, devmac, "
                                   "strongest_signal, min_lat, min_lon, max_lat, max_lon, avg_lat, avg_lon, "
                                   "bytes_data, type, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   error);
    state->insert_datasource = prepare(db,
                                       "INSERT INTO datasources (uuid, typestring, definition, name, interface, "
                                       "json) VALUES (?, ?, ?, ?, ?, ?)",
                                       error);
    state->insert_alert = prepare(
        db,
        "INSERT INTO alerts (ts_sec, ts_usec, phyname, devmac, lat, lon, header, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        error);
    state->insert_message =
        prepare(db, "INSERT INTO messages (ts_sec, lat, lon, msgtype, message) VALUES (?, ?, ?, ?, ?)", error);
    state->insert_snapshot = prepare(
        db, "INSERT INTO snapshots (ts_sec, ts_usec, lat, lon, snaptype, json) VALUES (?, ?, ?, ?, ?, ?)", error);
    state->page_count = prepare(db, "PRAGMA page_count", error);
    if (!state->insert_packet || !state->insert_device || !state->insert_datasource || !state->insert_alert ||
        !state->insert_message || !state->insert_snapshot || !state->page_count)
        return nullptr;
    state->measure();

    State& running = *state;
    running.thread = std::thread([&running] { running.run(); });
    return std::unique_ptr<KismetdbWriter>(new KismetdbWriter(std::move(state)));
}

KismetdbWriter::~KismetdbWriter() {
    close();
}

bool KismetdbWriter::write(KismetdbRow row) {
    State& state = *state_;
    std::unique_lock lock(state.mutex);
    if (state.queue.size() >= state.options.queue_rows && !state.closing) {
        if (state.options.when_full == KismetdbWriterOptions::WhenFull::drop) {
            ++state.stats.dropped;
            return false;
        }
        state.work_ready.notify_one();
        state.room_or_done.wait(lock,
                                [&state] { return state.closing || state.queue.size() < state.options.queue_rows; });
    }
    if (state.closing) {
        ++state.stats.dropped;
        return false;
    }
    const std::uint64_t bytes = approximate_bytes(row);
    if (auto* packet = std::get_if<PacketRow>(&row))
        packet->packet = state.queue_packets.copy(packet->packet, state.spare_blocks);
    state.queue.push_back(std::move(row));
    state.queue_bytes += bytes;
    state.queued_bytes.fetch_add(bytes, std::memory_order_relaxed);
    ++state.stats.queued;
    return true;
}

void KismetdbWriter::delete_rows_before(const KismetdbRowCutoffs& cutoffs) {
    State& state = *state_;
    std::lock_guard lock(state.mutex);
    if (state.closing) return;
    state.cutoffs = cutoffs;
    ++state.cutoff_requests;
}

void KismetdbWriter::flush() {
    State& state = *state_;
    std::unique_lock lock(state.mutex);
    if (state.closed) return;
    const std::uint64_t target = state.stats.queued;
    const std::uint64_t cutoff_target = state.cutoff_requests;
    state.flush_target = std::max(state.flush_target, target);
    state.flush_cutoffs = true;
    state.work_ready.notify_one();
    state.room_or_done.wait(lock, [&state, target, cutoff_target] {
        return (state.handled >= target && state.cutoff_requests_done >= cutoff_target) || state.closed;
    });
    state.flush_cutoffs = false;
}

bool KismetdbWriter::close(std::string* error) {
    State& state = *state_;
    {
        std::lock_guard lock(state.mutex);
        if (state.closed) return true;
        state.closing = true;
    }
    state.work_ready.notify_one();
    state.room_or_done.notify_all();
    if (state.thread.joinable()) state.thread.join();

    std::string failure;
    sqlite3* db = state.db.get();
    state.insert_packet.reset();
    state.insert_device.reset();
    state.insert_datasource.reset();
    state.insert_alert.reset();
    state.insert_message.reset();
    state.insert_snapshot.reset();
    state.page_count.reset();
    // Back to one self-contained file, as Kismet leaves its logs (journal_mode DELETE).
    const bool ok =
        execute(db, "PRAGMA wal_checkpoint(TRUNCATE)", failure) && execute(db, "PRAGMA journal_mode=DELETE", failure);
    state.db.reset();
    {
        std::lock_guard lock(state.mutex);
        state.closed = true;
        if (!ok) state.stats.last_error = failure;
    }
    state.room_or_done.notify_all();
    if (!ok && error != nullptr) *error = failure;
    return ok;
}

KismetdbWriterStats KismetdbWriter::stats() const {
    std::lock_guard lock(state_->mutex);
    return state_->stats;
}

std::uint64_t KismetdbWriter::committed_bytes() const noexcept {
    return state_->committed_bytes.load(std::memory_order_relaxed);
}

std::uint64_t KismetdbWriter::estimated_bytes() const noexcept {
    return committed_bytes() + state_->queued_bytes.load(std::memory_order_relaxed);
}

const std::filesystem::path& KismetdbWriter::path() const noexcept {
    return state_->path;
}

int KismetdbWriter::db_version() const noexcept {
    return state_->options.db_version;
}

}  // namespace kismetcore::log
