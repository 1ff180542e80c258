// The message bus: human-readable messages, a bounded backlog of the latest, and listeners told of each new one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kismetcore/bus/message.h"

namespace kismetcore::bus {

// Kismet's REST message client keeps the last 50 messages.
inline constexpr std::size_t kDefaultMessageBacklog = 50;

// Kismet's MESSAGEBUS with its REST client's backlog. post() stamps a message with the bus clock, keeps it in a
// ring of the latest `backlog` messages (the oldest drops out) and hands it to every listener.
//
// Thread-safety: any thread may post, query and add or remove listeners. Listeners run on the posting thread,
// after the backlog lock is released, in the order they were added; they must be quick (copy what they need,
// queue it) and may post or query from inside the call. Posts from different threads may run listeners at the same
// time, so a listener must be thread-safe (the engine's publishes on the event bus, which orders its deliveries).
// No lock is held while listeners run: a listener and an event bus callback may post to each other without
// deadlock.
class MessageBus {
public:
    using Clock = std::function<track::WallTime()>;
    using Listener = std::function<void(const Message&)>;
    using ListenerId = std::uint64_t;

    // `clock` stamps posted messages; the system clock when empty.
    explicit MessageBus(std::size_t backlog = kDefaultMessageBacklog, Clock clock = {});

    // Posts `text` with `flags` (message_flag bits) at the bus clock's time.
    void post(std::string text, std::uint32_t flags);
    // Posts a message with its own time (replayed logs, tests).
    void post(Message message);

    // The backlog, oldest first.
    [[nodiscard]] std::vector<Message> all() const;
    // The backlog's messages posted strictly after `time` (microsecond precision), oldest first. Kismet's
    // /messagebus/last-time/:ts/ takes whole seconds, so a message in that same second is not "since" it.
    [[nodiscard]] std::vector<Message> since(track::WallTime time) const;
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }
    [[nodiscard]] track::WallTime now() const;

    ListenerId add_listener(Listener listener);
    void remove_listener(ListenerId id);

private:
    struct Entry {
        ListenerId id;
        Listener listener;
    };

    template <class Visit>
    void visit_oldest_first(Visit&& visit) const;

    std::size_t capacity_;
    Clock clock_;
    mutable std::mutex backlog_mutex_;
    std::vector<Message> ring_;  // grows to capacity_, then wraps at next_
    std::size_t next_ = 0;
    // Copied on change, so a post reads the list without holding a lock while listeners run.
    mutable std::mutex listeners_mutex_;
    std::shared_ptr<const std::vector<Entry>> listeners_ = std::make_shared<const std::vector<Entry>>();
    ListenerId next_listener_id_ = 1;
};

}  // namespace kismetcore::bus
