// Topic names and the lazy serialization of an event's content values.
#include "kismetcore/bus/event.h"

#include <mutex>

#include "fields/json_text.h"

namespace kismetcore::bus {
namespace {

constexpr std::array<std::string_view, kBuiltinTopicCount> kTopicNames = {
    "ALERT",
    "BATTERY",
    "DATASOURCE_CLOSED",
    "DATASOURCE_ERROR",
    "DATASOURCE_OPENED",
    "DATASOURCE_PAUSED",
    "DATASOURCE_RESUMED",
    "DOT11_ADVERTISED_SSID",
    "DOT11_PROBED_SSID",
    "DOT11_RESPONSE_SSID",
    "DOT11_WPA_HANDSHAKE",
    "GPS_LOCATION",
    "KISMETDB_LOG_OPEN",
    "MESSAGE",
    "NEW_DATASOURCE",
    "NEW_DEVICE",
    "NEW_PHY",
    "PACKETCHAIN_STATS",
    "STATISTICS",
    "TIMESTAMP",
};

}  // namespace

std::string_view topic_name(Topic topic) noexcept {
    const auto index = static_cast<std::size_t>(topic);
    return index < kTopicNames.size() ? kTopicNames[index] : std::string_view();
}

Topic topic_from_name(std::string_view name) noexcept {
    for (std::size_t i = 0; i < kTopicNames.size(); ++i)
        if (kTopicNames[i] == name) return static_cast<Topic>(i);
    return Topic::custom;
}

EventValue EventValue::located(std::string_view key, const fields::RecordSchema& schema,
                               std::shared_ptr<const void> owner, Locate locate, std::size_t index, SmallMutex* guard,
                               Release release) {
    EventValue value(key);
    value.schema_ = &schema;
    value.owner_ = std::move(owner);
    value.locate_ = locate;
    value.index_ = index;
    value.guard_ = guard;
    value.release_ = release;
    return value;
}

EventValue EventValue::text(std::string_view key, std::string text) {
    EventValue value(key);
    value.text_ = std::move(text);
    return value;
}

void EventValue::append(std::string& out, fields::OutputFormat format, const fields::FieldSpec* spec) const {
    if (text_) {
        out += '"';
        fields::json_text::append_escaped(out, *text_);
        out += '"';
        return;
    }
    if (schema_ == nullptr) {
        out += "{}";
        return;
    }
    std::unique_lock<SmallMutex> lock;
    if (guard_ != nullptr) lock = std::unique_lock(*guard_);
    const void* record = locate_ != nullptr ? locate_(owner_.get(), index_) : owner_.get();
    if (record == nullptr) {
        out += "{}";
        return;
    }
    struct ReleaseOnExit {
        Release release;
        const void* owner;
        ~ReleaseOnExit() {
            if (release != nullptr) release(owner);
        }
    } release_on_exit{release_, owner_.get()};
    fields::append_record(out, format, *schema_, record, spec);
    // ekjson and itjson end a record with a newline; inside the content map it is just a value.
    const bool line_format = format == fields::OutputFormat::ekjson || format == fields::OutputFormat::itjson;
    if (line_format && !out.empty() && out.back() == '\n') out.pop_back();
}

Event::Event(std::string_view topic) : topic_(topic_from_name(topic)) {
    if (topic_ == Topic::custom) custom_name_ = std::string(topic);
}

std::string_view Event::topic_name() const noexcept {
    return topic_ == Topic::custom ? std::string_view(custom_name_) : bus::topic_name(topic_);
}

}  // namespace kismetcore::bus
