// feed_file with EngineConfig::read_ahead_thread tracks exactly what it tracks on one thread, and starts no thread
// that outlives it.
#include <pthread.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "kismetcore/engine/engine.h"
#include "support/capture_files.h"
#include "support/shared_captures.h"

namespace {

using namespace kismetcore;
namespace fs = std::filesystem;

EngineConfig config_with(bool read_ahead_thread) {
    EngineConfig config;
    // Fixed clocks, so mod_time, the RRDs, message and alert times cannot differ between two runs.
    config.clock = [] { return std::uint64_t{1'800'000'000}; };
    config.wall_clock = [] { return track::WallTime{1'800'000'000, 250'000}; };
    config.tracker.server_uuid = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    config.message_backlog = 1'000'000;  // every message, not only the last 50
    config.alert_packet_time = true;     // throttles follow the capture, as in a replay
    config.read_ahead_thread = read_ahead_thread;
    return config;
}

// Everything a feed_file leaves behind that a reader can see.
struct Outcome {
    Engine::FileResult file;
    std::string devices;  // every device, whole records, as Kismet's /devices/all_devices.json
    EngineStats stats;
    std::vector<std::string> messages;
    std::vector<std::string> alerts;
    std::uint64_t alerts_raised = 0;
    std::uint64_t alerts_throttled = 0;
    std::uint64_t source_packets = 0;
};

std::size_t thread_count() {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator("/proc/self/task"), fs::directory_iterator{}));
}

Outcome feed(const fs::path& path, bool read_ahead_thread) {
    Engine engine(config_with(read_ahead_thread));
    Outcome outcome;
    outcome.file = engine.feed_file(path);
    outcome.devices = engine.query_devices({}).body;
    outcome.stats = engine.stats();
    for (const auto& message : engine.messages().all())
        outcome.messages.push_back(std::to_string(message.flags) + " " + message.text);
    for (const auto& alert : engine.alerts().all())
        outcome.alerts.push_back(alert->header + " " + std::to_string(alert->time.sec) + "." +
                                 std::to_string(alert->time.usec) + " " + std::to_string(alert->hash) + " " +
                                 alert->text);
    outcome.alerts_raised = engine.alerts().raised_count();
    outcome.alerts_throttled = engine.alerts().throttled_count();
    for (const auto& source : engine.datasources()) outcome.source_packets += source.num_packets;
    return outcome;
}

// Where two serialized device lists first differ, with a little of each around it; empty when they are equal.
// (Catch would print both whole, megabytes each, on a failed comparison.)
std::string first_difference(const std::string& expected, const std::string& actual) {
    if (expected == actual) return {};
    const auto [at, unused] = std::mismatch(expected.begin(), expected.end(), actual.begin(), actual.end());
    const auto offset = static_cast<std::size_t>(at - expected.begin());
    const std::size_t from = offset < 80 ? 0 : offset - 80;
    return "at byte " + std::to_string(offset) + ": one thread '" + expected.substr(from, 200) + "', read-ahead '" +
           actual.substr(from, 200) + "'";
}

void check_same(const Outcome& one_thread, const Outcome& read_ahead) {
    CHECK(read_ahead.file.packets == one_thread.file.packets);
    CHECK(read_ahead.file.error == one_thread.file.error);
    CHECK(read_ahead.devices.size() == one_thread.devices.size());
    const std::string devices_differ = first_difference(one_thread.devices, read_ahead.devices);
    INFO(devices_differ);
    CHECK(devices_differ.empty());
    CHECK(read_ahead.stats.packets == one_thread.stats.packets);
    CHECK(read_ahead.stats.dissect_errors == one_thread.stats.dissect_errors);
    CHECK(read_ahead.stats.duplicates == one_thread.stats.duplicates);
    CHECK(read_ahead.stats.expired_devices == one_thread.stats.expired_devices);
    CHECK(read_ahead.messages.size() == one_thread.messages.size());
    CHECK(read_ahead.alerts.size() == one_thread.alerts.size());
    // Element by element, so a failure names the first message that differs instead of printing every one.
    for (std::size_t i = 0; i < std::min(read_ahead.messages.size(), one_thread.messages.size()); ++i)
        if (read_ahead.messages[i] != one_thread.messages[i]) {
            CHECK(read_ahead.messages[i] == one_thread.messages[i]);
            break;
        }
    for (std::size_t i = 0; i < std::min(read_ahead.alerts.size(), one_thread.alerts.size()); ++i)
        if (read_ahead.alerts[i] != one_thread.alerts[i]) {
            CHECK(read_ahead.alerts[i] == one_thread.alerts[i]);
            break;
        }
    CHECK(read_ahead.alerts_raised == one_thread.alerts_raised);
    CHECK(read_ahead.alerts_throttled == one_thread.alerts_throttled);
    CHECK(read_ahead.source_packets == one_thread.source_packets);
}

// Feeds `path` on one thread and with the read-ahead thread, checks they agree, and returns the first.
Outcome check_both_ways(const fs::path& path) {
    INFO(path.filename().string());
    const std::size_t threads_before = thread_count();
    const Outcome one_thread = feed(path, false);
    const Outcome read_ahead = feed(path, true);
    CHECK(thread_count() == threads_before);  // the read-ahead thread ended with feed_file
    check_same(one_thread, read_ahead);
    return one_thread;
}

// One of the shared captures; an empty path, with a warning, when ../shared/captures is absent.
fs::path shared_capture(const std::string& name) {
    if (testing::shared_capture_files().empty()) {
        WARN("../shared/captures is absent: no " + name);
        return {};
    }
    const fs::path path = testing::shared_captures_dir() / name;
    REQUIRE(fs::exists(path));
    return path;
}

// This build's kismet-synth, or the one KISMETCORE_SYNTH names (a build without the apps, such as the
// ThreadSanitizer stage's, can borrow another build's); empty when there is neither.
std::string synth_program() {
    if (const char* named = std::getenv("KISMETCORE_SYNTH"); named != nullptr && *named != 0) return named;
#ifdef KISMETCORE_SYNTH_PATH
    return KISMETCORE_SYNTH_PATH;
#else
    return {};
#endif
}

// A kismet-synth capture of `packets` packets in `dir`.
fs::path synth_capture(const std::string& synth, const testing::TempDir& dir, int packets, int devices, int ssids) {
    const fs::path output = dir.file("synth.pcap");
    const std::string command = "'" + synth + "' --packets " + std::to_string(packets) + " --devices " +
                                std::to_string(devices) + " --ssids " + std::to_string(ssids) + " --seed 7 -o '" +
                                output.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    return output;
}

}  // namespace

TEST_CASE("the read-ahead thread tracks every shared capture as one thread does", "[concurrency][engine]") {
    const auto files = testing::shared_capture_files();
    if (files.empty()) {
        WARN("../shared/captures is absent: nothing to feed");
        return;
    }
    std::uint64_t packets = 0;
    for (const auto& path : files) packets += check_both_ways(path).file.packets;
    CHECK(packets > 90'000);
}

TEST_CASE("the read-ahead thread tracks a kismet-synth capture as one thread does", "[concurrency][engine]") {
    const std::string synth = synth_program();
    if (synth.empty()) {
        WARN("this build has no kismet-synth and KISMETCORE_SYNTH names none: no synthetic capture");
        return;
    }
    testing::TempDir dir;
    // Enough packets for the reader to lap the ring many times, devices enough that most packets meet a new one.
    const Outcome outcome = check_both_ways(synth_capture(synth, dir, 20'000, 2'000, 200));
    CHECK(outcome.file.packets == 20'000);
    CHECK(outcome.file.error.empty());
    CHECK(outcome.devices.size() > 1'000'000);
}

TEST_CASE("a truncated capture ends with the same error and packet count with the read-ahead thread",
          "[concurrency][engine]") {
    // A clean capture of a few thousand packets, cut in the middle of a record at several places (including inside
    // the first batch, and past the ring's first lap).
    const fs::path clean = shared_capture("wifite2__handshake_not_exists.cap");
    if (clean.empty()) return;
    testing::TempDir dir;
    const auto size = fs::file_size(clean);
    for (const std::uintmax_t cut : {std::uintmax_t{200}, size / 7, size / 2, size - 3}) {
        const fs::path cut_copy = dir.file("cut-" + std::to_string(cut) + ".cap");
        fs::copy_file(clean, cut_copy);
        testing::truncate_file(cut_copy, cut);
        const Outcome outcome = check_both_ways(cut_copy);
        CHECK_FALSE(outcome.file.error.empty());
    }
}

TEST_CASE("an exception while tracking stops the read-ahead thread and reaches the caller", "[concurrency][engine]") {
    const fs::path capture = shared_capture("aircrack-ng__wep_64_ptw.cap");
    const fs::path small_capture = shared_capture("aircrack-ng__wpa.cap");
    if (capture.empty() || small_capture.empty()) return;
    const std::size_t threads_before = thread_count();
    Engine engine(config_with(true));
    // A listener that fails at the third new device, after giving the reader time to fill the ring and wait for
    // room: the exception must wake it, stop it and join it.
    int new_devices = 0;
    engine.messages().add_listener([&new_devices](const bus::Message& message) {
        if (!message.text.starts_with("Detected new") || ++new_devices != 3) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        throw std::runtime_error("listener failed");
    });
    CHECK_THROWS_WITH(engine.feed_file(capture), "listener failed");
    CHECK(thread_count() == threads_before);
    // The engine is still usable: the next file is read by a new thread.
    const auto again = engine.feed_file(small_capture);
    CHECK(again.error.empty());
    CHECK(again.packets == 13);
    CHECK(thread_count() == threads_before);
}

namespace {

// The address space this process has mapped, in bytes (/proc/self/statm counts pages).
std::uint64_t mapped_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t pages = 0;
    statm >> pages;
    return pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

// In a child process: makes every new thread's stack larger than the address space left, so no thread can start
// (std::thread throws std::system_error), while ordinary allocations still have room.
bool forbid_new_threads() {
    constexpr std::uint64_t kRoom = std::uint64_t{256} << 20;
    constexpr std::size_t kStack = std::size_t{1} << 30;
    const rlimit limit{mapped_bytes() + kRoom, mapped_bytes() + kRoom};
    if (setrlimit(RLIMIT_AS, &limit) != 0) return false;
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0) return false;
    const bool set =
        pthread_attr_setstacksize(&attributes, kStack) == 0 && pthread_setattr_default_np(&attributes) == 0;
    pthread_attr_destroy(&attributes);
    return set;
}

bool same_outcome(const Outcome& a, const Outcome& b) {
    return a.file.packets == b.file.packets && a.file.error == b.file.error && a.devices == b.devices &&
           a.stats.packets == b.stats.packets && a.stats.dissect_errors == b.stats.dissect_errors &&
           a.stats.duplicates == b.stats.duplicates && a.messages == b.messages && a.alerts == b.alerts &&
           a.alerts_raised == b.alerts_raised && a.source_packets == b.source_packets;
}

}  // namespace

TEST_CASE("without a thread to be had, the read-ahead option reads on the calling thread", "[engine]") {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    // The sanitizers' allocators map memory of their own, which the address-space limit below would deny them.
    WARN("not under AddressSanitizer or ThreadSanitizer: the test limits the child's address space");
    return;
#endif
    const fs::path capture = shared_capture("wifite2__handshake_not_exists.cap");
    if (capture.empty()) return;
    const Outcome one_thread = feed(capture, false);
    REQUIRE(one_thread.file.packets > 1'000);

    // In a child, so the limits end with it. Exit status: 0 the same outcome, 1 a different one, 2 the limits could
    // not be set, 3 a thread started anyway (the test could not take the thread away), 4 feed_file threw. The child
    // leaves by _exit only, never back into the test runner.
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        if (!forbid_new_threads()) _exit(2);
        try {
            std::thread probe([] {});
            probe.join();
            _exit(3);
        } catch (const std::system_error&) {
        }
        try {
            _exit(same_outcome(one_thread, feed(capture, true)) ? 0 : 1);
        } catch (...) {
            _exit(4);
        }
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    INFO("child exit status " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << ", signal "
                              << (WIFSIGNALED(status) ? WTERMSIG(status) : 0));
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
