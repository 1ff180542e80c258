// A kismetdb log's devices with their records parsed by simdjson. Header-only, so only a program that includes it
// needs simdjson's headers (Debian's libsimdjson-dev); the rest of the library's headers do without.
#pragma once

#include <string>
#include <utility>

#include <simdjson.h>

#include "kismetcore/log/kismetdb_reader.h"

namespace kismetcore::log {

// Visits the devices `query` selects, each with its `json` record parsed by `parser` (reused from record to
// record, as simdjson wants: the element is valid until the next one), until `visit(const LoggedDevice&,
// simdjson::dom::element)` returns false. A record that is not JSON stops the visit: false, with the device's
// MAC, phy and simdjson's reason in `error`; the devices before it were visited. The reader's own failures are
// reported as KismetdbReader::devices reports them. (KismetdbReader::devices gives every record as text.)
template <typename Visit>
bool visit_parsed_devices(const KismetdbReader& reader, const LogQuery& query, simdjson::dom::parser& parser,
                          Visit&& visit, std::string& error) {
    std::string parse_error;
    const bool read = reader.devices(
        query,
        [&](const LoggedDevice& device) {
            simdjson::dom::element record;
            const auto parsed = parser.parse(device.json).get(record);
            if (parsed != simdjson::SUCCESS) {
                parse_error = "device " + device.devmac + " (" + device.phyname +
                              "): record is not JSON: " + simdjson::error_message(parsed);
                return false;
            }
            return static_cast<bool>(visit(device, record));
        },
        error);
    if (!parse_error.empty()) {
        error = std::move(parse_error);
        return false;
    }
    return read;
}

}  // namespace kismetcore::log
