// The event bus: subscribers (one per websocket client) with per-topic subscriptions, field specs and formats.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kismetcore/bus/event.h"
#include "kismetcore/fields/field_catalog.h"
#include "kismetcore/fields/serializer.h"

namespace kismetcore::bus {

// One topic subscription of one subscriber: the topic (or "*"), the output format and the field specification
// Kismet applies to each value of the content map. Immutable, except for the cache of specs compiled per record
// schema on first use; safe to use from any thread, and kept alive by whoever holds it after an unsubscribe.
class Subscription {
public:
    Subscription(std::string topic, std::string fields_json, fields::OutputFormat format,
                 const fields::FieldCatalog& catalog);

    [[nodiscard]] std::string_view topic() const noexcept { return topic_; }
    [[nodiscard]] fields::OutputFormat format() const noexcept { return format_; }
    [[nodiscard]] bool matches(const Event& event) const noexcept;

    // Appends the websocket text frame for `event`: its content map, each value simplified by this
    // subscription's fields, e.g. {"TIMESTAMP": {"kismet.system.timestamp.sec": 1603120459,...}}.
    void serialize(const Event& event, std::string& out) const;
    [[nodiscard]] std::string serialize(const Event& event) const {
        std::string out;
        serialize(event, out);
        return out;
    }

private:
    [[nodiscard]] const fields::FieldSpec* spec_for(const fields::RecordSchema& schema) const;

    std::string topic_;
    bool every_topic_;
    Topic builtin_;
    std::string fields_json_;  // empty: whole records
    fields::OutputFormat format_;
    const fields::FieldCatalog* catalog_;
    mutable std::mutex specs_mutex_;
    // unique_ptr: specs handed out stay where they are while the cache grows.
    mutable std::vector<std::pair<const fields::RecordSchema*, std::unique_ptr<fields::FieldSpec>>> specs_;
};

// Kismet's EVENTBUS for the library: a publisher asks has_subscribers() first (two relaxed atomic loads) and
// builds the event only when someone listens, so an unheard topic costs next to nothing.
//
// Subscribers are added with a delivery callback; each has at most one subscription per topic (subscribing again
// replaces it, Kismet's rule), "*" receives every topic, and unsubscribing a topic it never subscribed to is
// ignored. A subscriber subscribed both to a topic and to "*" receives such an event once per subscription.
//
// Threading: any thread may subscribe, unsubscribe and publish. Deliveries run on the publishing thread, one
// publish at a time, in publish order, and within a publish in the order the subscriptions were made. A callback
// must be quick and must not block: copy the Event (cheap) or serialize it, push it onto the client's own bounded
// queue, and return; the websocket thread drains that queue. A callback may publish, subscribe or unsubscribe
// (a nested publish is delivered before the outer one continues). unsubscribe() and remove_subscriber() wait for a
// delivery in progress on another thread, so once they return that callback is not called again for it (the
// client can be destroyed): never call them while holding a lock that a delivery callback takes.
class EventBus {
public:
    using SubscriberId = std::uint64_t;
    using Delivery = std::function<void(const Event& event, const Subscription& subscription)>;

    // The catalog resolves field names in subscriptions' specs; it must outlive the bus.
    explicit EventBus(const fields::FieldCatalog& catalog);
    EventBus(const EventBus&) = delete;
    EventBus& operator=(const EventBus&) = delete;

    SubscriberId add_subscriber(Delivery delivery);
    // Drops the subscriber and all its subscriptions.
    void remove_subscriber(SubscriberId subscriber);

    // Subscribes `subscriber` to `topic` ("*" for all), replacing its previous subscription to that topic.
    // `fields_json` is Kismet's fields array (empty: whole records). Returns an error message, empty on success.
    std::string subscribe(SubscriberId subscriber, std::string_view topic, std::string_view fields_json = {},
                          fields::OutputFormat format = fields::OutputFormat::json);
    void unsubscribe(SubscriberId subscriber, std::string_view topic);

    // Kismet's websocket command: {"SUBSCRIBE": "TOPIC", "fields": [...], "format": "json"} or
    // {"UNSUBSCRIBE": "TOPIC"}. Returns an error message for a command it cannot use (the server logs it and
    // ignores the frame), empty when it was applied.
    std::string handle_command(SubscriberId subscriber, std::string_view command_json);

    [[nodiscard]] bool has_subscribers(Topic topic) const noexcept {
        if (every_topic_count_.load(std::memory_order_relaxed) != 0) return true;
        const auto index = static_cast<std::size_t>(topic);
        return index < kBuiltinTopicCount ? topic_counts_[index].load(std::memory_order_relaxed) != 0
                                          : custom_count_.load(std::memory_order_relaxed) != 0;
    }
    [[nodiscard]] bool has_subscribers(std::string_view topic) const noexcept {
        return has_subscribers(topic_from_name(topic));
    }

    void publish(const Event& event);

    [[nodiscard]] std::size_t subscription_count() const;

private:
    struct Route {
        SubscriberId subscriber;
        std::shared_ptr<const Delivery> delivery;
        std::shared_ptr<const Subscription> subscription;
    };
    struct Subscriber {
        SubscriberId id;
        std::shared_ptr<const Delivery> delivery;
    };

    void count(std::string_view topic, int change) noexcept;
    // Replaces the route list by a copy with `edit` applied (subscribers_mutex_ held).
    template <class Edit>
    void edit_routes_locked(Edit&& edit);

    const fields::FieldCatalog* catalog_;
    std::array<std::atomic<std::uint32_t>, kBuiltinTopicCount> topic_counts_{};
    std::atomic<std::uint32_t> every_topic_count_{0};
    std::atomic<std::uint32_t> custom_count_{0};

    mutable std::mutex subscribers_mutex_;
    std::vector<Subscriber> subscribers_;
    SubscriberId next_subscriber_ = 1;
    // Every subscription in the order made (a replaced one moves to the end), copied on change so publish reads
    // it without holding the lock.
    std::shared_ptr<const std::vector<Route>> routes_ = std::make_shared<const std::vector<Route>>();
    std::recursive_mutex delivery_mutex_;
};

}  // namespace kismetcore::bus
