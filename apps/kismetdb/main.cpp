// kismetdb: makes kismetdb logs (Kismet's SQLite log) from captures.
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "capture_logging.h"
#include "kismetcore/log/kismetdb_schema.h"

namespace {

constexpr const char* kUsage =
    "usage: kismetdb from-capture [--db-version 8|9] -o LOG CAPTURE...\n"
    "\n"
    "from-capture  tracks the captures (pcap or pcapng) and writes a new kismetdb log of them, as a Kismet run\n"
    "              over them writes it: every packet with its original bytes, the devices, the datasources,\n"
    "              the alerts and the messages. An existing LOG is never overwritten.\n"
    "  -o LOG            the log to create\n"
    "  --db-version N    9 (Kismet's release, the default) or 8 (the layout python-kismetdb reads)\n"
    "Exit status: 0 when every capture was read whole and the log written, 1 when a capture could not be read\n"
    "whole or the log could not be written (the reason is on stderr), 2 on bad usage.\n";

bool parse_from_capture(int argc, char** argv, kismetcore::apps::CaptureLoggingOptions& options) {
    for (int index = 2; index < argc; ++index) {
        const std::string_view argument = argv[index];
        if ((argument == "-o" || argument == "--output") && index + 1 < argc) {
            options.log_path = argv[++index];
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
    if (options.log_path.empty()) std::fputs("kismetdb: from-capture needs -o LOG\n", stderr);
    if (options.captures.empty()) std::fputs("kismetdb: from-capture needs at least one CAPTURE\n", stderr);
    return !options.log_path.empty() && !options.captures.empty();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (argc >= 2 && std::strcmp(argv[1], "from-capture") == 0) {
        kismetcore::apps::CaptureLoggingOptions options;
        if (!parse_from_capture(argc, argv, options)) {
            std::fputs(kUsage, stderr);
            return 2;
        }
        return kismetcore::apps::log_captures(options);
    }
    if (argc >= 2) std::fprintf(stderr, "kismetdb: unknown command '%s'\n", argv[1]);
    std::fputs(kUsage, stderr);
    return 2;
}
