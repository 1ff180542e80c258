// The devices of a log as JSON: each logged record as text, whole or simplified by fields/simplify_json.h.
#include "log_json.h"

#include <cstdio>

#include "kismetcore/engine/engine.h"
#include "kismetcore/fields/field_catalog.h"
#include "kismetcore/fields/simplify_json.h"
#include "kismetcore/log/kismetdb_reader.h"
#include "kismetcore/track/device_schema.h"

namespace kismetcore::apps {

int log_to_json(const LogJsonOptions& options) {
    const fields::RecordSchema& schema = track::device_schema();
    // kismetd's catalog, so that names resolve as a REST request's `fields` resolve there.
    const fields::FieldCatalog catalog(Engine::field_catalog_roots());
    std::optional<fields::FieldSpec> spec;
    if (options.fields_json) {
        auto parsed = fields::FieldSpec::parse(*options.fields_json, schema, catalog);
        if (!parsed.spec) {
            std::fprintf(stderr, "kismetdb: --fields: %s\n", parsed.error.c_str());
            return 2;
        }
        spec = std::move(parsed.spec);
    }

    std::string read_error;
    const auto reader = log::KismetdbReader::open(options.log_path, read_error);
    if (!reader) {
        std::fprintf(stderr, "kismetdb: %s\n", read_error.c_str());
        return 1;
    }

    fields::JsonRecordSimplifier simplifier(options.ekjson ? fields::OutputFormat::ekjson : fields::OutputFormat::json,
                                            schema, spec ? &*spec : nullptr);
    int status = 0;
    bool first = true;
    std::string record;
    std::string record_error;
    // Kismet's kismetdb_dump_devices frames its array as "[\n", records separated by ",\n", then "]\n".
    if (!options.ekjson) std::fputs("[\n", stdout);
    const bool read = reader->devices(
        options.query,
        [&](const log::LoggedDevice& device) {
            record.clear();
            if (!simplifier.append(record, device.json, record_error)) {
                std::fprintf(stderr, "kismetdb: device %s (%s): %s; skipped\n", device.devmac.c_str(),
                             device.phyname.c_str(), record_error.c_str());
                status = 1;
                return true;
            }
            if (!options.ekjson && !first) std::fputs(",\n", stdout);
            first = false;
            std::fwrite(record.data(), 1, record.size(), stdout);
            return true;
        },
        read_error);
    // The array is closed after a read error too, so that what was printed is still one JSON document.
    if (!options.ekjson) std::fputs("]\n", stdout);
    if (!read) {
        std::fprintf(stderr, "kismetdb: %s\n", read_error.c_str());
        status = 1;
    }
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        std::fputs("kismetdb: could not write the devices to stdout\n", stderr);
        status = 1;
    }
    return status;
}

}  // namespace kismetcore::apps
