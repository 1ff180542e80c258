// The event bus: subscriptions per topic and "*", replacement, unsubscription, per-subscriber fields and formats,
// ordering, and the frame shape Kismet's websocket sends.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "kismetcore/bus/event_bus.h"
#include "kismetcore/bus/message.h"
#include "kismetcore/bus/system_records.h"

namespace {

using kismetcore::bus::Event;
using kismetcore::bus::EventBus;
using kismetcore::bus::EventValue;
using kismetcore::bus::Message;
using kismetcore::bus::Subscription;
using kismetcore::bus::TimestampRecord;
using kismetcore::bus::Topic;
using kismetcore::fields::FieldCatalog;
using kismetcore::fields::OutputFormat;

const FieldCatalog& test_catalog() {
    static const FieldCatalog catalog{&kismetcore::bus::message_schema(), &kismetcore::bus::timestamp_record_schema()};
    return catalog;
}

Event timestamp_event(std::uint64_t sec, std::uint64_t usec) {
    Event event(Topic::timestamp);
    event.add(
        EventValue::snapshot("TIMESTAMP", kismetcore::bus::timestamp_record_schema(), TimestampRecord{sec, usec}));
    return event;
}

Event message_event(std::string text) {
    Event event(Topic::message);
    event.add(EventValue::snapshot("MESSAGE", kismetcore::bus::message_schema(),
                                   Message{std::move(text), 2, {1795369950, 0}}));
    return event;
}

Event text_event(std::string_view topic, std::string text) {
    Event event(topic);
    event.add(EventValue::text(topic, std::move(text)));  // topic: a literal, so the content key outlives the event
    return event;
}

// A subscriber that serializes every delivery at once, as a websocket client's callback would.
struct RecordingClient {
    std::vector<std::string> frames;
    EventBus::SubscriberId id = 0;

    explicit RecordingClient(EventBus& bus) {
        id = bus.add_subscriber([this](const Event& event, const Subscription& subscription) {
            frames.push_back(subscription.serialize(event));
        });
    }
};

}  // namespace

TEST_CASE("a subscriber receives its topic as Kismet's content map frame", "[bus]") {
    EventBus bus(test_catalog());
    RecordingClient client(bus);
    REQUIRE(bus.subscribe(client.id, "TIMESTAMP").empty());
    bus.publish(timestamp_event(1795369951, 3557));
    bus.publish(message_event("not subscribed"));
    // Byte for byte the frame Kismet sent on wpa2-psk-linksys (eventbus_wpa2-psk-linksys.jsonl).
    REQUIRE(client.frames.size() == 1);
    CHECK(client.frames[0] ==
          R"({"TIMESTAMP": {"kismet.system.timestamp.sec": 1795369951,"kismet.system.timestamp.usec": 3557}})");
}

TEST_CASE("has_subscribers follows subscriptions of the topic and of every topic", "[bus]") {
    EventBus bus(test_catalog());
    RecordingClient client(bus);
    CHECK_FALSE(bus.has_subscribers(Topic::timestamp));
    bus.subscribe(client.id, "TIMESTAMP");
    CHECK(bus.has_subscribers(Topic::timestamp));
    CHECK(bus.has_subscribers("TIMESTAMP"));
    CHECK_FALSE(bus.has_subscribers(Topic::new_device));
    bus.subscribe(client.id, "TIMESTAMP");  // a replacement does not count twice
    bus.unsubscribe(client.id, "TIMESTAMP");
    CHECK_FALSE(bus.has_subscribers(Topic::timestamp));

    bus.subscribe(client.id, "*");
    CHECK(bus.has_subscribers(Topic::new_device));
    CHECK(bus.has_subscribers("PLUGIN_TOPIC"));
    bus.remove_subscriber(client.id);
    CHECK_FALSE(bus.has_subscribers(Topic::new_device));
    CHECK(bus.subscription_count() == 0);
}

TEST_CASE("unsubscribe stops delivery; unsubscribing an unknown topic is ignored", "[bus]") {
    EventBus bus(test_catalog());
    RecordingClient client(bus);
    bus.subscribe(client.id, "MESSAGE");
    bus.unsubscribe(client.id, "TIMESTAMP");
    bus.publish(message_event("one"));
    bus.unsubscribe(client.id, "MESSAGE");
    bus.publish(message_event("two"));
    REQUIRE(client.frames.size() == 1);
    CHECK(client.frames[0].find("\"one\"") != std::string::npos);
}

TEST_CASE("\"*\" receives every topic, custom ones too", "[bus]") {
    EventBus bus(test_catalog());
    RecordingClient client(bus);
    bus.subscribe(client.id, "*");
    bus.publish(timestamp_event(1, 2));
    bus.publish(message_event("hello"));
    bus.publish(text_event("PLUGIN_STATUS", "ready"));
    REQUIRE(client.frames.size() == 3);
    CHECK(client.frames[2] == R"({"PLUGIN_STATUS": "ready"})");
}

TEST_CASE("a custom topic reaches only subscribers of that name", "[bus]") {
    EventBus bus(test_catalog());
    RecordingClient client(bus);
    bus.subscribe(client.id, "PLUGIN_A");
    CHECK(bus.has_subscribers("PLUGIN_B"));  // custom topics share one counter: a cheap, conservative answer
    bus.publish(text_event("PLUGIN_B", "x"));
    bus.publish(text_event("PLUGIN_A", "y"));
    REQUIRE(client.frames.size() == 1);
    CHECK(client.frames[0] == R"({"PLUGIN_A": "y"})");
}

TEST_CASE("subscribing again replaces the fields of the earlier subscription", "[bus]") {
    EventBus bus(test_catalog());
    RecordingClient client(bus);
    bus.subscribe(client.id, "TIMESTAMP", R"(["kismet.system.timestamp.sec"])");
    bus.subscribe(client.id, "TIMESTAMP", R"([["kismet.system.timestamp.usec", "usec"]])");
    CHECK(bus.subscription_count() == 1);
    bus.publish(timestamp_event(10, 20));
    REQUIRE(client.frames.size() == 1);
    CHECK(client.frames[0] == R"({"TIMESTAMP": {"usec": 20}})");
}

TEST_CASE("each subscriber gets its own field simplification and format", "[bus]") {
    EventBus bus(test_catalog());
    RecordingClient whole(bus);
    RecordingClient simplified(bus);
    RecordingClient ek(bus);
    bus.subscribe(whole.id, "MESSAGE");
    bus.subscribe(simplified.id, "MESSAGE",
                  R"(["kismet.messagebus.message_string", ["kismet.messagebus.message_flags", "flags"]])");
    bus.subscribe(ek.id, "MESSAGE", R"(["kismet.messagebus.message_time"])", OutputFormat::ekjson);
    bus.publish(message_event("Pcapfile closed"));
    CHECK(whole.frames.at(0) ==
          R"({"MESSAGE": {"kismet.messagebus.message_string": "Pcapfile closed",)"
          R"("kismet.messagebus.message_flags": 2,"kismet.messagebus.message_time": 1795369950}})");
    CHECK(simplified.frames.at(0) ==
          R"({"MESSAGE": {"kismet.messagebus.message_string": "Pcapfile closed","flags": 2}})");
    CHECK(ek.frames.at(0) == R"({"MESSAGE": {"kismet_messagebus_message_time": 1795369950}})");
}

TEST_CASE("a field spec applies to each value of the content map", "[bus]") {
    EventBus bus(test_catalog());
    RecordingClient client(bus);
    bus.subscribe(client.id, "DOUBLE", R"(["kismet.messagebus.message_flags", "kismet.system.timestamp.sec"])");
    Event event("DOUBLE");
    event.add(EventValue::snapshot("FIRST", kismetcore::bus::message_schema(), Message{"x", 4, {1, 0}}));
    event.add(EventValue::snapshot("SECOND", kismetcore::bus::timestamp_record_schema(), TimestampRecord{7, 8}));
    bus.publish(event);
    // A field registered by another record but absent from this one comes back as 0, as Kismet does.
    CHECK(client.frames.at(0) ==
          R"({"FIRST": {"kismet.messagebus.message_flags": 4,"kismet.system.timestamp.sec": 0},)"
          R"("SECOND": {"kismet.messagebus.message_flags": 0,"kismet.system.timestamp.sec": 7}})");
}

TEST_CASE("an invalid field list is refused and leaves the old subscription", "[bus]") {
    EventBus bus(test_catalog());
    RecordingClient client(bus);
    bus.subscribe(client.id, "TIMESTAMP");
    CHECK_FALSE(bus.subscribe(client.id, "TIMESTAMP", R"([42])").empty());
    CHECK_FALSE(bus.subscribe(client.id, "TIMESTAMP", R"([ "unterminated )").empty());
    bus.publish(timestamp_event(1, 2));
    REQUIRE(client.frames.size() == 1);
    CHECK(client.frames[0].find("kismet.system.timestamp.usec") != std::string::npos);
}

TEST_CASE("deliveries follow publish order, and subscription order within a publish", "[bus]") {
    EventBus bus(test_catalog());
    std::vector<std::string> log;
    const auto make = [&](std::string name) {
        return bus.add_subscriber([&log, name](const Event& event, const Subscription&) {
            log.push_back(name + ":" + std::string(event.topic_name()));
        });
    };
    const auto a = make("a");
    const auto b = make("b");
    bus.subscribe(b, "*");
    bus.subscribe(a, "MESSAGE");
    bus.subscribe(a, "TIMESTAMP");
    bus.publish(message_event("1"));
    bus.publish(timestamp_event(1, 1));
    CHECK(log == std::vector<std::string>{"b:MESSAGE", "a:MESSAGE", "b:TIMESTAMP", "a:TIMESTAMP"});

    // Subscribing again moves the subscription to the end.
    log.clear();
    bus.subscribe(b, "*");
    bus.publish(message_event("2"));
    CHECK(log == std::vector<std::string>{"a:MESSAGE", "b:MESSAGE"});
}

TEST_CASE("a subscriber on a topic and on \"*\" gets the event once per subscription", "[bus]") {
    EventBus bus(test_catalog());
    RecordingClient client(bus);
    bus.subscribe(client.id, "TIMESTAMP", R"(["kismet.system.timestamp.sec"])");
    bus.subscribe(client.id, "*");
    bus.publish(timestamp_event(5, 6));
    REQUIRE(client.frames.size() == 2);
    CHECK(client.frames[0] == R"({"TIMESTAMP": {"kismet.system.timestamp.sec": 5}})");
    CHECK(client.frames[1] == R"({"TIMESTAMP": {"kismet.system.timestamp.sec": 5,"kismet.system.timestamp.usec": 6}})");
}

TEST_CASE("callbacks may publish and unsubscribe from inside a delivery", "[bus]") {
    EventBus bus(test_catalog());
    std::vector<std::string> log;
    EventBus::SubscriberId id = 0;
    id = bus.add_subscriber([&](const Event& event, const Subscription&) {
        log.emplace_back(event.topic_name());
        if (event.topic() == Topic::message) {
            bus.publish(timestamp_event(1, 1));
            bus.unsubscribe(id, "MESSAGE");
        }
    });
    bus.subscribe(id, "MESSAGE");
    bus.subscribe(id, "TIMESTAMP");
    bus.publish(message_event("x"));
    bus.publish(message_event("y"));
    CHECK(log == std::vector<std::string>{"MESSAGE", "TIMESTAMP"});
}

TEST_CASE("a queued event serializes later, after the subscription is gone", "[bus]") {
    EventBus bus(test_catalog());
    std::vector<Event> queue;
    const auto id = bus.add_subscriber([&queue](const Event& event, const Subscription&) { queue.push_back(event); });
    bus.subscribe(id, "TIMESTAMP", R"(["kismet.system.timestamp.usec"])");
    bus.publish(timestamp_event(3, 4));
    bus.remove_subscriber(id);
    bus.publish(timestamp_event(5, 6));
    REQUIRE(queue.size() == 1);
    // The event owns its snapshot: any subscription can still write it.
    const Subscription later("TIMESTAMP", "", OutputFormat::json, test_catalog());
    CHECK(later.serialize(queue[0]) ==
          R"({"TIMESTAMP": {"kismet.system.timestamp.sec": 3,"kismet.system.timestamp.usec": 4}})");
}

TEST_CASE("an event with no content is an empty object", "[bus]") {
    const Subscription subscription("KISMETDB_LOG_OPEN", "", OutputFormat::json, test_catalog());
    CHECK(subscription.serialize(Event(Topic::kismetdb_log_open)) == "{}");
}

TEST_CASE("text content is an escaped JSON string", "[bus]") {
    const Subscription subscription("DATASOURCE_OPENED", "", OutputFormat::json, test_catalog());
    Event event(Topic::datasource_opened);
    event.add(EventValue::text("DATASOURCE_OPENED", "5FE308BD-0000-0000-0000-00C0CA1F\"x"));
    CHECK(subscription.serialize(event) == R"({"DATASOURCE_OPENED": "5FE308BD-0000-0000-0000-00C0CA1F\"x"})");
}

TEST_CASE("the websocket commands subscribe and unsubscribe", "[bus]") {
    EventBus bus(test_catalog());
    RecordingClient client(bus);
    CHECK(bus.handle_command(client.id, R"({"SUBSCRIBE": "TIMESTAMP", "fields": ["kismet.system.timestamp.sec"]})")
              .empty());
    bus.publish(timestamp_event(9, 1));
    CHECK(bus.handle_command(client.id, R"({"SUBSCRIBE": "MESSAGE", "format": "ekjson"})").empty());
    bus.publish(message_event("m"));
    CHECK(bus.handle_command(client.id, R"({"UNSUBSCRIBE": "TIMESTAMP"})").empty());
    bus.publish(timestamp_event(9, 2));
    REQUIRE(client.frames.size() == 2);
    CHECK(client.frames[0] == R"({"TIMESTAMP": {"kismet.system.timestamp.sec": 9}})");
    CHECK(client.frames[1].find("kismet_messagebus_message_string") != std::string::npos);

    CHECK_FALSE(bus.handle_command(client.id, "not json").empty());
    CHECK_FALSE(bus.handle_command(client.id, R"({"PUBLISH": "X"})").empty());
    CHECK_FALSE(bus.handle_command(client.id, R"({"SUBSCRIBE": "X", "fields": [1]})").empty());
}

TEST_CASE("topic names are Kismet's and round-trip", "[bus]") {
    using kismetcore::bus::topic_from_name;
    using kismetcore::bus::topic_name;
    for (std::size_t i = 0; i < kismetcore::bus::kBuiltinTopicCount; ++i) {
        const auto topic = static_cast<Topic>(i);
        CHECK(topic_from_name(topic_name(topic)) == topic);
    }
    CHECK(topic_name(Topic::dot11_advertised_ssid) == "DOT11_ADVERTISED_SSID");
    CHECK(topic_name(Topic::dot11_wpa_handshake) == "DOT11_WPA_HANDSHAKE");
    CHECK(topic_name(Topic::new_device) == "NEW_DEVICE");
    CHECK(topic_from_name("timestamp") == Topic::custom);  // topics are case-sensitive
}
