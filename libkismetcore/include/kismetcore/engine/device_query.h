// A device summary request as Kismet's REST API takes it: which devices (time, phy, regex) and which fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "kismetcore/fields/serializer.h"

namespace kismetcore {

struct DeviceQuery {
    // Kismet's `fields` array as JSON (strings and [path, alias] pairs); empty for whole records.
    std::string fields_json;
    // Kismet's `regex` array as JSON ([[multifield, regex], ...]); empty for no filter.
    std::string regex_json;
    // Only devices seen at or after this time; negative = seconds before the engine's clock.
    std::optional<std::int64_t> last_time;
    // Only devices of this phy (kismet.device.base.phyname), e.g. "IEEE802.11".
    std::optional<std::string> phy;
    fields::OutputFormat format = fields::OutputFormat::json;
};

struct DeviceQueryResult {
    std::string body;  // the serialized list
    std::size_t devices = 0;
    std::string error;  // a malformed field spec or regex: Kismet's message; body is empty then
};

}  // namespace kismetcore
