// What the benchmarks share: options, the generated capture, rotating runs, run statistics, JSON.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kismetcore::bench {

// bench/run-benchmarks hands every benchmark the same extra arguments, so every benchmark accepts this whole
// set; a benchmark that has no use for one says so in its usage text and ignores it.
struct Options {
    std::string capture;  // measure this capture instead of a generated one
    std::uint64_t packets = 1'000'000;
    std::uint64_t devices = 100'000;
    std::uint64_t ssids = 10'000;
    std::uint64_t seed = 1;
    unsigned repeat = 5;
    std::string synth;  // the kismet-synth program
    std::string work;   // where generated captures are kept and reused
};

// The option lines every usage text ends with.
extern const char* const kCommonUsage;

// Parses the shared options into `options` (which holds the defaults). Prints `usage` and exits with 0 on
// --help; returns false after a message on stderr on bad usage.
bool parse_options(int argc, char** argv, std::string_view program, std::string_view usage, Options& options);

// What every benchmark's main() does first: `options` gets this build's kismet-synth and bench dir as defaults
// (where it names none), then the command line, then the capture (prepare_capture). Returns 0 to go on, or the
// exit status to stop with: 2 after printing `usage` for bad usage, 1 when there is no capture.
int start_benchmark(int argc, char** argv, std::string_view program, std::string_view usage, Options& options);

// Makes `options.capture` name the capture to measure: the one given, or kismet-synth's capture for the
// options, generated in the work dir unless an up-to-date one is there. The file name is the one
// kismetcore_bench_dissect uses, so all benchmarks share one generated capture.
bool prepare_capture(std::string_view program, Options& options);

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs each of `count` measurements `repeat` times, rotating the order every round (a b c, b c a, c a b, ...) so
// no measurement always runs on a cache another one has just warmed. `run_once(k)` runs measurement k once and
// returns false to stop everything (run_rotating then returns false).
bool run_rotating(std::size_t count, unsigned repeat, const std::function<bool(std::size_t)>& run_once);

// Best, median and slowest of a rate (higher is better) over the timed runs.
struct Figures {
    double best = 0;
    double median = 0;
    double slowest = 0;
};
Figures summarize(std::vector<double> rates);

// Packets/s of each run summarized: `Run` has `packets` and `seconds`.
template <typename Run>
Figures packets_per_second(const std::vector<Run>& runs) {
    std::vector<double> rates;
    for (const Run& run : runs) rates.push_back(static_cast<double>(run.packets) / run.seconds);
    return summarize(std::move(rates));
}

// One line of figures: best packets/s with its ns per packet, median and slowest, the number of runs.
void print_packet_rates(std::string_view name, const Figures& figures, std::size_t runs);

// The bare libpcap loop: pcap_next_ex over the whole file, touching each record's length.
struct LibpcapRun {
    double seconds = 0;
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    bool ok = false;
};
LibpcapRun run_libpcap(std::string_view program, const std::string& capture);

// The 1-minute load average (-1 when unknown), printed with the figures: a busy machine explains a low ratio.
double load_average();

// `text` as a JSON string literal, quotes included.
std::string json_string(std::string_view text);
// {"best":...,"median":...,"slowest":...} with `precision` decimals.
std::string json_figures(const Figures& figures, int precision = 0);

}  // namespace kismetcore::bench
