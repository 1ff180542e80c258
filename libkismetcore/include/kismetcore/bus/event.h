// An event bus event: a topic and its content map (content key -> record), serialized lazily per subscriber.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "kismetcore/common/small_mutex.h"
#include "kismetcore/fields/field_spec.h"
#include "kismetcore/fields/record_schema.h"
#include "kismetcore/fields/serializer.h"

namespace kismetcore::bus {

// The topics Kismet publishes (eventbus-websocket.txt, kismet-reference.md 5.1). Others (plugins, helpers) are
// published by name.
enum class Topic : std::uint8_t {
    alert,
    battery,
    datasource_closed,
    datasource_error,
    datasource_opened,
    datasource_paused,
    datasource_resumed,
    dot11_advertised_ssid,
    dot11_probed_ssid,
    dot11_response_ssid,
    dot11_wpa_handshake,
    gps_location,
    kismetdb_log_open,
    message,
    new_datasource,
    new_device,
    new_phy,
    packetchain_stats,
    statistics,
    timestamp,
    custom,  // a topic known only by its name
};
inline constexpr std::size_t kBuiltinTopicCount = static_cast<std::size_t>(Topic::custom);

// "ALERT", "DOT11_ADVERTISED_SSID", ...; empty for Topic::custom.
std::string_view topic_name(Topic topic) noexcept;
// The built-in topic of that exact (case-sensitive) name, else Topic::custom.
Topic topic_from_name(std::string_view name) noexcept;
// Subscribing to this name subscribes to every topic.
inline constexpr std::string_view kEveryTopic = "*";

// Content keys that are not their topic's name.
namespace content_key {
inline constexpr std::string_view kDot11NewSsidBasedev = "DOT11_NEW_SSID_BASEDEV";
inline constexpr std::string_view kDot11WpaHandshakeBasedev = "DOT11_WPA_HANDSHAKE_BASEDEV";
inline constexpr std::string_view kDot11WpaHandshakeDot11 = "DOT11_WPA_HANDSHAKE_DOT11";
}  // namespace content_key

// One entry of an event's content map. It refers to its record instead of holding JSON, so nothing is serialized
// until a subscriber asks, and each subscriber can apply its own field specification:
// - a record: a shared pointer keeps it (or a snapshot of it) alive while the event is held;
// - a located record: a record inside an owner that may change after the event was published (an SSID record in
//   a device's SSID map): found again through `locate(owner, index)` under the owner's lock when serialized;
// - text: a JSON string (a datasource UUID).
// An event with no values (KISMETDB_LOG_OPEN) is written as {}.
// Content keys must outlive the event: use string literals or the constants above.
class EventValue {
public:
    using Locate = const void* (*)(const void* owner, std::size_t index) noexcept;
    using Release = void (*)(const void* owner) noexcept;

    template <typename Record>
    static EventValue record(std::string_view key, const fields::RecordSchema& schema,
                             std::shared_ptr<const Record> record, SmallMutex* guard = nullptr) {
        fields::require_schema_for(schema, typeid(Record));
        EventValue value(key);
        value.schema_ = &schema;
        value.owner_ = std::move(record);
        value.guard_ = guard;
        return value;
    }
    // A copy of `record` that the event owns: for values that change under the publisher (timestamps, stats).
    template <typename Record>
    static EventValue snapshot(std::string_view key, const fields::RecordSchema& schema, Record record) {
        return EventValue::record<Record>(key, schema, std::make_shared<const Record>(std::move(record)));
    }
    // `locate` returns the record of `schema` inside `owner`, or null when it is gone. `guard` (the owner's lock)
    // is held while the record is located and written, and while `release` (if given) undoes what `locate` set up
    // for the writing, after a record was found.
    static EventValue located(std::string_view key, const fields::RecordSchema& schema,
                              std::shared_ptr<const void> owner, Locate locate, std::size_t index, SmallMutex* guard,
                              Release release = nullptr);
    static EventValue text(std::string_view key, std::string text);

    [[nodiscard]] std::string_view key() const noexcept { return key_; }
    // The record's schema; null for text and empty values.
    [[nodiscard]] const fields::RecordSchema* schema() const noexcept { return schema_; }

    // Appends the value (not its key) in `format`, simplified by `spec` when given (it must be compiled for
    // schema()). A located record that is gone is written as {}. Takes the value's guard while it reads, so
    // never call it while holding that lock.
    void append(std::string& out, fields::OutputFormat format, const fields::FieldSpec* spec) const;

private:
    explicit EventValue(std::string_view key) : key_(key) {}

    std::string_view key_;
    const fields::RecordSchema* schema_ = nullptr;
    std::shared_ptr<const void> owner_;
    Locate locate_ = nullptr;
    Release release_ = nullptr;
    std::size_t index_ = 0;
    SmallMutex* guard_ = nullptr;
    std::optional<std::string> text_;
};

// A published event. Cheap to copy (shared pointers), so a subscriber may queue it and serialize it later on
// another thread.
class Event {
public:
    explicit Event(Topic topic) : topic_(topic) {}
    // A topic by name: a built-in name gets its Topic, any other is Topic::custom.
    explicit Event(std::string_view topic);

    Event& add(EventValue value) {
        values_.push_back(std::move(value));
        return *this;
    }

    [[nodiscard]] Topic topic() const noexcept { return topic_; }
    [[nodiscard]] std::string_view topic_name() const noexcept;
    [[nodiscard]] std::span<const EventValue> values() const noexcept { return values_; }

private:
    Topic topic_;
    std::string custom_name_;
    std::vector<EventValue> values_;
};

}  // namespace kismetcore::bus
