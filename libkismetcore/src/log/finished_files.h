// The files a rotation finished, closed on a thread of their own: closing a file waits for its last batch, the
// checkpoint of its write-ahead log and the disk, which the ingest thread should not wait for.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "kismetcore/log/kismetdb_writer.h"

namespace kismetcore::log {

// Threading: close_later(), wait() and the destructor from one thread (the log's); rows() and closing() from any.
class FinishedFiles {
public:
    FinishedFiles() = default;
    ~FinishedFiles();
    FinishedFiles(const FinishedFiles&) = delete;
    FinishedFiles& operator=(const FinishedFiles&) = delete;

    // Hands `writer` over to be closed after the files handed over before it. Returns at once, unless a file
    // already waits for its turn (rotations faster than files close): then it first waits for that one's turn,
    // so at most two finished files hold their memory and connection at a time. When no thread can be started, it
    // closes `writer` itself. A file that fails to close keeps the reason in rows().last_error.
    void close_later(std::unique_ptr<KismetdbWriter> writer);
    // Returns once every file handed over is closed.
    void wait();
    // The rows of every file handed over, closed or not yet.
    [[nodiscard]] KismetdbWriterStats rows() const;
    // How many files handed over are not closed yet.
    [[nodiscard]] std::size_t closing() const;

private:
    void run();

    mutable std::mutex mutex_;
    std::condition_variable changed_;  // a file handed over, taken, or closed, or the end
    std::deque<std::unique_ptr<KismetdbWriter>> waiting_;
    std::unique_ptr<KismetdbWriter> closing_;  // the thread's, while it closes this one
    KismetdbWriterStats closed_rows_;
    bool stopping_ = false;
    std::thread thread_;  // started by the first close_later()
};

}  // namespace kismetcore::log
