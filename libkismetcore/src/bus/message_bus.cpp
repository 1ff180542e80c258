// The message backlog ring and the delivery of new messages to listeners.
#include "kismetcore/bus/message_bus.h"

#include <chrono>
#include <utility>

namespace kismetcore::bus {
namespace {

track::WallTime system_wall_time() {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    const auto usec = std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count();
    return {static_cast<std::uint64_t>(usec / 1'000'000), static_cast<std::uint32_t>(usec % 1'000'000)};
}

bool after(const track::WallTime& a, const track::WallTime& b) noexcept {
    return a.sec != b.sec ? a.sec > b.sec : a.usec > b.usec;
}

}  // namespace

MessageBus::MessageBus(std::size_t backlog, Clock clock)
    : capacity_(backlog == 0 ? 1 : backlog), clock_(clock ? std::move(clock) : Clock(system_wall_time)) {
    ring_.reserve(capacity_);
}

track::WallTime MessageBus::now() const {
    return clock_();
}

void MessageBus::post(std::string text, std::uint32_t flags) {
    post(Message{std::move(text), flags, clock_()});
}

void MessageBus::post(Message message) {
    const Message* stored = nullptr;
    Message delivered;
    {
        std::lock_guard lock(backlog_mutex_);
        if (ring_.size() < capacity_) {
            ring_.push_back(std::move(message));
            stored = &ring_.back();
        } else {
            ring_[next_] = std::move(message);
            stored = &ring_[next_];
            next_ = (next_ + 1) % capacity_;
        }
        // Listeners get their own copy: the slot may be overwritten by a post from another thread meanwhile.
        delivered = *stored;
    }
    std::shared_ptr<const std::vector<Entry>> listeners;
    {
        std::lock_guard lock(listeners_mutex_);
        listeners = listeners_;
    }
    for (const auto& entry : *listeners) entry.listener(delivered);
}

template <class Visit>
void MessageBus::visit_oldest_first(Visit&& visit) const {
    // Until the ring is full next_ stays 0, so this is insertion order in both states.
    for (std::size_t i = 0; i < ring_.size(); ++i) visit(ring_[(next_ + i) % ring_.size()]);
}

std::vector<Message> MessageBus::all() const {
    std::lock_guard lock(backlog_mutex_);
    std::vector<Message> messages;
    messages.reserve(ring_.size());
    visit_oldest_first([&messages](const Message& message) { messages.push_back(message); });
    return messages;
}

std::vector<Message> MessageBus::since(track::WallTime time) const {
    std::lock_guard lock(backlog_mutex_);
    std::vector<Message> messages;
    visit_oldest_first([&](const Message& message) {
        if (after(message.time, time)) messages.push_back(message);
    });
    return messages;
}

std::size_t MessageBus::size() const {
    std::lock_guard lock(backlog_mutex_);
    return ring_.size();
}

MessageBus::ListenerId MessageBus::add_listener(Listener listener) {
    std::lock_guard lock(listeners_mutex_);
    auto changed = std::make_shared<std::vector<Entry>>(*listeners_);
    const ListenerId id = next_listener_id_++;
    changed->push_back({id, std::move(listener)});
    listeners_ = std::move(changed);
    return id;
}

void MessageBus::remove_listener(ListenerId id) {
    std::lock_guard lock(listeners_mutex_);
    auto changed = std::make_shared<std::vector<Entry>>(*listeners_);
    std::erase_if(*changed, [id](const Entry& entry) { return entry.id == id; });
    listeners_ = std::move(changed);
}

}  // namespace kismetcore::bus
