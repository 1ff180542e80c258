// Benchmark: packets/s of reading and fully dissecting a capture, against a bare libpcap read loop over it.
//
// (a) pcap_open_offline + pcap_next_ex, touching only each record's length: what reading the file costs.
// (b) CaptureFileReader + dissect_packet on one thread: what kismetcore's whole per-packet path costs.
// (c) CaptureFileReader alone, for the record: how (b)'s cost splits between reading and dissecting.
// The figure that matters is b/a (goal >= 0.5): a ratio measured in one run on one machine survives a slow or
// busy machine far better than an absolute rate does.
#include <pcap/pcap.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/dissect/packet_dissector.h"

#ifndef KISMETCORE_SYNTH_PATH
#define KISMETCORE_SYNTH_PATH ""
#endif
#ifndef KISMETCORE_BENCH_WORK_DIR
#define KISMETCORE_BENCH_WORK_DIR "."
#endif

namespace {

constexpr const char* kUsage =
    "usage: kismetcore_bench_dissect [--capture FILE] [--packets N] [--devices M] [--ssids K] [--seed S]\n"
    "                                [--repeat R] [--synth PATH] [--work DIR]\n"
    "\n"
    "Prints packets/s for (a) a bare libpcap read loop and (b) CaptureFileReader + dissect_packet over the\n"
    "same capture, best and median of R alternating runs each, the ratio b/a, and a final JSON line;\n"
    "(c) CaptureFileReader without dissection is printed too, to show where (b)'s time goes.\n"
    "  --capture FILE  benchmark this capture (pcap or pcapng) instead of a generated one\n"
    "  --packets N     packets in the generated capture (default 1000000)\n"
    "  --devices M     distinct MACs in the generated capture (default 100000)\n"
    "  --ssids K       distinct SSIDs in the generated capture (default 10000)\n"
    "  --seed S        kismet-synth seed (default 1)\n"
    "  --repeat R      timed runs of each measurement (default 5)\n"
    "  --synth PATH    the kismet-synth program (default: the one built beside this benchmark)\n"
    "  --work DIR      where the generated capture is kept and reused (default: the build's bench dir)\n"
    "Without --capture the capture is generated with kismet-synth unless an up-to-date one is in DIR.\n";

constexpr double kRatioGoal = 0.5;

struct Options {
    std::string capture;
    std::uint64_t packets = 1'000'000;
    std::uint64_t devices = 100'000;
    std::uint64_t ssids = 10'000;
    std::uint64_t seed = 1;
    unsigned repeat = 5;
    std::string synth = KISMETCORE_SYNTH_PATH;
    std::string work = KISMETCORE_BENCH_WORK_DIR;
};

bool parse_count(const char* text, std::uint64_t& out) {
    char* end = nullptr;
    if (text[0] < '0' || text[0] > '9') return false;
    const unsigned long long value = std::strtoull(text, &end, 10);
    if (*end != '\0') return false;
    out = value;
    return true;
}

bool parse_options(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        }
        constexpr std::string_view kValueOptions[] = {"--capture", "--synth", "--work", "--packets",
                                                      "--devices", "--ssids", "--seed", "--repeat"};
        if (std::find(std::begin(kValueOptions), std::end(kValueOptions), arg) == std::end(kValueOptions)) {
            std::fprintf(stderr, "kismetcore_bench_dissect: unknown option '%s'\n", argv[i]);
            return false;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "kismetcore_bench_dissect: %s needs a value\n", argv[i]);
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
            std::fprintf(stderr, "kismetcore_bench_dissect: bad value '%s' for %s\n", value, argv[i - 1]);
            return false;
        }
    }
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

// The capture to measure: the one given, or a generated one kept in the work dir. A kept capture is reused
// while it is newer than the kismet-synth that would make it (the generator is deterministic).
bool prepare_capture(Options& options) {
    if (!options.capture.empty()) return true;
    namespace fs = std::filesystem;
    if (options.synth.empty()) {
        std::fputs("kismetcore_bench_dissect: no kismet-synth built; pass --capture or --synth\n", stderr);
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
        std::fprintf(stderr, "kismetcore_bench_dissect: kismet-synth failed (status %d)\n", status);
        fs::remove(output, ec);
        return false;
    }
    return true;
}

struct RunResult {
    double seconds = 0;
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    std::uint64_t dissect_errors = 0;
    bool ok = false;
};

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// (a) The floor: libpcap hands each record over and we read its length, nothing more.
RunResult run_libpcap(const std::string& capture) {
    RunResult result;
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    const auto start = Clock::now();
    pcap_t* handle = pcap_open_offline(capture.c_str(), errbuf);
    if (handle == nullptr) {
        std::fprintf(stderr, "kismetcore_bench_dissect: %s\n", errbuf);
        return result;
    }
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int status = 0;
    while ((status = pcap_next_ex(handle, &header, &data)) == 1) {
        ++result.packets;
        result.bytes += header->caplen;
    }
    if (status != PCAP_ERROR_BREAK) std::fprintf(stderr, "kismetcore_bench_dissect: %s\n", pcap_geterr(handle));
    pcap_close(handle);
    result.seconds = seconds_since(start);
    result.ok = status == PCAP_ERROR_BREAK;
    return result;
}

// (b) kismetcore's per-packet path: the reader fills one reused Packet, dissect_packet fills one reused
// DissectedPacket. Counting the errors reads the result, so the compiler cannot drop the dissection.
// (c), for the record only: the same loop without dissect_packet, to split (b)'s cost between reading and
// dissecting.
template <bool Dissect>
RunResult run_reader(const std::string& capture) {
    using kismetcore::capture::ReadResult;
    RunResult result;
    std::string error;
    const auto start = Clock::now();
    auto reader = kismetcore::capture::CaptureFileReader::open(capture, 0, error);
    if (!reader) {
        std::fprintf(stderr, "kismetcore_bench_dissect: %s\n", error.c_str());
        return result;
    }
    kismetcore::capture::Packet packet;
    kismetcore::dissect::DissectedPacket dissected;
    ReadResult status;
    while ((status = reader->next(packet)) == ReadResult::packet) {
        ++result.packets;
        result.bytes += packet.captured_length();
        if constexpr (Dissect) {
            if (!kismetcore::dissect::dissect_packet(packet, dissected).ok()) ++result.dissect_errors;
        }
    }
    if (status == ReadResult::error) std::fprintf(stderr, "kismetcore_bench_dissect: %s\n", reader->error().c_str());
    result.seconds = seconds_since(start);
    result.ok = status == ReadResult::end_of_file;
    return result;
}

struct Figures {
    double best = 0;  // packets/s of the fastest run
    double median = 0;
    double slowest = 0;
};

Figures packets_per_second(const std::vector<RunResult>& runs) {
    std::vector<double> rates;
    for (const auto& run : runs) rates.push_back(static_cast<double>(run.packets) / run.seconds);
    std::sort(rates.begin(), rates.end());
    const std::size_t n = rates.size();
    const double median = n % 2 == 1 ? rates[n / 2] : (rates[n / 2 - 1] + rates[n / 2]) / 2;
    return Figures{rates.back(), median, rates.front()};
}

void print_figures(const char* name, const Figures& figures, std::size_t runs) {
    std::printf("%-30s best %9.0f pkt/s (%6.1f ns/pkt)   median %9.0f pkt/s   slowest %9.0f pkt/s   (%zu runs)\n", name,
                figures.best, 1e9 / figures.best, figures.median, figures.slowest, runs);
}

std::string json_figures(const Figures& figures) {
    char text[160];
    std::snprintf(text, sizeof text, "{\"best\":%.0f,\"median\":%.0f,\"slowest\":%.0f}", figures.best, figures.median,
                  figures.slowest);
    return text;
}

// The 1-minute load average, printed with the figures: a busy machine explains a low ratio.
double load_average() {
    double load = -1;
    if (std::FILE* file = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(file, "%lf", &load) != 1) load = -1;
        std::fclose(file);
    }
    return load;
}

// Paths go into the JSON line; escape what JSON requires.
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

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse_options(argc, argv, options)) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    if (!prepare_capture(options)) return 1;

    // One untimed pass of each brings the file into the page cache and the code into the instruction cache.
    const RunResult warm_a = run_libpcap(options.capture);
    const RunResult warm_b = run_reader<true>(options.capture);
    if (!warm_a.ok || !warm_b.ok) return 1;
    if (warm_a.packets != warm_b.packets) {
        std::fprintf(stderr, "kismetcore_bench_dissect: libpcap read %llu packets, CaptureFileReader %llu\n",
                     static_cast<unsigned long long>(warm_a.packets), static_cast<unsigned long long>(warm_b.packets));
        return 1;
    }
    if (warm_a.packets == 0) {
        std::fprintf(stderr, "kismetcore_bench_dissect: %s holds no packets\n", options.capture.c_str());
        return 1;
    }
    const double load = load_average();
    std::printf("capture: %s (%llu packets, %.1f MB captured); load average %.2f\n", options.capture.c_str(),
                static_cast<unsigned long long>(warm_a.packets), static_cast<double>(warm_a.bytes) / 1e6, load);

    // Rotate the order every round (a b c, b c a, c a b, ...) so no measurement always runs on a cache
    // another one warmed.
    struct Measurement {
        const char* name;
        RunResult (*run)(const std::string&);
        std::vector<RunResult> runs;
    };
    std::array<Measurement, 3> measurements = {{{"(a) libpcap read loop", run_libpcap, {}},
                                                {"(b) read + dissect_packet", run_reader<true>, {}},
                                                {"(c) CaptureFileReader alone", run_reader<false>, {}}}};
    for (unsigned round = 0; round < options.repeat; ++round) {
        for (std::size_t k = 0; k < measurements.size(); ++k) {
            Measurement& measurement = measurements[(round + k) % measurements.size()];
            measurement.runs.push_back(measurement.run(options.capture));
            if (!measurement.runs.back().ok) return 1;
        }
    }

    const Figures a = packets_per_second(measurements[0].runs);
    const Figures b = packets_per_second(measurements[1].runs);
    const Figures c = packets_per_second(measurements[2].runs);
    const double ratio_best = b.best / a.best;
    const double ratio_median = b.median / a.median;
    print_figures(measurements[0].name, a, measurements[0].runs.size());
    print_figures(measurements[1].name, b, measurements[1].runs.size());
    print_figures(measurements[2].name, c, measurements[2].runs.size());
    std::printf("ratio b/a: best %.3f, median %.3f (goal >= %.1f: %s)\n", ratio_best, ratio_median, kRatioGoal,
                ratio_best >= kRatioGoal ? "met" : "NOT met");
    std::printf("packets with a dissection error: %llu of %llu\n",
                static_cast<unsigned long long>(warm_b.dissect_errors),
                static_cast<unsigned long long>(warm_b.packets));

    std::printf(
        "{\"benchmark\":\"dissect_throughput\",\"capture\":%s,\"packets\":%llu,\"bytes\":%llu,\"repeat\":%u,"
        "\"load_average\":%.2f,\"libpcap_pps\":%s,\"dissect_pps\":%s,\"reader_pps\":%s,"
        "\"ratio_best\":%.4f,\"ratio_median\":%.4f,\"ratio_goal\":%.1f,\"dissect_errors\":%llu}\n",
        json_string(options.capture).c_str(), static_cast<unsigned long long>(warm_a.packets),
        static_cast<unsigned long long>(warm_a.bytes), options.repeat, load, json_figures(a).c_str(),
        json_figures(b).c_str(), json_figures(c).c_str(), ratio_best, ratio_median, kRatioGoal,
        static_cast<unsigned long long>(warm_b.dissect_errors));
    return 0;
}
