// Closing the files a rotation finished, in order, on one thread started by the first rotation.
#include "finished_files.h"

#include <exception>
#include <system_error>
#include <utility>

namespace kismetcore::log {
namespace {

// Closes `writer`; its rows, with the reason when closing it threw.
KismetdbWriterStats close_file(KismetdbWriter& writer) {
    std::string failure;
    try {
        writer.close();
    } catch (const std::exception& error) {
        failure = std::string("closing ") + writer.path().string() + ": " + error.what();
    }
    KismetdbWriterStats rows = writer.stats();
    if (!failure.empty()) rows.last_error = failure;
    return rows;
}

}  // namespace

FinishedFiles::~FinishedFiles() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();  // the thread closes what is waiting before it ends
}

void FinishedFiles::close_later(std::unique_ptr<KismetdbWriter> writer) {
    if (!thread_.joinable()) {
        try {
            thread_ = std::thread([this] { run(); });
        } catch (const std::system_error&) {
            // No thread to be had (a process limit): the file is closed here, as before there was one.
            const KismetdbWriterStats rows = close_file(*writer);
            std::lock_guard lock(mutex_);
            add_rows(closed_rows_, rows);
            return;
        }
    }
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return waiting_.empty(); });
    waiting_.push_back(std::move(writer));
    lock.unlock();
    changed_.notify_all();
}

void FinishedFiles::wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return waiting_.empty() && !closing_; });
}

KismetdbWriterStats FinishedFiles::rows() const {
    std::lock_guard lock(mutex_);
    KismetdbWriterStats rows = closed_rows_;
    // A writer's stats() is safe beside its close() on the thread.
    if (closing_) add_rows(rows, closing_->stats());
    for (const auto& writer : waiting_) add_rows(rows, writer->stats());
    return rows;
}

std::size_t FinishedFiles::closing() const {
    std::lock_guard lock(mutex_);
    return waiting_.size() + (closing_ ? 1 : 0);
}

void FinishedFiles::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
        if (waiting_.empty()) return;  // stopping, and nothing left to close
        closing_ = std::move(waiting_.front());
        waiting_.pop_front();
        lock.unlock();
        changed_.notify_all();  // a rotation waiting for the queue to empty may go on
        const KismetdbWriterStats rows = close_file(*closing_);
        lock.lock();
        add_rows(closed_rows_, rows);
        // Destroyed outside the lock (it frees the file's blocks and queues), once rows() can no longer see it.
        std::unique_ptr<KismetdbWriter> closed = std::move(closing_);
        lock.unlock();
        closed.reset();
        changed_.notify_all();
        lock.lock();
    }
}

}  // namespace kismetcore::log
