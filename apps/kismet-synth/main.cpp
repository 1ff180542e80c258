// kismet-synth: writes a deterministic synthetic radiotap capture of a busy Wi-Fi site.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "capture_emitter.h"
#include "frame_factory.h"
#include "kismetcore/capture/packet.h"
#include "kismetcore/capture/pcap_file_writer.h"
#include "random_source.h"
#include "site_model.h"
#include "traffic_generator.h"

namespace {

using kismetcore::synth::SiteModel;

constexpr const char* kUsage =
    "usage: kismet-synth [--packets N] [--devices M] [--ssids K] [--seed S] [--fcs] -o FILE\n"
    "\n"
    "Writes a synthetic pcap (radiotap, DLT 127) of a busy Wi-Fi site: access points beaconing on 2.4, 5 and\n"
    "6 GHz (open, WEP, WPA, WPA2, WPA3; WMM, HT, VHT, HE; some hidden SSIDs), clients probing, joining (open\n"
    "and SAE authentication, association, complete and failed 4-way handshakes, PMKIDs), talking (data, QoS\n"
    "data, null frames) and leaving (deauthentication, disassociation). The same options always give the\n"
    "same bytes.\n"
    "  --packets N   frames to write, exactly (default 2000)\n"
    "  --devices M   distinct MAC addresses, access points and clients (default 50, 2 to 16000000);\n"
    "                each one transmits when N leaves room for it (N well above M)\n"
    "  --ssids K     distinct network names (default 10, 1 to 1000000); names beyond the access points\n"
    "                are only ever probed for\n"
    "  --seed S      seed of the generator (default 1)\n"
    "  --fcs         end each frame with its FCS (radiotap flag 0x10)\n"
    "  -o, --output FILE   the capture to write (replaced if it exists)\n"
    "Benchmark input: kismet-synth --packets 1000000 --devices 100000 --ssids 10000 -o bench.pcap\n"
    "Exit status: 0 written, 1 the file could not be written, 2 bad usage.\n";

struct Options {
    std::uint64_t packets = 2000;
    kismetcore::synth::SiteShape shape;
    std::uint64_t seed = 1;
    bool fcs = false;
    std::string output;
};

bool parse_number(std::string_view option, const char* text, std::uint64_t low, std::uint64_t high,
                  std::uint64_t& out) {
    char* end = nullptr;
    const bool digits = text[0] >= '0' && text[0] <= '9';
    errno = 0;
    const unsigned long long value = digits ? std::strtoull(text, &end, 10) : 0;
    if (!digits || *end != '\0' || errno == ERANGE || value < low || value > high) {
        std::fprintf(stderr, "kismet-synth: %.*s must be a number from %llu to %llu, not '%s'\n",
                     static_cast<int>(option.size()), option.data(), static_cast<unsigned long long>(low),
                     static_cast<unsigned long long>(high), text);
        return false;
    }
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
        if (arg == "--fcs") {
            options.fcs = true;
            continue;
        }
        const bool takes_value = arg == "--packets" || arg == "--devices" || arg == "--ssids" || arg == "--seed" ||
                                 arg == "-o" || arg == "--output";
        if (!takes_value) {
            std::fprintf(stderr, "kismet-synth: unknown argument '%s'\n", argv[i]);
            return false;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "kismet-synth: %s needs a value\n", argv[i]);
            return false;
        }
        const char* value = argv[++i];
        bool good = true;
        if (arg == "--packets") good = parse_number(arg, value, 0, 1'000'000'000, options.packets);
        if (arg == "--devices") good = parse_number(arg, value, 2, SiteModel::kMaxDevices, options.shape.devices);
        if (arg == "--ssids") good = parse_number(arg, value, 1, SiteModel::kMaxSsids, options.shape.ssids);
        if (arg == "--seed") good = parse_number(arg, value, 0, UINT64_MAX, options.seed);
        if (arg == "-o" || arg == "--output") options.output = value;
        if (!good) return false;
    }
    if (options.output.empty()) {
        std::fputs("kismet-synth: no output file given (-o FILE)\n", stderr);
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse_options(argc, argv, options)) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    using namespace kismetcore;
    std::string error;
    auto writer = capture::PcapFileWriter::create(options.output, capture::dlt::kRadiotap, error);
    if (!writer) {
        std::fprintf(stderr, "kismet-synth: %s\n", error.c_str());
        return 1;
    }

    // One seed, split by purpose: changing how traffic is drawn leaves the site itself unchanged.
    synth::RandomSource seed(options.seed);
    synth::SiteModel site(options.shape, seed.fork(1));
    synth::FrameFactory frames(site, seed.fork(2));
    synth::CaptureEmitter emitter(*writer, seed.fork(3), options.fcs);
    synth::TrafficGenerator traffic(site, frames, emitter, seed.fork(4));

    const bool written = traffic.run(options.packets);
    const bool closed = writer->close();
    if (!written || !closed) {
        std::fprintf(stderr, "kismet-synth: %s\n", writer->error().c_str());
        return 1;
    }
    return 0;
}
