// Benchmark: what the 802.11 WIDS rules cost on the ingest path: Engine::feed_file with every rule on against
// every rule off, over the same capture (kismet-synth's 1M-packet capture by default). Goal: rules cost <= 10%.
//
// "On" enables every 802.11 alert (the ones Kismet ships off too) at 10/min, 1/sec, plus an apspoof rule, an SSID
// canary and both watchlists, so every rule does its work. "Off" sets every alert to 0/min, which skips the rules.
// Runs alternate on/off so both see the same machine; the figure that matters is the ratio of their best runs.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench_support.h"
#include "kismetcore/alert/builtin_alerts.h"
#include "kismetcore/engine/engine.h"

namespace {

using kismetcore::bench::Clock;
using kismetcore::bench::seconds_since;

constexpr const char* kProgram = "kismetcore_bench_alert_cost";
constexpr double kCostGoal = 0.10;

constexpr const char* kUsageHead =
    "usage: kismetcore_bench_alert_cost [--capture FILE] [--packets N] [--devices M] [--ssids K] [--seed S]\n"
    "                                   [--repeat R] [--synth PATH] [--work DIR] [--single on|off]\n"
    "\n"
    "Prints packets/s of a fresh Engine's feed_file with every WIDS rule on and with every rule off, best and\n"
    "median of R alternating runs each, the rules' cost in ns/packet and as a share of the ingest time, and a\n"
    "final JSON line.\n"
    "  --single on|off one pass with the rules on or off and nothing else (no warm-up, no comparison), to run\n"
    "                  each side as its own process under a profiler (callgrind, perf)\n";
constexpr const char* kUsageTail =
    "Without --capture the capture is kismet-synth's, shared with the other benchmarks.\n";

kismetcore::EngineConfig config_with_rules(bool on) {
    kismetcore::EngineConfig config;
    config.tracker.manuf_lookup = false;
    config.alert_packet_time = true;
    for (const auto& builtin : kismetcore::alert::builtin_dot11_alerts())
        config.alerts.apply_line("alert=" + std::string(builtin.header) + (on ? ",10/min,1/sec" : ",0/min,1/sec"));
    for (const char* watchlist : {"DEVICEFOUND", "DEVICELOST"})
        config.alerts.apply_line("alert=" + std::string(watchlist) + (on ? ",10/min,1/sec" : ",0/min,1/sec"));
    if (on) {
        config.alerts.apply_text(
            "apspoof=Bench:ssid=\"corporate\",validmacs=\"00:11:22:33:44:55\"\n"
            "ssidcanary=Bench:ssid=\"honeypot\"\n"
            "devicefound=00:11:22:33:44:55\n"
            "devicelost=00:11:22:33:44:56\n");
    }
    return config;
}

// CPU time of the calling thread: unlike wall time it does not count the time the thread waited for a core,
// which on a loaded machine is most of the difference between runs.
double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct RunResult {
    double seconds = 0;
    double cpu_seconds = 0;
    std::uint64_t packets = 0;
    std::uint64_t alerts = 0;
    bool ok = false;
};

RunResult run_engine(const std::string& capture, bool rules_on) {
    RunResult result;
    auto engine = std::make_unique<kismetcore::Engine>(config_with_rules(rules_on));
    const auto start = Clock::now();
    const double cpu_start = thread_cpu_seconds();
    const auto file = engine->feed_file(capture);
    result.cpu_seconds = thread_cpu_seconds() - cpu_start;
    result.seconds = seconds_since(start);
    result.packets = file.packets;
    result.alerts = engine->alerts().raised_count() + engine->alerts().throttled_count();
    result.ok = file.error.empty();
    if (!result.ok) std::fprintf(stderr, "%s: %s\n", kProgram, file.error.c_str());
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    kismetcore::bench::Options options;
    const std::string usage = std::string(kUsageHead) + kismetcore::bench::kCommonUsage + kUsageTail;
    // --single is this benchmark's own option: taken out before the shared ones are parsed.
    std::string single;
    std::vector<char*> arguments;
    for (int i = 0; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--single" && i + 1 < argc) {
            single = argv[++i];
            continue;
        }
        arguments.push_back(argv[i]);
    }
    if (!single.empty() && single != "on" && single != "off") {
        std::fprintf(stderr, "%s: --single takes on or off, not %s\n", kProgram, single.c_str());
        return 2;
    }
    if (const int status = kismetcore::bench::start_benchmark(static_cast<int>(arguments.size()), arguments.data(),
                                                              kProgram, usage, options);
        status != 0)
        return status;
    if (!single.empty()) {
        const RunResult run = run_engine(options.capture, single == "on");
        if (!run.ok) return 1;
        std::printf("rules %s: %llu packets in %.3f s, %.3f s of CPU (%.1f ns/pkt), %llu alerts checked\n",
                    single.c_str(), static_cast<unsigned long long>(run.packets), run.seconds, run.cpu_seconds,
                    run.cpu_seconds * 1e9 / static_cast<double>(run.packets),
                    static_cast<unsigned long long>(run.alerts));
        return 0;
    }

    // One untimed pass of each warms the page cache and the code.
    const RunResult warm_on = run_engine(options.capture, true);
    const RunResult warm_off = run_engine(options.capture, false);
    if (!warm_on.ok || !warm_off.ok || warm_on.packets == 0) return 1;
    const double load = kismetcore::bench::load_average();
    std::printf("capture: %s (%llu packets); load average %.2f\n", options.capture.c_str(),
                static_cast<unsigned long long>(warm_on.packets), load);

    std::vector<double> on_rates;
    std::vector<double> off_rates;
    std::vector<double> on_cpu_rates;  // packets per CPU second
    std::vector<double> off_cpu_rates;
    // Each round's two runs follow each other, so they share the machine's state of the moment (another guest's
    // load, the clock speed): their ratio is the round's cost, and the median of those ratios resists the swings
    // that make the best of one side and the best of the other come from different moments.
    std::vector<double> round_shares;
    std::uint64_t alerts = 0;
    for (unsigned round = 0; round < options.repeat; ++round) {
        for (int k = 0; k < 2; ++k) {
            const bool on = ((round + static_cast<unsigned>(k)) % 2) == 0;
            const RunResult run = run_engine(options.capture, on);
            if (!run.ok) return 1;
            (on ? on_rates : off_rates).push_back(static_cast<double>(run.packets) / run.seconds);
            (on ? on_cpu_rates : off_cpu_rates).push_back(static_cast<double>(run.packets) / run.cpu_seconds);
            if (on) alerts = run.alerts;
        }
        round_shares.push_back(off_rates.back() / on_rates.back() - 1.0);
    }
    std::sort(round_shares.begin(), round_shares.end());
    const std::size_t middle = round_shares.size() / 2;
    const double paired_share =
        round_shares.size() % 2 == 1 ? round_shares[middle] : (round_shares[middle - 1] + round_shares[middle]) / 2;
    const auto on = kismetcore::bench::summarize(on_rates);
    const auto off = kismetcore::bench::summarize(off_rates);
    const double cost_ns = 1e9 / on.best - 1e9 / off.best;
    const double cost_share = off.best / on.best - 1.0;
    const double cost_share_median = off.median / on.median - 1.0;
    const auto on_cpu = kismetcore::bench::summarize(on_cpu_rates);
    const auto off_cpu = kismetcore::bench::summarize(off_cpu_rates);
    const double cpu_cost_ns = 1e9 / on_cpu.best - 1e9 / off_cpu.best;
    const double cpu_cost_share = off_cpu.best / on_cpu.best - 1.0;
    std::printf("rules on   best %9.0f pkt/s (%6.1f ns/pkt)   median %9.0f pkt/s\n", on.best, 1e9 / on.best, on.median);
    std::printf("rules off  best %9.0f pkt/s (%6.1f ns/pkt)   median %9.0f pkt/s\n", off.best, 1e9 / off.best,
                off.median);
    std::printf("rules cost: %.1f ns/pkt, %.1f%% of ingest (median %.1f%%; goal <= %.0f%%: %s); %llu alerts checked\n",
                cost_ns, cost_share * 100, cost_share_median * 100, kCostGoal * 100,
                cost_share <= kCostGoal ? "met" : "NOT met", static_cast<unsigned long long>(alerts));
    std::printf(
        "by thread CPU time (waits for a core left out): rules on best %.1f ns/pkt, off %.1f ns/pkt; "
        "cost %.1f ns/pkt, %.1f%% of ingest\n",
        1e9 / on_cpu.best, 1e9 / off_cpu.best, cpu_cost_ns, cpu_cost_share * 100);
    std::printf(
        "paired: median of the %zu rounds' own costs (on against the off run beside it) %.1f%% (goal <= %.0f%%: %s)\n",
        round_shares.size(), paired_share * 100, kCostGoal * 100, paired_share <= kCostGoal ? "met" : "NOT met");
    std::printf(
        "{\"benchmark\":\"alert_cost\",\"capture\":%s,\"packets\":%llu,\"repeat\":%u,\"load_average\":%.2f,"
        "\"rules_on_pps\":%s,\"rules_off_pps\":%s,\"cost_ns_per_packet\":%.1f,\"cost_share\":%.4f,"
        "\"cost_share_median\":%.4f,\"cost_share_paired_median\":%.4f,\"cpu_cost_ns_per_packet\":%.1f,\"cpu_cost_"
        "share\":%.4f,\"cost_goal\":%.2f,"
        "\"alerts\":%llu}\n",
        kismetcore::bench::json_string(options.capture).c_str(), static_cast<unsigned long long>(warm_on.packets),
        options.repeat, load, kismetcore::bench::json_figures(on).c_str(), kismetcore::bench::json_figures(off).c_str(),
        cost_ns, cost_share, cost_share_median, paired_share, cpu_cost_ns, cpu_cost_share, kCostGoal,
        static_cast<unsigned long long>(alerts));
    return 0;
}
