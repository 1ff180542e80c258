#include "finished_files.h"

#include <utility>

namespace kismetcore::log {

void add_rows(KismetdbWriterStats& total, const KismetdbWriterStats& file) {
    total.queued += file.queued;
    total.written += file.written;
    total.dropped += file.dropped;
    total.failed += file.failed;
    if (!file.last_error.empty()) total.last_error = file.last_error;
}

FinishedFiles::~FinishedFiles() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();  // the thread closes what is waiting before it ends
}

void FinishedFiles::close(std::unique_ptr<KismetdbWriter> writer) {
    {
        std::lock_guard lock(mutex_);
        waiting_.push_back(std::move(writer));
    }
    if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
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

void FinishedFiles::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
        if (waiting_.empty()) return;  // stopping, and nothing left to close
        closing_ = std::move(waiting_.front());
        waiting_.pop_front();
        lock.unlock();
        closing_->close();
        lock.lock();
        add_rows(closed_rows_, closing_->stats());
        // Destroyed under the lock, so rows() never reads a writer being destroyed; its thread already ended.
        closing_.reset();
        changed_.notify_all();
    }
}

}  // namespace kismetcore::log
