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
#include "kismetcore/craft/arp_builder.h"
#include "kismetcore/craft/avs_builder.h"
#include "kismetcore/craft/dhcp_builder.h"
#include "kismetcore/craft/dot11_frame_builder.h"
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

// The shared captures hold little cleartext data (nearly all of it is encrypted), so the DHCP and IP-data readers
// start from messages built in code: a client's discover with every option it reads, a server's offer, CDP, ARP and
// TCP. The 802.11 fuzzer gets the DHCP messages inside data frames.
void add_crafted_dhcp_seeds(SeedWriter& seeds) {
    namespace craft = kismetcore::craft;
    namespace dhcp = kismetcore::dissect::dhcp;
    const kismetcore::MacAddress client{std::array<std::uint8_t, 6>{0x02, 0, 0, 0, 0, 0x0b}};
    const kismetcore::MacAddress ap{std::array<std::uint8_t, 6>{0x02, 0, 0, 0, 0, 0x0a}};
    const kismetcore::MacAddress broadcast{std::array<std::uint8_t, 6>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
    const auto identifier = craft::dhcp_client_identifier(client);
    const auto discover = craft::dhcp_ipv4_packet({.client_hardware = client,
                                                   .host_name = "seed-host",
                                                   .vendor_class = "MSFT 5.0",
                                                   .client_identifier = identifier});
    const auto offer = craft::dhcp_ipv4_packet({.ip_source = {192, 168, 1, 1},
                                                .source_port = dhcp::kServerPort,
                                                .destination_port = dhcp::kClientPort,
                                                .op = 2,
                                                .client_hardware = client,
                                                .your_address = {192, 168, 1, 23},
                                                .message_type = dhcp::message_type::kOffer,
                                                .subnet_mask = kismetcore::Ipv4Address{255, 255, 255, 0},
                                                .router = kismetcore::Ipv4Address{192, 168, 1, 1}});
    // read_ip_data's seeds: a CDP frame with a device and a port ID, a padded ARP request, a TCP segment.
    seeds.add("ip_data",
              std::vector<std::uint8_t>{0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, 0x20, 0x00, 2, 180, 0,   0,   0,   1,   0,
                                        8,    's',  'w',  '-',  '1',  0,    3,    0,    9, 'G', 'i', '0', '/', '7', 0});
    seeds.add("ip_data",
              craft::llc_snap(craft::kEthertypeArp,
                              craft::arp_packet({.sender_hardware = kismetcore::MacAddress{std::array<std::uint8_t, 6>{
                                                     2, 0, 0, 0, 0, 0x0b}},
                                                 .sender_address = {10, 0, 0, 2},
                                                 .target_address = {10, 0, 0, 1},
                                                 .padding = 4})));
    std::vector<std::uint8_t> tcp{0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1};
    tcp.resize(40, 0);
    seeds.add("ip_data", craft::llc_snap(0x0800, tcp));
    for (const auto& message : {discover, offer}) {
        seeds.add("dhcp", message);
        seeds.add("ip_data", craft::llc_snap(kismetcore::dissect::dot11::kEthertypeIpv4, message));
        const auto body = craft::llc_snap(kismetcore::dissect::dot11::kEthertypeIpv4, message);
        seeds.add("dot11", craft::data_frame({.direction = craft::DsDirection::to_ap,
                                              .source = client,
                                              .destination = broadcast,
                                              .bssid = ap,
                                              .body = body}));
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
    seeds.make_dirs(
        {"radiotap", "ppi", "prism", "avs", "dot11", "elements", "eapol", "dhcp", "ip_data", "capture_file"});
    add_crafted_dhcp_seeds(seeds);
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
                if (dissected.dot11.has_dhcp) seeds.add("dhcp", dissected.dot11.frame.llc_payload);
                if (!dissected.dot11.frame.protected_frame && dissected.dot11.frame.is_data() &&
                    !dissected.dot11.frame.body.empty())
                    seeds.add("ip_data", dissected.dot11.frame.body);
            }
        }
    }
    std::printf("seed corpora written to %s\n", argv[2]);
    return 0;
}
