// Engine::query_devices: Kismet's device summary (time and phy filters, regex, field simplification).
#include <mutex>

#include "kismetcore/engine/engine.h"
#include "kismetcore/fields/field_spec.h"
#include "kismetcore/fields/regex_filter.h"
#include "kismetcore/track/device_schema.h"

namespace kismetcore {

DeviceQueryResult Engine::query_devices(const DeviceQuery& query) const {
    DeviceQueryResult result;
    const fields::RecordSchema& schema = track::device_schema();
    std::optional<fields::FieldSpec> spec;
    if (!query.fields_json.empty()) {
        auto parsed = fields::FieldSpec::parse(query.fields_json, schema, catalog_);
        if (!parsed.spec) {
            result.error = parsed.error;
            return result;
        }
        spec = std::move(parsed.spec);
    }
    std::optional<fields::RegexFilter> filter;
    if (!query.regex_json.empty()) {
        auto parsed = fields::RegexFilter::parse(query.regex_json, schema);
        if (!parsed.filter) {
            result.error = parsed.error;
            return result;
        }
        filter = std::move(parsed.filter);
    }

    const DeviceList candidates = query.last_time ? devices_since(*query.last_time) : tracker_.all();
    fields::RecordListWriter writer(result.body, query.format);
    for (const auto& device : candidates) {
        track::DeviceReadLock lock(*device);
        if (query.phy && device->phyname != *query.phy) continue;
        if (filter && !filter->matches(*device)) continue;
        writer.add(schema, *device, spec ? &*spec : nullptr);
        ++result.devices;
    }
    writer.finish();
    return result;
}

}  // namespace kismetcore
