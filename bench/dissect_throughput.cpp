// Benchmark: packets/s of reading and fully dissecting a capture, against a bare libpcap read loop over it.
//
// (a) pcap_open_offline + pcap_next_ex, touching only each record's length: what reading the file costs.
// (b) CaptureFileReader + dissect_packet on one thread: what kismetcore's whole per-packet path costs.
// (c) CaptureFileReader alone, for the record: how (b)'s cost splits between reading and dissecting.
// The figure that matters is b/a (goal >= 0.5): a ratio measured in one run on one machine survives a slow or
// busy machine far better than an absolute rate does.
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_support.h"
#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/dissect/packet_dissector.h"

namespace {

using kismetcore::bench::Clock;
using kismetcore::bench::Figures;
using kismetcore::bench::seconds_since;

constexpr const char* kProgram = "kismetcore_bench_dissect";
constexpr double kRatioGoal = 0.5;

constexpr const char* kUsageHead =
    "usage: kismetcore_bench_dissect [--capture FILE] [--packets N] [--devices M] [--ssids K] [--seed S]\n"
    "                                [--repeat R] [--synth PATH] [--work DIR]\n"
    "\n"
    "Prints packets/s for (a) a bare libpcap read loop and (b) CaptureFileReader + dissect_packet over the\n"
    "same capture, best and median of R rotating runs each, the ratio b/a, and a final JSON line;\n"
    "(c) CaptureFileReader without dissection is printed too, to show where (b)'s time goes.\n";
constexpr const char* kUsageTail =
    "Without --capture the capture is generated with kismet-synth unless an up-to-date one is in DIR.\n";

// A libpcap run's figures, and for (b) the packets dissect_packet found fault with.
struct RunResult : kismetcore::bench::LibpcapRun {
    std::uint64_t dissect_errors = 0;
};

// (a) The floor: libpcap hands each record over and we read its length, nothing more.
RunResult run_libpcap(const std::string& capture) {
    return {kismetcore::bench::run_libpcap(kProgram, capture)};
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
        std::fprintf(stderr, "%s: %s\n", kProgram, error.c_str());
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
    if (status == ReadResult::error) std::fprintf(stderr, "%s: %s\n", kProgram, reader->error().c_str());
    result.seconds = seconds_since(start);
    result.ok = status == ReadResult::end_of_file;
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    kismetcore::bench::Options options;
    const std::string usage = std::string(kUsageHead) + kismetcore::bench::kCommonUsage + kUsageTail;
    if (const int status = kismetcore::bench::start_benchmark(argc, argv, kProgram, usage, options); status != 0)
        return status;

    // One untimed pass of each brings the file into the page cache and the code into the instruction cache.
    const RunResult warm_a = run_libpcap(options.capture);
    const RunResult warm_b = run_reader<true>(options.capture);
    if (!warm_a.ok || !warm_b.ok) return 1;
    if (warm_a.packets != warm_b.packets || warm_a.packets == 0) {
        std::fprintf(stderr, "%s: libpcap read %llu packets, CaptureFileReader %llu\n", kProgram,
                     static_cast<unsigned long long>(warm_a.packets), static_cast<unsigned long long>(warm_b.packets));
        return 1;
    }
    const double load = kismetcore::bench::load_average();
    std::printf("capture: %s (%llu packets, %.1f MB captured); load average %.2f\n", options.capture.c_str(),
                static_cast<unsigned long long>(warm_a.packets), static_cast<double>(warm_a.bytes) / 1e6, load);

    struct Measurement {
        const char* name;
        RunResult (*run)(const std::string&);
        std::vector<RunResult> runs;
    };
    std::array<Measurement, 3> measurements = {{{"(a) libpcap read loop", run_libpcap, {}},
                                                {"(b) read + dissect_packet", run_reader<true>, {}},
                                                {"(c) CaptureFileReader alone", run_reader<false>, {}}}};
    const bool all_ran = kismetcore::bench::run_rotating(measurements.size(), options.repeat, [&](std::size_t k) {
        measurements[k].runs.push_back(measurements[k].run(options.capture));
        return measurements[k].runs.back().ok;
    });
    if (!all_ran) return 1;

    std::array<Figures, 3> figures;
    for (std::size_t k = 0; k < measurements.size(); ++k) {
        figures[k] = kismetcore::bench::packets_per_second(measurements[k].runs);
        kismetcore::bench::print_packet_rates(measurements[k].name, figures[k], measurements[k].runs.size());
    }
    const auto& [a, b, c] = figures;
    const double ratio_best = b.best / a.best;
    const double ratio_median = b.median / a.median;
    std::printf("ratio b/a: best %.3f, median %.3f (goal >= %.1f: %s)\n", ratio_best, ratio_median, kRatioGoal,
                ratio_best >= kRatioGoal ? "met" : "NOT met");
    std::printf("packets with a dissection error: %llu of %llu\n",
                static_cast<unsigned long long>(warm_b.dissect_errors),
                static_cast<unsigned long long>(warm_b.packets));

    std::printf(
        "{\"benchmark\":\"dissect_throughput\",\"capture\":%s,\"packets\":%llu,\"bytes\":%llu,\"repeat\":%u,"
        "\"load_average\":%.2f,\"libpcap_pps\":%s,\"dissect_pps\":%s,\"reader_pps\":%s,"
        "\"ratio_best\":%.4f,\"ratio_median\":%.4f,\"ratio_goal\":%.1f,\"dissect_errors\":%llu}\n",
        kismetcore::bench::json_string(options.capture).c_str(), static_cast<unsigned long long>(warm_a.packets),
        static_cast<unsigned long long>(warm_a.bytes), options.repeat, load, kismetcore::bench::json_figures(a).c_str(),
        kismetcore::bench::json_figures(b).c_str(), kismetcore::bench::json_figures(c).c_str(), ratio_best,
        ratio_median, kRatioGoal, static_cast<unsigned long long>(warm_b.dissect_errors));
    return 0;
}
