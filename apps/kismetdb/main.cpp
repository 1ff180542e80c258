// kismetdb: makes kismetdb logs (Kismet's SQLite log) from captures.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "capture_logging.h"
#include "log_conversion.h"
#include "log_copies.h"
#include "log_json.h"
#include "log_statistics.h"

#include "kismetcore/common/mac_address.h"

namespace {

constexpr const char* kUsage =
    "usage: kismetdb from-capture [--db-version 8|9] -o LOG CAPTURE...\n"
    "       kismetdb from-capture [--db-version 8|9] [--log-prefix DIR] [--log-title TITLE]\n"
    "                             [--log-template TEMPLATE] [--rotate-mb N] [--rotate-seconds N] CAPTURE...\n"
    "       kismetdb to-pcapng LOG -o CAPTURE\n"
    "       kismetdb to-pcap LOG -o CAPTURE\n"
    "       kismetdb statistics [--json] LOG\n"
    "       kismetdb strip-packets LOG -o NEWLOG\n"
    "       kismetdb to-geojson LOG\n"
    "       kismetdb to-json [--fields SPEC] [--ekjson] [--since SEC] [--until SEC] [--device MAC] LOG\n"
    "\n"
    "from-capture  tracks the captures (pcap or pcapng) and writes a new kismetdb log of them, as a Kismet run\n"
    "              over them writes it: every packet with its original bytes, the devices, the datasources,\n"
    "              the alerts and the messages. An existing LOG is never overwritten.\n"
    "  -o LOG            the log to create\n"
    "  --db-version N    9 (Kismet's release, the default) or 8 (the layout python-kismetdb reads)\n"
    "  --log-prefix DIR, --log-title TITLE, --log-template TEMPLATE\n"
    "                    instead of -o, name the log as Kismet does (log_prefix ./, log_title Kismet,\n"
    "                    log_template %p/%n-%D-%t-%i.%l) and print the name on stdout\n"
    "  --rotate-mb N     with a named log: go on in a new file once the current one holds N MiB\n"
    "  --rotate-seconds N  with a named log: go on in a new file once the current one is N seconds old\n"
    "to-pcapng     writes the log's packets, with their original bytes and times, to a pcapng file: one interface\n"
    "              per datasource and link type\n"
    "to-pcap       the same as a pcap file, which holds one link type: a log with several is refused\n"
    "statistics    the log's version, rows per table, packet time range, link types, sources and devices per\n"
    "              phy; --json prints them as one JSON object\n"
    "strip-packets a copy of the log without its packets and data rows, compacted (an existing NEWLOG is never\n"
    "              overwritten)\n"
    "to-geojson    the devices the log located, as a GeoJSON FeatureCollection of points at their average\n"
    "              location, on stdout\n"
    "to-json       the devices' full records as one JSON array on stdout, as Kismet's kismetdb_dump_devices\n"
    "              writes them\n"
    "  --fields SPEC     simplifies each record by a Kismet field specification, a JSON array of paths and\n"
    "                    [path, alias] pairs as Kismet's REST API takes `fields`\n"
    "  --ekjson          one record per line, with the dots of field names as '_', instead of an array\n"
    "  --since SEC, --until SEC\n"
    "                    only the devices seen within that time, in Unix seconds (last seen at or after\n"
    "                    --since, first seen at or before --until)\n"
    "  --device MAC      only that device\n"
    "LOG may be any kismetdb Kismet has written since db_version 5, or one of ours.\n"
    "Exit status: 0 on success; 1 when a capture could not be read whole, a log could not be read or written, or\n"
    "a logged device record is not JSON (to-json names it and goes on; the reason is on stderr); 2 on bad usage,\n"
    "including a --fields SPEC Kismet would refuse.\n";

// A whole number of at most 18 digits, 0 included.
std::optional<std::int64_t> whole_number(std::string_view text) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    return std::stoll(std::string(text));
}

// A whole positive number of at most 18 digits.
std::optional<std::uint64_t> positive_number(std::string_view text) {
    const auto value = whole_number(text);
    if (!value || *value == 0) return std::nullopt;
    return static_cast<std::uint64_t>(*value);
}

bool parse_from_capture(int argc, char** argv, kismetcore::apps::CaptureLoggingOptions& options) {
    const auto naming = [&options]() -> kismetcore::log::LogNaming& {
        if (!options.naming) options.naming.emplace();
        return *options.naming;
    };
    for (int index = 2; index < argc; ++index) {
        const std::string_view argument = argv[index];
        if ((argument == "-o" || argument == "--output") && index + 1 < argc) {
            options.log_path = argv[++index];
        } else if (argument == "--log-prefix" && index + 1 < argc) {
            naming().prefix = argv[++index];
        } else if (argument == "--log-title" && index + 1 < argc) {
            naming().title = argv[++index];
        } else if (argument == "--log-template" && index + 1 < argc) {
            naming().log_template = argv[++index];
        } else if ((argument == "--rotate-mb" || argument == "--rotate-seconds") && index + 1 < argc) {
            const auto value = positive_number(argv[++index]);
            if (!value || (argument == "--rotate-mb" && *value > (std::uint64_t{1} << 40))) {
                std::fprintf(stderr, "kismetdb: %s needs a whole number above 0, not '%s'\n", argv[index - 1],
                             argv[index]);
                return false;
            }
            (argument == "--rotate-mb" ? options.rotate_bytes : options.rotate_seconds) =
                argument == "--rotate-mb" ? *value * 1024 * 1024 : *value;
        } else if (argument == "--db-version" && index + 1 < argc) {
            const std::string_view value = argv[++index];
            if (value == "8" || value == "9") {
                options.db_version = value == "8" ? 8 : 9;
            } else {
                std::fprintf(stderr, "kismetdb: --db-version must be 8 or 9, not '%s'\n", argv[index]);
                return false;
            }
        } else if (!argument.empty() && argument.front() == '-') {
            std::fprintf(stderr, "kismetdb: unknown or incomplete option '%s'\n", argv[index]);
            return false;
        } else {
            options.captures.emplace_back(argument);
        }
    }
    if (!options.log_path.empty() && options.naming) {
        std::fputs("kismetdb: from-capture takes -o LOG or the --log-* options, not both\n", stderr);
        return false;
    }
    if ((options.rotate_bytes != 0 || options.rotate_seconds != 0) && !options.naming) {
        std::fputs(
            "kismetdb: --rotate-mb and --rotate-seconds need a log named by --log-prefix, --log-title or "
            "--log-template (each file needs a name of its own)\n",
            stderr);
        return false;
    }
    if (options.log_path.empty() && !options.naming)
        std::fputs("kismetdb: from-capture needs -o LOG or --log-prefix DIR\n", stderr);
    if (options.captures.empty()) std::fputs("kismetdb: from-capture needs at least one CAPTURE\n", stderr);
    return (!options.log_path.empty() || options.naming) && !options.captures.empty();
}

// The options that take the next argument as their value, in every command: the help scan skips their values, so
// "--log-title -h" names a log instead of asking for help. Keep it in step with the parse_* functions.
bool takes_value(std::string_view option) {
    for (std::string_view with_value :
         {"-o", "--output", "--log-prefix", "--log-title", "--log-template", "--rotate-mb", "--rotate-seconds",
          "--db-version", "--fields", "--since", "--until", "--device"})
        if (option == with_value) return true;
    return false;
}

// [--fields SPEC] [--ekjson] [--since SEC] [--until SEC] [--device MAC] LOG, in any order.
bool parse_to_json(int argc, char** argv, kismetcore::apps::LogJsonOptions& options) {
    for (int index = 2; index < argc; ++index) {
        const std::string_view argument = argv[index];
        if (argument == "--fields" && index + 1 < argc) {
            options.fields_json = argv[++index];
        } else if (argument == "--ekjson") {
            options.ekjson = true;
        } else if ((argument == "--since" || argument == "--until") && index + 1 < argc) {
            const auto seconds = whole_number(argv[++index]);
            if (!seconds) {
                std::fprintf(stderr, "kismetdb: %s takes Unix seconds, not '%s'\n", argv[index - 1], argv[index]);
                return false;
            }
            (argument == "--since" ? options.query.since : options.query.until) = *seconds;
        } else if (argument == "--device" && index + 1 < argc) {
            options.query.device = kismetcore::MacAddress::parse(argv[++index]);
            if (!options.query.device) {
                std::fprintf(stderr, "kismetdb: --device takes a MAC address (AA:BB:CC:DD:EE:FF), not '%s'\n",
                             argv[index]);
                return false;
            }
        } else if (!argument.empty() && argument.front() == '-') {
            std::fprintf(stderr, "kismetdb: unknown or incomplete option '%s'\n", argv[index]);
            return false;
        } else if (options.log_path.empty()) {
            options.log_path = argument;
        } else {
            std::fputs("kismetdb: to-json takes one LOG\n", stderr);
            return false;
        }
    }
    if (options.log_path.empty()) std::fputs("kismetdb: to-json needs a LOG\n", stderr);
    return !options.log_path.empty();
}

// LOG -o OUTPUT, in either order.
bool parse_conversion(int argc, char** argv, std::string& log_path, std::string& output) {
    for (int index = 2; index < argc; ++index) {
        const std::string_view argument = argv[index];
        if ((argument == "-o" || argument == "--output") && index + 1 < argc) {
            output = argv[++index];
        } else if (!argument.empty() && argument.front() == '-') {
            std::fprintf(stderr, "kismetdb: unknown or incomplete option '%s'\n", argv[index]);
            return false;
        } else if (log_path.empty()) {
            log_path = argument;
        } else {
            std::fprintf(stderr, "kismetdb: %s takes one LOG\n", argv[1]);
            return false;
        }
    }
    if (log_path.empty()) std::fprintf(stderr, "kismetdb: %s needs a LOG\n", argv[1]);
    if (output.empty()) std::fprintf(stderr, "kismetdb: %s needs -o CAPTURE\n", argv[1]);
    return !log_path.empty() && !output.empty();
}

}  // namespace

int main(int argc, char** argv) {
    // "kismetdb --help" and "kismetdb COMMAND --help" (wherever an option may stand) print the usage. The value of
    // an option is not an option: "-o -h" writes a file named -h.
    for (int index = 1; index < argc; ++index) {
        if (std::strcmp(argv[index], "--help") == 0 || std::strcmp(argv[index], "-h") == 0) {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (takes_value(argv[index])) ++index;
    }
    if (argc >= 2 && std::strcmp(argv[1], "from-capture") == 0) {
        kismetcore::apps::CaptureLoggingOptions options;
        if (!parse_from_capture(argc, argv, options)) {
            std::fputs(kUsage, stderr);
            return 2;
        }
        return kismetcore::apps::log_captures(options);
    }
    if (argc >= 2 && (std::strcmp(argv[1], "to-pcapng") == 0 || std::strcmp(argv[1], "to-pcap") == 0 ||
                      std::strcmp(argv[1], "strip-packets") == 0)) {
        std::string log_path;
        std::string output;
        if (!parse_conversion(argc, argv, log_path, output)) {
            std::fputs(kUsage, stderr);
            return 2;
        }
        if (std::strcmp(argv[1], "strip-packets") == 0) return kismetcore::apps::strip_packets(log_path, output);
        return std::strcmp(argv[1], "to-pcapng") == 0 ? kismetcore::apps::log_to_pcapng(log_path, output)
                                                      : kismetcore::apps::log_to_pcap(log_path, output);
    }
    if (argc >= 2 && std::strcmp(argv[1], "to-geojson") == 0) {
        if (argc != 3 || argv[2][0] == '-') {
            std::fputs("kismetdb: to-geojson takes one LOG\n", stderr);
            std::fputs(kUsage, stderr);
            return 2;
        }
        return kismetcore::apps::log_to_geojson(argv[2]);
    }
    if (argc >= 2 && std::strcmp(argv[1], "to-json") == 0) {
        kismetcore::apps::LogJsonOptions options;
        if (!parse_to_json(argc, argv, options)) {
            std::fputs(kUsage, stderr);
            return 2;
        }
        return kismetcore::apps::log_to_json(options);
    }
    if (argc >= 2 && std::strcmp(argv[1], "statistics") == 0) {
        const bool json = argc == 4 && std::strcmp(argv[2], "--json") == 0;
        if (argc != (json ? 4 : 3) || argv[argc - 1][0] == '-') {
            std::fputs("kismetdb: statistics takes [--json] and one LOG\n", stderr);
            std::fputs(kUsage, stderr);
            return 2;
        }
        return kismetcore::apps::print_log_statistics(argv[argc - 1], json);
    }
    if (argc >= 2) std::fprintf(stderr, "kismetdb: unknown command '%s'\n", argv[1]);
    std::fputs(kUsage, stderr);
    return 2;
}
