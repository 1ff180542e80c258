// Subscriptions, their per-schema field specs, and in-order delivery of published events.
#include "kismetcore/bus/event_bus.h"

#include <algorithm>

#include "kismetcore/bus/message.h"

namespace kismetcore::bus {

Subscription::Subscription(std::string topic, std::string fields_json, fields::OutputFormat format,
                           const fields::FieldCatalog& catalog)
    : topic_(std::move(topic)),
      every_topic_(topic_ == kEveryTopic),
      builtin_(topic_from_name(topic_)),
      fields_json_(std::move(fields_json)),
      format_(format),
      catalog_(&catalog) {}

bool Subscription::matches(const Event& event) const noexcept {
    if (every_topic_) return true;
    if (builtin_ != Topic::custom) return event.topic() == builtin_;
    return event.topic() == Topic::custom && event.topic_name() == topic_;
}

const fields::FieldSpec* Subscription::spec_for(const fields::RecordSchema& schema) const {
    if (fields_json_.empty()) return nullptr;
    std::lock_guard lock(specs_mutex_);
    for (const auto& [compiled_for, spec] : specs_)
        if (compiled_for == &schema) return spec.get();
    // The list was checked when the subscription was made, so it parses; each record type of the content map
    // gets its own compiled paths, as Kismet simplifies each value of the map separately.
    auto parsed = fields::FieldSpec::parse(fields_json_, schema, *catalog_);
    auto spec = parsed.spec ? std::make_unique<fields::FieldSpec>(std::move(*parsed.spec)) : nullptr;
    specs_.emplace_back(&schema, std::move(spec));
    return specs_.back().second.get();
}

void Subscription::serialize(const Event& event, std::string& out) const {
    // Kismet writes the content map with its json serializer: a space after each colon, none after commas.
    out += '{';
    bool first = true;
    for (const auto& value : event.values()) {
        if (!first) out += ',';
        first = false;
        out += '"';
        out += value.key();
        out += "\": ";
        value.append(out, format_, value.schema() != nullptr ? spec_for(*value.schema()) : nullptr);
    }
    out += '}';
}

EventBus::EventBus(const fields::FieldCatalog& catalog) : catalog_(&catalog) {}

EventBus::SubscriberId EventBus::add_subscriber(Delivery delivery) {
    std::lock_guard lock(subscribers_mutex_);
    const SubscriberId id = next_subscriber_++;
    subscribers_.push_back({id, std::make_shared<const Delivery>(std::move(delivery))});
    return id;
}

template <class Edit>
void EventBus::edit_routes_locked(Edit&& edit) {
    auto changed = std::make_shared<std::vector<Route>>(*routes_);
    edit(*changed);
    routes_ = std::move(changed);
}

void EventBus::count(std::string_view topic, int change) noexcept {
    std::atomic<std::uint32_t>* counter = &custom_count_;
    if (topic == kEveryTopic) {
        counter = &every_topic_count_;
    } else if (const Topic builtin = topic_from_name(topic); builtin != Topic::custom) {
        counter = &topic_counts_[static_cast<std::size_t>(builtin)];
    }
    if (change > 0)
        counter->fetch_add(1, std::memory_order_relaxed);
    else
        counter->fetch_sub(1, std::memory_order_relaxed);
}

void EventBus::remove_subscriber(SubscriberId subscriber) {
    // Waits for a delivery in progress, so the callback is never called once this returns.
    std::lock_guard delivery(delivery_mutex_);
    std::lock_guard lock(subscribers_mutex_);
    std::erase_if(subscribers_, [subscriber](const Subscriber& entry) { return entry.id == subscriber; });
    edit_routes_locked([&](std::vector<Route>& routes) {
        std::erase_if(routes, [&](const Route& route) {
            if (route.subscriber != subscriber) return false;
            count(route.subscription->topic(), -1);
            return true;
        });
    });
}

std::string EventBus::subscribe(SubscriberId subscriber, std::string_view topic, std::string_view fields_json,
                                fields::OutputFormat format) {
    if (topic.empty()) return "Invalid eventbus subscription: empty topic";
    if (!fields_json.empty()) {
        // Checked once here against any schema: the list's syntax does not depend on the record type.
        auto parsed = fields::FieldSpec::parse(fields_json, message_schema(), *catalog_);
        if (!parsed.spec) return parsed.error;
    }
    auto subscription =
        std::make_shared<const Subscription>(std::string(topic), std::string(fields_json), format, *catalog_);
    std::lock_guard lock(subscribers_mutex_);
    const auto found = std::find_if(subscribers_.begin(), subscribers_.end(),
                                    [subscriber](const Subscriber& entry) { return entry.id == subscriber; });
    if (found == subscribers_.end()) return "Unknown eventbus subscriber";
    edit_routes_locked([&](std::vector<Route>& routes) {
        std::erase_if(routes, [&](const Route& route) {
            if (route.subscriber != subscriber || route.subscription->topic() != topic) return false;
            count(topic, -1);
            return true;
        });
        routes.push_back({subscriber, found->delivery, std::move(subscription)});
        count(topic, +1);
    });
    return {};
}

void EventBus::unsubscribe(SubscriberId subscriber, std::string_view topic) {
    std::lock_guard delivery(delivery_mutex_);
    std::lock_guard lock(subscribers_mutex_);
    edit_routes_locked([&](std::vector<Route>& routes) {
        std::erase_if(routes, [&](const Route& route) {
            if (route.subscriber != subscriber || route.subscription->topic() != topic) return false;
            count(topic, -1);
            return true;
        });
    });
}

std::size_t EventBus::subscription_count() const {
    std::lock_guard lock(subscribers_mutex_);
    return routes_->size();
}

void EventBus::publish(const Event& event) {
    if (!has_subscribers(event.topic())) return;
    std::lock_guard delivery(delivery_mutex_);
    std::shared_ptr<const std::vector<Route>> routes;
    {
        std::lock_guard lock(subscribers_mutex_);
        routes = routes_;
    }
    for (const auto& route : *routes)
        if (route.subscription->matches(event)) (*route.delivery)(event, *route.subscription);
}

}  // namespace kismetcore::bus
