// The kismetdb writer thread: SQLite in WAL mode, prepared statements, one transaction per batch.
#include "kismetcore/log/kismetdb_writer.h"

#include <array>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "sqlite_handles.h"

#include "kismetcore/common/version.h"

namespace kismetcore::log {
namespace {

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
        if (!done) error = sqlite_error(db, "writing a row");
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

}  // namespace

struct KismetdbWriter::State {
    std::filesystem::path path;
    KismetdbWriterOptions options;
    Connection db;
    Statement insert_packet, insert_device, insert_datasource, insert_alert, insert_message, insert_snapshot;

    mutable std::mutex mutex;
    std::condition_variable work_ready;    // the thread: rows, a flush or close
    std::condition_variable room_or_done;  // writers waiting for room, flushers waiting for their rows
    std::deque<KismetdbRow> queue;
    bool closing = false;
    bool closed = false;
    std::uint64_t flush_target = 0;  // rows queued (in all) that a flush waits for
    std::uint64_t handled = 0;       // rows written or failed, in all
    KismetdbWriterStats stats;
    std::thread thread;

    // The UUID text of the last source a packet named: packets come in long runs of one source.
    Uuid last_source{};
    std::string last_source_text = uuid_text(Uuid{});

    bool insert(const KismetdbRow& row, std::string& error);
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
                bind.integer(value.error ? 1 : 0).text(value.tags).real(value.datarate_mbps);
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

void KismetdbWriter::State::run() {
    std::unique_lock lock(mutex);
    for (;;) {
        // A batch waits for the commit interval, so rows are committed together, unless someone waits for it.
        work_ready.wait_for(lock, options.commit_interval,
                            [this] { return closing || flush_target > handled || queue.size() >= options.queue_rows; });
        if (queue.empty()) {
            if (closing) return;
            continue;
        }
        std::deque<KismetdbRow> batch;
        batch.swap(queue);
        lock.unlock();
        room_or_done.notify_all();

        // A batch is committed whole or not at all: what fails a row (a full disk, a locked file) fails the rest
        // of the batch too, so the first failure rolls it back instead of waiting on every row.
        std::string error;
        bool committed = execute(db.get(), "BEGIN TRANSACTION", error);
        for (auto row = batch.begin(); committed && row != batch.end(); ++row) committed = insert(*row, error);
        if (committed) committed = execute(db.get(), "COMMIT TRANSACTION", error);
        if (!committed && !sqlite3_get_autocommit(db.get())) {
            std::string ignored;
            execute(db.get(), "ROLLBACK TRANSACTION", ignored);
        }

        lock.lock();
        (committed ? stats.written : stats.failed) += batch.size();
        if (!committed) stats.last_error = error;
        handled += batch.size();
        room_or_done.notify_all();
    }
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
    // 64 KiB pages: SQLite writes the log a page per system call, twice in WAL mode (the WAL, then the checkpoint),
    // and a packet row is a few hundred bytes, so small pages made a quarter of the writer's time system calls
    // (2.96 -> 2.23 us a row on 500,000 packet rows). Set before the first table; any reader takes any page size.
    if (!execute(db, "PRAGMA page_size=65536", error)) return nullptr;
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
    if (!state->insert_packet || !state->insert_device || !state->insert_datasource || !state->insert_alert ||
        !state->insert_message || !state->insert_snapshot)
        return nullptr;

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
    state.queue.push_back(std::move(row));
    ++state.stats.queued;
    return true;
}

void KismetdbWriter::flush() {
    State& state = *state_;
    std::unique_lock lock(state.mutex);
    if (state.closed) return;
    const std::uint64_t target = state.stats.queued;
    state.flush_target = std::max(state.flush_target, target);
    state.work_ready.notify_one();
    state.room_or_done.wait(lock, [&state, target] { return state.handled >= target || state.closed; });
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

const std::filesystem::path& KismetdbWriter::path() const noexcept {
    return state_->path;
}

int KismetdbWriter::db_version() const noexcept {
    return state_->options.db_version;
}

}  // namespace kismetcore::log
