// Options, the generated capture, run statistics and JSON output shared by the benchmarks (bench_support.h).
#include "bench_support.h"

#include <pcap/pcap.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <system_error>

// The build defines both for every benchmark (bench/CMakeLists.txt).
#ifndef KISMETCORE_SYNTH_PATH
#define KISMETCORE_SYNTH_PATH ""
#endif
#ifndef KISMETCORE_BENCH_WORK_DIR
#define KISMETCORE_BENCH_WORK_DIR "."
#endif

namespace kismetcore::bench {

const char* const kCommonUsage =
    "  --capture FILE  benchmark this capture (pcap or pcapng) instead of a generated one\n"
    "  --packets N     packets in the generated capture (default 1000000)\n"
    "  --devices M     distinct MACs in the generated capture (default 100000)\n"
    "  --ssids K       distinct SSIDs in the generated capture (default 10000)\n"
    "  --seed S        kismet-synth seed (default 1)\n"
    "  --repeat R      timed runs of each measurement (default 5)\n"
    "  --synth PATH    the kismet-synth program (default: the one built beside this benchmark)\n"
    "  --work DIR      where the generated capture is kept and reused (default: the build's bench dir)\n";

namespace {

bool parse_count(const char* text, std::uint64_t& out) {
    if (text[0] < '0' || text[0] > '9') return false;
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text, &end, 10);
    if (*end != '\0') return false;
    out = value;
    return true;
}

// Runs kismet-synth without a shell, so paths need no quoting. Returns its exit status (-1 if it did not run).
int run_synth(const Options& options, const std::filesystem::path& output) {
    const std::vector<std::string> args = {options.synth,
                                           "--packets",
                                           std::to_string(options.packets),
                                           "--devices",
                                           std::to_string(options.devices),
                                           "--ssids",
                                           std::to_string(options.ssids),
                                           "--seed",
                                           std::to_string(options.seed),
                                           "-o",
                                           output.string()};
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    const pid_t child = fork();
    if (child < 0) return -1;
    if (child == 0) {
        execv(argv[0], argv.data());
        std::perror(argv[0]);
        _exit(127);
    }
    int status = 0;
    if (waitpid(child, &status, 0) != child) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

bool parse_options(int argc, char** argv, std::string_view program, std::string_view usage, Options& options) {
    const std::string name(program);
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fwrite(usage.data(), 1, usage.size(), stdout);
            std::exit(0);
        }
        constexpr std::string_view kValueOptions[] = {"--capture", "--synth", "--work", "--packets",
                                                      "--devices", "--ssids", "--seed", "--repeat"};
        if (std::find(std::begin(kValueOptions), std::end(kValueOptions), arg) == std::end(kValueOptions)) {
            std::fprintf(stderr, "%s: unknown option '%s'\n", name.c_str(), argv[i]);
            return false;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "%s: %s needs a value\n", name.c_str(), argv[i]);
            return false;
        }
        const char* value = argv[++i];
        std::uint64_t number = 0;
        bool good = true;
        if (arg == "--capture") {
            options.capture = value;
        } else if (arg == "--synth") {
            options.synth = value;
        } else if (arg == "--work") {
            options.work = value;
        } else {
            good = parse_count(value, number);
            if (arg == "--packets") options.packets = number;
            if (arg == "--devices") options.devices = number;
            if (arg == "--ssids") options.ssids = number;
            if (arg == "--seed") options.seed = number;
            if (arg == "--repeat") {
                good = good && number >= 1 && number <= 1000;
                options.repeat = static_cast<unsigned>(number);
            }
        }
        if (!good) {
            std::fprintf(stderr, "%s: bad value '%s' for %s\n", name.c_str(), value, argv[i - 1]);
            return false;
        }
    }
    return true;
}

int start_benchmark(int argc, char** argv, std::string_view program, std::string_view usage, Options& options) {
    if (options.synth.empty()) options.synth = KISMETCORE_SYNTH_PATH;
    if (options.work.empty()) options.work = KISMETCORE_BENCH_WORK_DIR;
    if (!parse_options(argc, argv, program, usage, options)) {
        std::fwrite(usage.data(), 1, usage.size(), stderr);
        return 2;
    }
    return prepare_capture(program, options) ? 0 : 1;
}

// A kept capture is reused while it is newer than the kismet-synth that would make it (the generator is
// deterministic).
bool prepare_capture(std::string_view program, Options& options) {
    if (!options.capture.empty()) return true;
    namespace fs = std::filesystem;
    const std::string name(program);
    if (options.synth.empty()) {
        std::fprintf(stderr, "%s: no kismet-synth built; pass --capture or --synth\n", name.c_str());
        return false;
    }
    std::error_code ec;
    fs::create_directories(options.work, ec);
    const fs::path output = fs::path(options.work) /
                            ("synth-" + std::to_string(options.packets) + "p-" + std::to_string(options.devices) +
                             "d-" + std::to_string(options.ssids) + "s-seed" + std::to_string(options.seed) + ".pcap");
    options.capture = output.string();
    const auto capture_time = fs::last_write_time(output, ec);
    const bool have_capture = !ec;
    const auto synth_time = fs::last_write_time(options.synth, ec);
    if (have_capture && (ec || capture_time >= synth_time)) return true;
    std::printf("generating %s with %s\n", options.capture.c_str(), options.synth.c_str());
    std::fflush(stdout);
    const int status = run_synth(options, output);
    if (status != 0) {
        std::fprintf(stderr, "%s: kismet-synth failed (status %d)\n", name.c_str(), status);
        fs::remove(output, ec);
        return false;
    }
    return true;
}

bool run_rotating(std::size_t count, unsigned repeat, const std::function<bool(std::size_t)>& run_once) {
    for (unsigned round = 0; round < repeat; ++round)
        for (std::size_t k = 0; k < count; ++k)
            if (!run_once((round + k) % count)) return false;
    return true;
}

Figures summarize(std::vector<double> rates) {
    if (rates.empty()) return {};
    std::sort(rates.begin(), rates.end());
    const std::size_t n = rates.size();
    const double median = n % 2 == 1 ? rates[n / 2] : (rates[n / 2 - 1] + rates[n / 2]) / 2;
    return Figures{rates.back(), median, rates.front()};
}

void print_packet_rates(std::string_view name, const Figures& figures, std::size_t runs) {
    std::printf("%-30.*s best %9.0f pkt/s (%6.1f ns/pkt)   median %9.0f pkt/s   slowest %9.0f pkt/s   (%zu runs)\n",
                static_cast<int>(name.size()), name.data(), figures.best, 1e9 / figures.best, figures.median,
                figures.slowest, runs);
}

LibpcapRun run_libpcap(std::string_view program, const std::string& capture) {
    LibpcapRun result;
    const std::string name(program);
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    const auto start = Clock::now();
    pcap_t* handle = pcap_open_offline(capture.c_str(), errbuf);
    if (handle == nullptr) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), errbuf);
        return result;
    }
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int status = 0;
    while ((status = pcap_next_ex(handle, &header, &data)) == 1) {
        ++result.packets;
        result.bytes += header->caplen;
    }
    if (status != PCAP_ERROR_BREAK) std::fprintf(stderr, "%s: %s\n", name.c_str(), pcap_geterr(handle));
    pcap_close(handle);
    result.seconds = seconds_since(start);
    result.ok = status == PCAP_ERROR_BREAK;
    return result;
}

double load_average() {
    double load = -1;
    if (std::FILE* file = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(file, "%lf", &load) != 1) load = -1;
        std::fclose(file);
    }
    return load;
}

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string json_figures(const Figures& figures, int precision) {
    char text[200];
    std::snprintf(text, sizeof text, "{\"best\":%.*f,\"median\":%.*f,\"slowest\":%.*f}", precision, figures.best,
                  precision, figures.median, precision, figures.slowest);
    return text;
}

}  // namespace kismetcore::bench
