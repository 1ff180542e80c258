// Kismet's eventbus websocket commands: {"SUBSCRIBE": topic, "fields": [...], "format": ...} and {"UNSUBSCRIBE":
// topic}.
#include <simdjson.h>

#include "kismetcore/bus/event_bus.h"

namespace kismetcore::bus {

std::string EventBus::handle_command(SubscriberId subscriber, std::string_view command_json) {
    simdjson::dom::parser parser;
    simdjson::dom::object command;
    if (parser.parse(command_json.data(), command_json.size()).get(command) != simdjson::SUCCESS)
        return "Invalid eventbus command: expected a JSON object";

    std::string_view topic;
    if (command["SUBSCRIBE"].get_string().get(topic) == simdjson::SUCCESS) {
        std::string fields_json;
        simdjson::dom::element fields;
        if (command["fields"].get(fields) == simdjson::SUCCESS) fields_json = simdjson::to_string(fields);
        // Kismet picks the serializer by name as it does from a URL extension; an unknown name stays json.
        auto format = fields::OutputFormat::json;
        std::string_view format_name;
        if (command["format"].get_string().get(format_name) == simdjson::SUCCESS)
            format = fields::output_format_for_extension(format_name).value_or(fields::OutputFormat::json);
        return subscribe(subscriber, topic, fields_json, format);
    }
    if (command["UNSUBSCRIBE"].get_string().get(topic) == simdjson::SUCCESS) {
        unsubscribe(subscriber, topic);
        return {};
    }
    return "Invalid eventbus command: expected SUBSCRIBE or UNSUBSCRIBE";
}

}  // namespace kismetcore::bus
