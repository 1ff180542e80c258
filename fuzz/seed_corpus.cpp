// Builds the fuzzers' seed corpora from real captures: each dissector is seeded with the bytes it would be
// handed in real use (whole link-layer packets, bare 802.11 frames, element lists, EAPOL payloads).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/craft/avs_builder.h"
#include "kismetcore/dissect/packet_dissector.h"

namespace fs = std::filesystem;
using kismetcore::capture::CaptureFileReader;
using kismetcore::capture::Packet;
using kismetcore::capture::ReadResult;

namespace {

// Enough variety to guide a short smoke run without making every run replay thousands of inputs.
constexpr std::size_t kMaxSeedsPerDissector = 300;
constexpr std::uintmax_t kMaxWholeFileSeedBytes = 64 * 1024;

class SeedWriter {
public:
    explicit SeedWriter(fs::path root) : root_(std::move(root)) {}

    void add(const std::string& dissector, std::span<const std::uint8_t> bytes) {
        if (bytes.empty()) return;
        auto& seen = seen_[dissector];
        if (seen.size() >= kMaxSeedsPerDissector) return;
        const std::string content(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        const auto hash = std::hash<std::string>{}(content);
        if (!seen.insert(hash).second) return;
        std::ofstream(root_ / dissector / std::to_string(hash), std::ios::binary) << content;
    }

    void make_dirs(std::initializer_list<std::string_view> dissectors) const {
        for (auto name : dissectors) fs::create_directories(root_ / name);
    }

private:
    fs::path root_;
    std::map<std::string, std::set<std::size_t>> seen_;
};

std::string dissector_for_link_type(std::uint32_t dlt) {
    namespace dlt_numbers = kismetcore::capture::dlt;
    switch (dlt) {
        case dlt_numbers::kRadiotap:
            return "radiotap";
        case dlt_numbers::kPpi:
            return "ppi";
        case dlt_numbers::kPrism:
            return "prism";
        case dlt_numbers::kAvs:
            return "avs";
        default:
            return {};
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fputs("usage: fuzz_seed_corpus CAPTURE_DIR SEED_DIR\n", stderr);
        return 2;
    }
    const fs::path captures = argv[1];
    SeedWriter seeds(argv[2]);
    seeds.make_dirs({"radiotap", "ppi", "prism", "avs", "dot11", "elements", "eapol", "capture_file"});
    if (!fs::is_directory(captures)) {
        std::printf("no captures at %s: fuzzers start from empty corpora\n", captures.c_str());
        return 0;
    }

    Packet packet;
    kismetcore::dissect::DissectedPacket dissected;
    for (const auto& entry : fs::directory_iterator(captures)) {
        std::string error;
        auto reader = CaptureFileReader::open(entry.path(), 0, error);
        if (!reader) continue;
        // Small files seed the file-format fuzzer whole; large ones would only slow each of its runs.
        if (fs::file_size(entry.path()) <= kMaxWholeFileSeedBytes) {
            std::ifstream in(entry.path(), std::ios::binary);
            const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            seeds.add("capture_file", std::span(reinterpret_cast<const std::uint8_t*>(content.data()), content.size()));
        }
        while (reader->next(packet) == ReadResult::packet) {
            if (auto name = dissector_for_link_type(packet.dlt); !name.empty()) seeds.add(name, packet.bytes());
            kismetcore::dissect::dissect_packet(packet, dissected);
            if (dissected.payload.dlt != kismetcore::capture::dlt::kIeee80211) continue;
            seeds.add("dot11", dissected.payload.bytes);
            // No shared capture uses AVS headers, so that dissector is seeded with real frames wrapped in one.
            if (packet.dlt == kismetcore::capture::dlt::kIeee80211) {
                const auto avs =
                    kismetcore::craft::AvsBuilder().frequency(2437).ssi(2, -60, -95).build(dissected.payload.bytes);
                seeds.add("avs", avs);
            }
            if (dissected.has_dot11) {
                seeds.add("elements", dissected.dot11.frame.elements);
                if (dissected.dot11.has_eapol) seeds.add("eapol", dissected.dot11.frame.llc_payload);
            }
        }
    }
    std::printf("seed corpora written to %s\n", argv[2]);
    return 0;
}
