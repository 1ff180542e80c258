// Benchmark: devices/s and bytes/s serialized, whole records and a 5-field simplified spec, json and ekjson.
//
// The devices are the ones kismet-synth's capture (the dissect and track benchmarks' input) leaves in an Engine,
// 100,000 by default: access points with their SSID records, clients with their probed SSIDs and client records.
// Each timed run writes every device into a fresh string with fields::RecordListWriter and
// track::device_schema(), locking each device with a DeviceReadLock as Engine::query_devices does (so the
// seen-by records embed their datasource record). Baselines from the same run: simdjson (DOM, parse_many)
// parsing the ekjson output of the same spec, and memcpy of the same bytes. The ratio
// that matters is serializer bytes/s over simdjson's parse bytes/s: how fast we write a record compared with
// how fast the fastest JSON parser reads it.
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "bench_support.h"
#include "kismetcore/engine/engine.h"
#include "kismetcore/fields/field_spec.h"
#include "kismetcore/fields/serializer.h"
#include "kismetcore/track/device.h"
#include "kismetcore/track/device_schema.h"

namespace {

using kismetcore::bench::Clock;
using kismetcore::bench::Figures;
using kismetcore::bench::seconds_since;
using kismetcore::fields::OutputFormat;

constexpr const char* kProgram = "kismetcore_bench_serialize";

constexpr const char* kSimplifiedFields =
    R"(["kismet.device.base.macaddr", "kismet.device.base.name", "kismet.device.base.channel", )"
    R"("kismet.device.base.packets.total", "dot11.device/dot11.device.num_probed_ssids"])";

constexpr const char* kUsageHead =
    "usage: kismetcore_bench_serialize [--capture FILE] [--packets N] [--devices M] [--ssids K] [--seed S]\n"
    "                                  [--repeat R] [--synth PATH] [--work DIR]\n"
    "\n"
    "Feeds the capture into an Engine, then prints devices/s and bytes/s for serializing every device as whole\n"
    "json and ekjson records and with a 5-field simplified spec, best and median of R rotating runs each,\n"
    "against simdjson parsing the same output and memcpy of the same bytes, and a final JSON line.\n";
constexpr const char* kUsageTail =
    "Without --capture the capture is kismet-synth's, shared with kismetcore_bench_dissect.\n";

using DeviceList = kismetcore::DeviceList;

struct Variant {
    const char* name;
    const char* key;  // its name in the JSON line
    OutputFormat format;
    bool simplified;
    std::vector<double> seconds;
    std::string output;  // the last run's output, for the baselines and the checks
};

// One timed run: every device, each under its own lock, into a fresh string (its growth is part of the cost).
double serialize_all(const DeviceList& devices, Variant& variant, const kismetcore::fields::FieldSpec* spec) {
    const auto& schema = kismetcore::track::device_schema();
    const auto start = Clock::now();
    std::string out;
    kismetcore::fields::RecordListWriter writer(out, variant.format);
    for (const auto& device : devices) {
        const kismetcore::track::DeviceReadLock lock(*device);
        writer.add(schema, *device, variant.simplified ? spec : nullptr);
    }
    writer.finish();
    const double seconds = seconds_since(start);
    variant.output = std::move(out);
    return seconds;
}

// simdjson over one ekjson output: returns the seconds (the padded copy is made before the clock starts) and
// counts the documents, which must be one per device.
std::optional<double> simdjson_parse(const std::string& text, std::uint64_t& documents) {
    const simdjson::padded_string padded(text);
    simdjson::dom::parser parser;
    documents = 0;
    const auto start = Clock::now();
    simdjson::dom::document_stream stream;
    if (parser.parse_many(padded).get(stream) != simdjson::SUCCESS) return std::nullopt;
    for (auto document : stream) {
        if (document.error() != simdjson::SUCCESS) return std::nullopt;
        ++documents;
    }
    return seconds_since(start);
}

// memcpy of `bytes` into a buffer already faulted in: what moving the bytes costs at least.
double copy_seconds(const std::string& text, std::vector<char>& destination) {
    destination.assign(text.size(), 0);
    const auto start = Clock::now();
    std::memcpy(destination.data(), text.data(), text.size());
    const double seconds = seconds_since(start);
    // Reading one byte back keeps the copy from being optimised away.
    if (!text.empty() && destination[text.size() / 2] != text[text.size() / 2]) return -1;
    return seconds;
}

// A whole json list must parse as an array of one element per device; the simplified one is small enough
// for a DOM parse, the whole one is checked through its ekjson twin, written by the same code.
bool json_array_holds(const std::string& text, std::uint64_t devices) {
    simdjson::dom::parser parser;
    simdjson::dom::array array;
    if (parser.parse(text).get_array().get(array) != simdjson::SUCCESS) return false;
    return array.size() == devices;
}

Figures rates(const std::vector<double>& seconds, double per_run) {
    std::vector<double> values;
    for (const double s : seconds) values.push_back(per_run / s);
    return kismetcore::bench::summarize(std::move(values));
}

}  // namespace

int main(int argc, char** argv) {
    kismetcore::bench::Options options;
    const std::string usage = std::string(kUsageHead) + kismetcore::bench::kCommonUsage + kUsageTail;
    if (const int status = kismetcore::bench::start_benchmark(argc, argv, kProgram, usage, options); status != 0)
        return status;

    kismetcore::Engine engine;
    const auto ingest_start = Clock::now();
    const auto file = engine.feed_file(options.capture);
    const double ingest_seconds = seconds_since(ingest_start);
    if (!file.error.empty()) {
        std::fprintf(stderr, "%s: %s\n", kProgram, file.error.c_str());
        return 1;
    }
    const DeviceList devices = engine.all_devices();
    if (devices.empty()) {
        std::fprintf(stderr, "%s: %s leaves no devices\n", kProgram, options.capture.c_str());
        return 1;
    }
    auto parsed = kismetcore::fields::FieldSpec::parse(kSimplifiedFields, kismetcore::track::device_schema(),
                                                       engine.field_catalog());
    if (!parsed.spec) {
        std::fprintf(stderr, "%s: field spec: %s\n", kProgram, parsed.error.c_str());
        return 1;
    }
    const kismetcore::fields::FieldSpec& spec = *parsed.spec;
    const double load = kismetcore::bench::load_average();
    const auto device_count = static_cast<double>(devices.size());
    std::printf("capture: %s (%llu packets, ingested in %.2f s); %zu devices; load average %.2f\n",
                options.capture.c_str(), static_cast<unsigned long long>(file.packets), ingest_seconds, devices.size(),
                load);
    std::printf("simplified spec: %s\n", kSimplifiedFields);

    std::array<Variant, 4> variants = {
        {{"json, whole records", "json_full", OutputFormat::json, false, {}, {}},
         {"json, 5-field spec", "json_simplified", OutputFormat::json, true, {}, {}},
         {"ekjson, whole records", "ekjson_full", OutputFormat::ekjson, false, {}, {}},
         {"ekjson, 5-field spec", "ekjson_simplified", OutputFormat::ekjson, true, {}, {}}}};
    // One untimed pass each warms the caches and gives the baselines their input.
    for (auto& variant : variants) serialize_all(devices, variant, &spec);
    // Rotate the order every round so no variant always runs on a cache another one warmed.
    for (unsigned round = 0; round < options.repeat; ++round)
        for (std::size_t k = 0; k < variants.size(); ++k) {
            Variant& variant = variants[(round + k) % variants.size()];
            variant.seconds.push_back(serialize_all(devices, variant, &spec));
        }

    // Baselines over the ekjson outputs (index 2: whole, 3: simplified), and the checks that every output holds
    // one record per device.
    std::array<std::vector<double>, 2> parse_seconds;
    std::vector<double> copy;
    std::vector<char> destination;
    for (unsigned round = 0; round < options.repeat; ++round) {
        for (std::size_t k = 0; k < 2; ++k) {
            std::uint64_t documents = 0;
            const auto seconds = simdjson_parse(variants[2 + k].output, documents);
            if (!seconds || documents != devices.size()) {
                std::fprintf(stderr, "%s: simdjson read %llu records from the %s output, expected %zu\n", kProgram,
                             static_cast<unsigned long long>(documents), variants[2 + k].name, devices.size());
                return 1;
            }
            parse_seconds[k].push_back(*seconds);
        }
        copy.push_back(copy_seconds(variants[0].output, destination));
        if (copy.back() <= 0) return 1;
    }
    if (!json_array_holds(variants[1].output, devices.size())) {
        std::fprintf(stderr, "%s: the simplified json list is not an array of %zu records\n", kProgram, devices.size());
        return 1;
    }
    const Figures copy_rate = rates(copy, static_cast<double>(variants[0].output.size()));
    std::array<Figures, 2> parse_rate;
    for (std::size_t k = 0; k < 2; ++k)
        parse_rate[k] = rates(parse_seconds[k], static_cast<double>(variants[2 + k].output.size()));

    std::string json_variants;
    for (const auto& variant : variants) {
        const auto bytes = static_cast<double>(variant.output.size());
        const Figures per_device = rates(variant.seconds, device_count);
        const Figures per_byte = rates(variant.seconds, bytes);
        const Figures& parse = parse_rate[variant.simplified ? 1 : 0];
        const double parse_ratio = per_byte.best / parse.best;
        const double copy_ratio = per_byte.best / copy_rate.best;
        std::printf(
            "%-24s best %9.0f devices/s (%7.0f ns/device) %7.1f MB/s   median %9.0f devices/s   "
            "%.1f bytes/device   vs simdjson parse %.3f, vs memcpy %.4f\n",
            variant.name, per_device.best, 1e9 / per_device.best, per_byte.best / 1e6, per_device.median,
            bytes / device_count, parse_ratio, copy_ratio);
        char text[600];
        std::snprintf(
            text, sizeof text,
            "%s\"%s\":{\"devices_per_s\":%s,\"bytes_per_s\":%s,\"bytes\":%zu,\"ratio_simdjson_parse\":%.4f,"
            "\"ratio_memcpy\":%.5f}",
            json_variants.empty() ? "" : ",", variant.key, kismetcore::bench::json_figures(per_device).c_str(),
            kismetcore::bench::json_figures(per_byte).c_str(), variant.output.size(), parse_ratio, copy_ratio);
        json_variants += text;
    }
    std::printf(
        "baselines: simdjson parse_many %.1f MB/s (whole records), %.1f MB/s (5-field); memcpy %.1f MB/s "
        "(best of %u)\n",
        parse_rate[0].best / 1e6, parse_rate[1].best / 1e6, copy_rate.best / 1e6, options.repeat);

    std::printf(
        "{\"benchmark\":\"serialize\",\"capture\":%s,\"devices\":%zu,\"repeat\":%u,\"load_average\":%.2f,"
        "\"fields\":%s,%s,\"simdjson_parse_bytes_per_s\":{\"full\":%s,\"simplified\":%s},\"memcpy_bytes_per_s\":%s}\n",
        kismetcore::bench::json_string(options.capture).c_str(), devices.size(), options.repeat, load,
        kismetcore::bench::json_string(kSimplifiedFields).c_str(), json_variants.c_str(),
        kismetcore::bench::json_figures(parse_rate[0]).c_str(), kismetcore::bench::json_figures(parse_rate[1]).c_str(),
        kismetcore::bench::json_figures(copy_rate).c_str());
    return 0;
}
