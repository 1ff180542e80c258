// kismet-dissect: reads capture files and prints, per packet, what the dissectors make of it.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "alert_listing.h"
#include "capture_summary.h"
#include "device_listing.h"
#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "packet_json_printer.h"

namespace {

constexpr const char* kUsage =
    "usage: kismet-dissect [--format ekjson|summary] FILE...\n"
    "       kismet-dissect --devices [--fields SPEC] [--regex SPEC] FILE...\n"
    "       kismet-dissect --alerts [--alert-config CONF]... FILE...\n"
    "\n"
    "Dissects pcap and pcapng captures (radiotap, PPI, Prism, AVS, raw 802.11) offline.\n"
    "  --format ekjson   one JSON object per packet, one per line (default)\n"
    "  --format summary  one JSON object per file: counts by frame type and dissection errors\n"
    "  --devices         track the devices of all the files and print each device record, one per line,\n"
    "                    with Kismet's field names\n"
    "  --fields SPEC     with --devices: simplify records by a Kismet field spec, a JSON array such as\n"
    "                    '[\"kismet.device.base.macaddr\", [\"kismet.device.base.name\", \"name\"]]'\n"
    "  --regex SPEC      with --devices: keep devices matching a Kismet regex filter, a JSON array such as\n"
    "                    '[[\"kismet.device.base.type\", \"^Wi-Fi AP$\"]]'\n"
    "  --alerts          run Kismet's WIDS rules over all the files and print each alert raised, one JSON\n"
    "                    record per line, stamped and throttled by packet time\n"
    "  --alert-config CONF  with --alerts: read kismet_alerts.conf lines (alert=HEADER,rate,burst, apspoof=,\n"
    "                    ssidcanary=, devicefound=, devicelost=, dot11_max_signal=, ...)\n"
    "Exit status: 0 when every file was read to its end, 1 when a file could not be read\n"
    "(the reason is on stderr; packets before the damage are still used), 2 on bad usage or a bad SPEC.\n";

enum class OutputFormat { ekjson, summary };

struct Options {
    OutputFormat format = OutputFormat::ekjson;
    std::vector<std::string> files;
    bool devices = false;
    std::string fields_json;
    std::string regex_json;
    bool alerts = false;
    std::vector<std::string> alert_configs;
};

bool parse_options(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        }
        if (arg == "--format" && i + 1 < argc) {
            const std::string_view value = argv[++i];
            if (value == "ekjson") {
                options.format = OutputFormat::ekjson;
            } else if (value == "summary") {
                options.format = OutputFormat::summary;
            } else {
                std::fprintf(stderr, "kismet-dissect: unknown format '%s' (ekjson or summary)\n", argv[i]);
                return false;
            }
        } else if (arg == "--devices") {
            options.devices = true;
        } else if (arg == "--alerts") {
            options.alerts = true;
        } else if (arg == "--alert-config" && i + 1 < argc) {
            options.alert_configs.emplace_back(argv[++i]);
        } else if ((arg == "--fields" || arg == "--regex") && i + 1 < argc) {
            (arg == "--fields" ? options.fields_json : options.regex_json) = argv[++i];
        } else if (arg.starts_with("--")) {
            std::fprintf(stderr, "kismet-dissect: unknown option '%s'\n", argv[i]);
            return false;
        } else {
            options.files.emplace_back(arg);
        }
    }
    if (options.files.empty()) {
        std::fputs("kismet-dissect: no capture file given\n", stderr);
        return false;
    }
    if (options.devices && options.alerts) {
        std::fputs("kismet-dissect: --devices and --alerts are separate runs\n", stderr);
        return false;
    }
    if (!options.alerts && !options.alert_configs.empty()) {
        std::fputs("kismet-dissect: --alert-config needs --alerts\n", stderr);
        return false;
    }
    if (!options.devices && (!options.fields_json.empty() || !options.regex_json.empty())) {
        std::fputs("kismet-dissect: --fields and --regex need --devices\n", stderr);
        return false;
    }
    return true;
}

// Dissects one file; returns false when it could not be read to its end.
bool dissect_file(const std::string& file, kismetcore::capture::SourceId source, const Options& options) {
    using kismetcore::capture::CaptureFileReader;
    using kismetcore::capture::ReadResult;

    std::string error;
    auto reader = CaptureFileReader::open(file, source, error);
    kismetcore::apps::CaptureSummary summary(file);
    if (!reader) {
        std::fprintf(stderr, "kismet-dissect: %s\n", error.c_str());
        if (options.format == OutputFormat::summary) {
            summary.set_read_error(error);
            summary.print(stdout);
        }
        return false;
    }

    kismetcore::apps::PacketJsonPrinter printer(stdout);
    kismetcore::capture::Packet packet;
    kismetcore::dissect::DissectedPacket dissected;
    ReadResult result;
    while ((result = reader->next(packet)) == ReadResult::packet) {
        kismetcore::dissect::dissect_packet(packet, dissected);
        if (options.format == OutputFormat::ekjson)
            printer.print(file, packet, dissected);
        else
            summary.count(dissected);
    }
    if (result == ReadResult::error) {
        std::fprintf(stderr, "kismet-dissect: %s\n", reader->error().c_str());
        summary.set_read_error(reader->error());
    }
    if (options.format == OutputFormat::summary) summary.print(stdout);
    return result != ReadResult::error;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse_options(argc, argv, options)) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    if (options.devices)
        return kismetcore::apps::list_devices({options.files, options.fields_json, options.regex_json});
    if (options.alerts) return kismetcore::apps::list_alerts({options.files, options.alert_configs});
    bool all_read = true;
    kismetcore::capture::SourceId source = 0;
    for (const auto& file : options.files) all_read = dissect_file(file, source++, options) && all_read;
    return all_read ? 0 : 1;
}
