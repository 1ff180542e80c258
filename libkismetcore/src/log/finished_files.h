// The files a rotation finished, closed on a thread of their own: closing a file waits for its last batch, the
// checkpoint of its write-ahead log and the disk, which the ingest thread should not wait for.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "kismetcore/log/kismetdb_writer.h"

namespace kismetcore::log {

// Sums the rows of several files into `total`; the last error is the latest file's that has one.
void add_rows(KismetdbWriterStats& total, const KismetdbWriterStats& file);

// Threading: close(), wait() and the destructor from one thread (the log's); rows() from any.
class FinishedFiles {
public:
    FinishedFiles() = default;
    ~FinishedFiles();
    FinishedFiles(const FinishedFiles&) = delete;
    FinishedFiles& operator=(const FinishedFiles&) = delete;

    // Hands `writer` over to be closed after the files handed over before it; returns at once. A file that fails
    // to close keeps the reason in its stats' last_error, which rows() reports.
    void close(std::unique_ptr<KismetdbWriter> writer);
    // Returns once every file handed over is closed.
    void wait();
    // The rows of every file handed over, closed or not yet.
    [[nodiscard]] KismetdbWriterStats rows() const;

private:
    void run();

    mutable std::mutex mutex_;
    std::condition_variable changed_;  // a file handed over, a file closed, or the end
    std::deque<std::unique_ptr<KismetdbWriter>> waiting_;
    std::unique_ptr<KismetdbWriter> closing_;  // set by the thread while it closes this one
    KismetdbWriterStats closed_rows_;
    bool stopping_ = false;
    std::thread thread_;  // started by the first close()
};

}  // namespace kismetcore::log
