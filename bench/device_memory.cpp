// Benchmark: memory per tracked device at 100,000 devices, clients and access points measured separately.
//
// Each workload is crafted in memory (craft/ builders), so it holds exactly the devices and frames it says:
// - clients: 100 access points beacon first (fed before the first snapshot), then every client sends a probe
//   request for its AP's SSID and three protected QoS data frames (two to the AP, one from it);
// - access points: every AP beacons twice with an SSID, rates, a DS channel and an RSN element.
// A fresh child process per run feeds a fresh Engine, so each run starts from the same heap. Before and after the
// measured packets it reads the heap in use (mallinfo2: arena + mmapped) and the resident set (/proc/self/statm),
// and divides each growth by the devices created. The goal is <= 2 KiB resident per client device. An allocation
// census (operator new below) splits the heap growth by chunk size, so the report can say which records cost what.
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "bench_support.h"
#include "kismetcore/engine/engine.h"
#include "memory_census.h"
#include "memory_workloads.h"

namespace {

using kismetcore::bench::Clock;
using kismetcore::bench::seconds_since;
namespace census = kismetcore::bench::census;
namespace workloads = kismetcore::bench::workloads;

constexpr const char* kProgram = "kismetcore_bench_device_memory";
constexpr double kClientGoalBytes = 2048;

constexpr const char* kUsageHead =
    "usage: kismetcore_bench_device_memory [--devices M] [--repeat R]\n"
    "\n"
    "Feeds M crafted client devices, then M crafted access points, each into a fresh Engine in a child process,\n"
    "and prints the heap and resident memory each device costs, best and median of R runs, the allocations\n"
    "behind it, and a final JSON line.\n"
    "  --devices M     devices per workload (default 100000)\n"
    "  --repeat R      runs per workload (default 5)\n"
    "Accepted and ignored, so bench/run-benchmarks can give every benchmark the same arguments:\n";

// What one child reports through its pipe: plain data only.
struct RunReport {
    bool ok = false;
    std::uint64_t devices = 0;  // created by the measured packets
    std::uint64_t packets = 0;
    std::int64_t heap_bytes = 0;  // growth of mallinfo2 uordblks + hblkhd
    std::int64_t rss_bytes = 0;   // growth of the resident set
    double seconds = 0;           // feeding the measured packets
    census::Summary census;
};

std::int64_t heap_in_use() {
    const struct mallinfo2 info = mallinfo2();
    return static_cast<std::int64_t>(info.uordblks + info.hblkhd);
}

std::int64_t resident_bytes() {
    long pages = 0;
    if (std::FILE* file = std::fopen("/proc/self/statm", "r")) {
        long size = 0;
        if (std::fscanf(file, "%ld %ld", &size, &pages) != 2) pages = 0;
        std::fclose(file);
    }
    return static_cast<std::int64_t>(pages) * sysconf(_SC_PAGESIZE);
}

// Runs in the child: the Engine and its fixed costs (manufacturer registry, dissector state, setup devices)
// exist before the first snapshot, so the growth is what the measured devices cost.
RunReport measure(const workloads::Workload& workload, bool device_rrds) {
    RunReport report;
    kismetcore::EngineConfig config;
    config.tracker.track_device_rrds = device_rrds;
    kismetcore::Engine engine(std::move(config));
    for (const auto& packet : workload.setup) engine.feed(packet);
    // Free pages left over from building the workload go back to the kernel, so they cannot hide growth.
    malloc_trim(0);
    const std::uint64_t devices_before = engine.tracker().size();
    const std::int64_t heap_before = heap_in_use();
    const std::int64_t rss_before = resident_bytes();

    census::start();
    const auto start = Clock::now();
    for (const auto& packet : workload.measured) engine.feed(packet);
    report.seconds = seconds_since(start);
    census::stop();

    report.heap_bytes = heap_in_use() - heap_before;
    report.rss_bytes = resident_bytes() - rss_before;
    report.devices = engine.tracker().size() - devices_before;
    report.packets = workload.measured.size();
    report.census = census::summarize();
    report.ok = engine.stats().dissect_errors == 0;
    return report;
}

// Forks, measures in the child, and reads its report back.
RunReport measure_in_child(const workloads::Workload& workload, bool device_rrds) {
    RunReport report;
    int fds[2];
    if (pipe(fds) != 0) return report;
    std::fflush(stdout);
    const pid_t child = fork();
    if (child < 0) return report;
    if (child == 0) {
        close(fds[0]);
        const RunReport measured = measure(workload, device_rrds);
        const bool written = write(fds[1], &measured, sizeof measured) == static_cast<ssize_t>(sizeof measured);
        _exit(written ? 0 : 1);
    }
    close(fds[1]);
    const bool read_all = read(fds[0], &report, sizeof report) == static_cast<ssize_t>(sizeof report);
    close(fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (!read_all || !WIFEXITED(status) || WEXITSTATUS(status) != 0) report.ok = false;
    return report;
}

struct WorkloadFigures {
    std::vector<RunReport> runs;
    double heap_best = 0;  // bytes per device, the smallest over the runs
    double heap_median = 0;
    double rss_best = 0;
    double rss_median = 0;
    double packets_per_second = 0;  // best
};

double per_device(std::int64_t bytes, std::uint64_t devices) {
    return devices == 0 ? 0 : static_cast<double>(bytes) / static_cast<double>(devices);
}

WorkloadFigures run_workload(const char* name, const workloads::Workload& workload, bool device_rrds, unsigned repeat) {
    WorkloadFigures figures;
    std::vector<double> heap;
    std::vector<double> rss;
    std::vector<double> rates;
    for (unsigned i = 0; i < repeat; ++i) {
        RunReport report = measure_in_child(workload, device_rrds);
        if (!report.ok || report.devices != workload.expected_devices) {
            std::fprintf(stderr, "%s: %s run %u failed (%llu devices created, %llu expected)\n", kProgram, name, i,
                         static_cast<unsigned long long>(report.devices),
                         static_cast<unsigned long long>(workload.expected_devices));
            figures.runs.clear();
            return figures;
        }
        // Memory is better when smaller: negate so summarize's "best" is the smallest.
        heap.push_back(-per_device(report.heap_bytes, report.devices));
        rss.push_back(-per_device(report.rss_bytes, report.devices));
        rates.push_back(static_cast<double>(report.packets) / report.seconds);
        figures.runs.push_back(report);
    }
    const auto heap_figures = kismetcore::bench::summarize(heap);
    const auto rss_figures = kismetcore::bench::summarize(rss);
    figures.heap_best = -heap_figures.best;
    figures.heap_median = -heap_figures.median;
    figures.rss_best = -rss_figures.best;
    figures.rss_median = -rss_figures.median;
    figures.packets_per_second = kismetcore::bench::summarize(rates).best;
    return figures;
}

void print_workload(const char* name, const WorkloadFigures& figures) {
    const RunReport& first = figures.runs.front();
    std::printf("%s: %llu devices from %llu packets (ingest %.0f pkt/s best)\n", name,
                static_cast<unsigned long long>(first.devices), static_cast<unsigned long long>(first.packets),
                figures.packets_per_second);
    std::printf("  heap     %7.0f bytes/device best, %7.0f median\n", figures.heap_best, figures.heap_median);
    std::printf("  resident %7.0f bytes/device best, %7.0f median   (%zu runs)\n", figures.rss_best, figures.rss_median,
                figures.runs.size());
    census::print(first.census, first.devices, workloads::known_types());
}

std::string json_workload(const WorkloadFigures& figures) {
    const RunReport& first = figures.runs.front();
    char text[400];
    std::snprintf(text, sizeof text,
                  "{\"devices\":%llu,\"packets\":%llu,\"heap_bytes_per_device\":{\"best\":%.1f,\"median\":%.1f},"
                  "\"rss_bytes_per_device\":{\"best\":%.1f,\"median\":%.1f},\"allocations_per_device\":%.2f,"
                  "\"ingest_pps\":%.0f}",
                  static_cast<unsigned long long>(first.devices), static_cast<unsigned long long>(first.packets),
                  figures.heap_best, figures.heap_median, figures.rss_best, figures.rss_median,
                  per_device(first.census.net_allocations, first.devices), figures.packets_per_second);
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    kismetcore::bench::Options options;
    const std::string usage = std::string(kUsageHead) + kismetcore::bench::kCommonUsage;
    if (!kismetcore::bench::parse_options(argc, argv, kProgram, usage, options)) {
        std::fputs(usage.c_str(), stderr);
        return 2;
    }
    if (options.devices < 1 || options.devices > 10'000'000) {
        std::fprintf(stderr, "%s: --devices must be 1 to 10000000\n", kProgram);
        return 2;
    }
    const double load = kismetcore::bench::load_average();
    std::printf("devices per workload: %llu; load average %.2f\n", static_cast<unsigned long long>(options.devices),
                load);
    workloads::print_type_sizes();

    WorkloadFigures clients;
    WorkloadFigures clients_without_rrds;
    {
        const workloads::Workload workload = workloads::clients(options.devices);
        clients = run_workload("clients", workload, true, options.repeat);
        // The per-device RRDs are a configuration choice (track_device_rrds), so their share is measured too.
        clients_without_rrds = run_workload("clients, track_device_rrds=false", workload, false, options.repeat);
    }
    if (clients.runs.empty() || clients_without_rrds.runs.empty()) return 1;
    WorkloadFigures access_points;
    {
        const workloads::Workload workload = workloads::access_points(options.devices);
        access_points = run_workload("access points", workload, true, options.repeat);
    }
    if (access_points.runs.empty()) return 1;

    print_workload("clients", clients);
    print_workload("clients, track_device_rrds=false", clients_without_rrds);
    print_workload("access points", access_points);
    std::printf("client goal <= %.0f bytes resident per device: %s (best %.0f)\n", kClientGoalBytes,
                clients.rss_best <= kClientGoalBytes ? "met" : "NOT met", clients.rss_best);

    std::printf(
        "{\"benchmark\":\"device_memory\",\"devices\":%llu,\"repeat\":%u,\"load_average\":%.2f,"
        "\"sizeof\":%s,\"clients\":%s,\"clients_without_rrds\":%s,\"access_points\":%s,\"client_goal_bytes\":%.0f,"
        "\"client_goal_met\":%s}\n",
        static_cast<unsigned long long>(options.devices), options.repeat, load, workloads::json_type_sizes().c_str(),
        json_workload(clients).c_str(), json_workload(clients_without_rrds).c_str(),
        json_workload(access_points).c_str(), kClientGoalBytes,
        clients.rss_best <= kClientGoalBytes ? "true" : "false");
    return 0;
}
