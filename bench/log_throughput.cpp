// Benchmark: what the kismetdb log costs on the ingest path. Engine::feed_file of the same capture
// (kismet-synth's 1M-packet capture by default) with the log off and with a KismetdbLog on, timed until every row
// is committed and the file closed. Goal: on >= 0.6 x off. Also bytes on disk per packet, and device upserts per
// second: write_devices() of every device at once (100,000 on the default capture), committed. And the floor under
// the writer: the same packet rows inserted by SQLite alone (sqlite_floor.h), whose rate bounds what b/a can reach.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench_support.h"
#include "kismetcore/engine/engine.h"
#include "kismetcore/log/kismetdb_log.h"
#include "sqlite_floor.h"

namespace {

using kismetcore::bench::Clock;
using kismetcore::bench::seconds_since;

constexpr const char* kProgram = "kismetcore_bench_log";
constexpr double kRatioGoal = 0.6;

constexpr const char* kUsageHead =
    "usage: kismetcore_bench_log [--capture FILE] [--packets N] [--devices M] [--ssids K] [--seed S]\n"
    "                            [--repeat R] [--synth PATH] [--work DIR]\n"
    "\n"
    "Prints packets/s of a fresh Engine's feed_file with the kismetdb log off and on (timed until the log is\n"
    "closed), best and median of R alternating runs each, their ratio, the log's bytes per packet, device\n"
    "upserts per second, the same packet rows inserted by SQLite alone (the writer's floor), and a final JSON\n"
    "line. The logs are written to the work dir and removed.\n";
constexpr const char* kUsageTail =
    "Without --capture the capture is kismet-synth's, shared with the other benchmarks.\n";

struct Run {
    double seconds = 0;
    std::uint64_t packets = 0;
    std::uint64_t log_bytes = 0;
    std::uint64_t devices = 0;
    double device_seconds = 0;  // write_devices() of every device, until committed
    bool ok = false;
};

kismetcore::EngineConfig bench_config() {
    kismetcore::EngineConfig config;
    config.tracker.manuf_lookup = false;
    return config;
}

void remove_log(const std::filesystem::path& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path.string() + suffix, ignored);
}

// `keep_log`: the packet log stays on disk for the caller.
Run run_engine(const std::string& capture, const std::filesystem::path& log_path, bool log_on, bool keep_log = false) {
    Run run;
    auto engine = std::make_unique<kismetcore::Engine>(bench_config());
    std::unique_ptr<kismetcore::log::KismetdbLog> log;
    remove_log(log_path);
    const auto start = Clock::now();
    if (log_on) {
        std::string error;
        auto writer = kismetcore::log::KismetdbWriter::create(log_path, {}, error);
        if (!writer) {
            std::fprintf(stderr, "%s: %s\n", kProgram, error.c_str());
            return run;
        }
        kismetcore::log::KismetdbLogOptions options;
        options.log_devices = false;  // the devices are timed on their own below
        log = std::make_unique<kismetcore::log::KismetdbLog>(*engine, std::move(writer), options);
    }
    const auto file = engine->feed_file(capture);
    std::string error;
    if (log && !log->close(&error)) std::fprintf(stderr, "%s: %s\n", kProgram, error.c_str());
    run.seconds = seconds_since(start);
    run.packets = file.packets;
    run.ok = file.error.empty() && error.empty();
    if (!file.error.empty()) std::fprintf(stderr, "%s: %s\n", kProgram, file.error.c_str());
    if (!log_on || !run.ok) return run;
    run.log_bytes = std::filesystem::file_size(log_path);
    const auto stats = log->writer().stats();
    if (stats.written < run.packets || stats.failed != 0 || stats.dropped != 0) {
        std::fprintf(stderr, "%s: the log wrote %llu rows (%llu failed, %llu dropped) for %llu packets: %s\n", kProgram,
                     static_cast<unsigned long long>(stats.written), static_cast<unsigned long long>(stats.failed),
                     static_cast<unsigned long long>(stats.dropped), static_cast<unsigned long long>(run.packets),
                     stats.last_error.c_str());
        run.ok = false;
        return run;
    }

    // Device upserts: a second log, every device of the engine written once and committed.
    const auto devices_path = log_path.string() + ".devices";
    remove_log(devices_path);
    auto writer = kismetcore::log::KismetdbWriter::create(devices_path, {}, error);
    if (!writer) {
        std::fprintf(stderr, "%s: %s\n", kProgram, error.c_str());
        run.ok = false;
        return run;
    }
    kismetcore::log::KismetdbLog device_log(*engine, std::move(writer));
    const auto devices_start = Clock::now();
    run.devices = device_log.write_devices();
    device_log.close();
    run.device_seconds = seconds_since(devices_start);
    remove_log(devices_path);
    if (!keep_log) remove_log(log_path);
    return run;
}

}  // namespace

int main(int argc, char** argv) {
    kismetcore::bench::Options options;
    const std::string usage = std::string(kUsageHead) + kismetcore::bench::kCommonUsage + kUsageTail;
    if (const int status = kismetcore::bench::start_benchmark(argc, argv, kProgram, usage, options); status != 0)
        return status;
    const std::filesystem::path log_path = std::filesystem::path(options.work) / "bench-log.kismet";

    // One untimed pass of each warms the page cache, the heap and the file system; the packet rows that pass
    // logged are the ones SQLite alone inserts in (c).
    if (!run_engine(options.capture, log_path, false).ok || !run_engine(options.capture, log_path, true, true).ok)
        return 1;
    kismetcore::bench::StoredPacketRows packet_rows;
    std::string load_error;
    if (!packet_rows.load(log_path, load_error)) {
        std::fprintf(stderr, "%s: %s\n", kProgram, load_error.c_str());
        return 1;
    }
    remove_log(log_path);
    const std::filesystem::path floor_path = std::filesystem::path(options.work) / "bench-log-floor.kismet";
    const std::size_t batch_rows = kismetcore::log::KismetdbWriterOptions{}.queue_rows;
    const double load = kismetcore::bench::load_average();
    std::printf("capture: %s; load average %.2f\n", options.capture.c_str(), load);

    std::vector<Run> off_runs;
    std::vector<Run> on_runs;
    std::vector<double> floor_rates;  // rows/s
    const bool all_ok = kismetcore::bench::run_rotating(3, options.repeat, [&](std::size_t which) {
        if (which == 2) {
            remove_log(floor_path);
            std::string error;
            const double seconds =
                packet_rows.insert_into(floor_path, kismetcore::log::kKismetdbVersion, batch_rows, error);
            remove_log(floor_path);
            if (seconds < 0) {
                std::fprintf(stderr, "%s: %s\n", kProgram, error.c_str());
                return false;
            }
            floor_rates.push_back(static_cast<double>(packet_rows.rows()) / seconds);
            return true;
        }
        const Run run = run_engine(options.capture, log_path, which == 1);
        (which == 1 ? on_runs : off_runs).push_back(run);
        return run.ok;
    });
    if (!all_ok) return 1;

    const auto off = kismetcore::bench::packets_per_second(off_runs);
    const auto on = kismetcore::bench::packets_per_second(on_runs);
    kismetcore::bench::print_packet_rates("(a) feed_file, log off", off, off_runs.size());
    kismetcore::bench::print_packet_rates("(b) feed_file, log on", on, on_runs.size());
    const double ratio_best = on.best / off.best;
    const double ratio_median = on.median / off.median;
    std::printf("ratio b/a: best %.3f, median %.3f (goal >= %.1f: %s)\n", ratio_best, ratio_median, kRatioGoal,
                ratio_best >= kRatioGoal ? "met" : "NOT met");
    // The writer thread inserts every packet row, so b cannot beat SQLite inserting those rows alone: c/a bounds b/a.
    const auto floor = kismetcore::bench::summarize(floor_rates);
    std::printf(
        "(c) SQLite alone, the packet rows  best %9.0f rows/s (%6.1f ns/row)   median %9.0f rows/s   (%zu runs, "
        "%zu rows)\n",
        floor.best, 1e9 / floor.best, floor.median, floor_rates.size(), packet_rows.rows());
    std::printf("ratio c/a, the most b/a can reach with one SQLite connection: best %.3f, median %.3f\n",
                floor.best / off.best, floor.median / off.median);
    const Run& last = on_runs.back();
    const double bytes_per_packet = static_cast<double>(last.log_bytes) / static_cast<double>(last.packets);
    std::vector<double> upsert_rates;
    for (const Run& run : on_runs) upsert_rates.push_back(static_cast<double>(run.devices) / run.device_seconds);
    const auto upserts = kismetcore::bench::summarize(upsert_rates);
    std::printf("log size: %.1f bytes per packet (%llu packets)\n", bytes_per_packet,
                static_cast<unsigned long long>(last.packets));
    std::printf("device upserts: best %.0f/s, median %.0f/s (%llu devices, written and committed)\n", upserts.best,
                upserts.median, static_cast<unsigned long long>(last.devices));
    std::printf(
        "{\"benchmark\":\"log_throughput\",\"capture\":%s,\"packets\":%llu,\"repeat\":%u,\"load_average\":%.2f,"
        "\"log_off_pps\":%s,\"log_on_pps\":%s,\"ratio_best\":%.3f,\"ratio_median\":%.3f,\"ratio_goal\":%.1f,"
        "\"sqlite_alone_rows_per_s\":%s,\"ratio_sqlite_alone_best\":%.3f,\"ratio_sqlite_alone_median\":%.3f,"
        "\"bytes_per_packet\":%.1f,\"devices\":%llu,\"device_upserts_per_s\":%s}\n",
        kismetcore::bench::json_string(options.capture).c_str(), static_cast<unsigned long long>(last.packets),
        options.repeat, load, kismetcore::bench::json_figures(off).c_str(), kismetcore::bench::json_figures(on).c_str(),
        ratio_best, ratio_median, kRatioGoal, kismetcore::bench::json_figures(floor).c_str(), floor.best / off.best,
        floor.median / off.median, bytes_per_packet, static_cast<unsigned long long>(last.devices),
        kismetcore::bench::json_figures(upserts).c_str());
    return 0;
}
