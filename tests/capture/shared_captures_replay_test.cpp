// Replays every real capture in ../shared/captures: counts match capinfos, replay is deterministic.
#include <catch2/catch.hpp>

#include <map>

#include "kismetcore/capture/capture_file_reader.h"
#include "support/capture_files.h"
#include "support/shared_captures.h"

using kismetcore::capture::CaptureFormat;
using kismetcore::capture::CaptureParser;
using kismetcore::capture::ReadResult;
using kismetcore::testing::read_back;
using kismetcore::testing::same_packet;

namespace {

struct Expected {
    std::uint64_t packets;
    std::uint32_t dlt;
    // Offset of the record that is cut short, for the files that end in one; 0 for clean files.
    std::uint64_t truncated_at = 0;
};

// `capinfos -c` counts and DLTs from ../shared/captures/SOURCES.md. The offsets of the last, cut-short
// record were found by walking the record headers: capinfos reports "cut short in the middle of a packet".
const std::map<std::string, Expected>& expectations() {
    static const std::map<std::string, Expected> table{
        {"aircrack-ng__n-02.cap", {218, 105}},
        {"aircrack-ng__capture_wds-01.cap", {139, 105}},
        {"aircrack-ng__wpa2-psk-linksys.cap", {499, 105}},
        {"aircrack-ng__wpa-psk-linksys.cap", {587, 105}},
        {"aircrack-ng__wpa.cap", {13, 119}},
        {"aircrack-ng__wep_64_ptw.cap", {65282, 105}},
        {"aircrack-ng__wep.shared.key.authentication.cap", {13, 105}},
        {"aircrack-ng__pmkid-not-recognized.cap", {20056, 105, 1432616}},
        {"aircrack-ng__Chinese-SSID-Name.pcap", {1, 105}},
        {"aircrack-ng__wps2.0.pcap", {1, 105}},
        {"aircrack-ng__test1.pcap", {192, 127}},
        {"aircrack-ng__wpa3-psk.pcap", {24, 127}},
        {"aircrack-ng__80211ad_beacon.pcap", {1, 127}},
        {"wifite2__handshake_has_1234.cap", {2189, 105, 124931}},
        {"wifite2__handshake_not_exists.cap", {1112, 105}},
        {"tcpdump__ieee802.11_exthdr.pcap", {26, 127}},
        {"tcpdump__ieee802.11_meshid.pcap", {3, 127}},
        {"tcpdump__reason_code-7.pcap", {1, 127}},
        {"fragattacks__eapol-amsdu_BP-fromap.pcapng", {258, 127}},
        {"fragattacks__ping_I_E_R_E__full-recon-fromclient.pcapng", {116, 127}},
        {"crackle__pairing_and_ltk_exchange.pcap", {713, 192}},
        {"crackle__le_secure_connections.pcapng", {303, 256}},
        {"scapy__bad_rsn_parsing_overrides_ssid.pcap", {1, 127, 359}},
        {"derived__wpa2-psk-linksys.ppi.pcap", {499, 192}},
    };
    return table;
}

}  // namespace

TEST_CASE("every shared capture replays with the packet count capinfos reports", "[capture]") {
    const auto files = kismetcore::testing::shared_capture_files();
    if (files.empty()) {
        WARN("../shared/captures is absent: nothing to replay");
        return;
    }
    CHECK(files.size() == expectations().size());
    for (const auto& path : files) {
        const std::string name = path.filename().string();
        INFO(name);
        const auto found = expectations().find(name);
        REQUIRE(found != expectations().end());
        const Expected& expected = found->second;

        const auto read = read_back(path);
        CHECK(read.packets.size() == expected.packets);
        CHECK(read.link_type == expected.dlt);
        for (const auto& packet : read.packets) {
            CHECK(packet.dlt == expected.dlt);
            CHECK(packet.captured_length() <= packet.original_length);
        }
        if (expected.truncated_at == 0) {
            CHECK(read.last == ReadResult::end_of_file);
        } else {
            CHECK(read.last == ReadResult::error);
            CHECK(read.error_offset == expected.truncated_at);
            CHECK_THAT(read.error, Catch::StartsWith(path.string() + ": truncated record"));
        }
    }
}

TEST_CASE("reading a shared capture twice gives identical packets", "[capture]") {
    const auto files = kismetcore::testing::shared_capture_files();
    if (files.empty()) {
        WARN("../shared/captures is absent: nothing to replay");
        return;
    }
    for (const auto& path : files) {
        INFO(path.filename().string());
        const auto first = read_back(path);
        const auto second = read_back(path);
        REQUIRE(first.packets.size() == second.packets.size());
        for (std::size_t i = 0; i < first.packets.size(); ++i)
            REQUIRE(same_packet(first.packets[i], second.packets[i]));
        CHECK(first.last == second.last);
        CHECK(first.error == second.error);
    }
}

TEST_CASE("our pcapng parser and libpcap agree on every shared pcapng capture", "[capture]") {
    const auto files = kismetcore::testing::shared_capture_files();
    if (files.empty()) {
        WARN("../shared/captures is absent: nothing to replay");
        return;
    }
    for (const auto& path : files) {
        if (path.extension() != ".pcapng") continue;
        INFO(path.filename().string());
        const auto ours = read_back(path, CaptureParser::builtin);
        const auto theirs = read_back(path, CaptureParser::libpcap);
        CHECK(ours.format == CaptureFormat::pcapng);
        CHECK(ours.last == ReadResult::end_of_file);
        CHECK(theirs.last == ReadResult::end_of_file);
        REQUIRE(ours.packets.size() == theirs.packets.size());
        for (std::size_t i = 0; i < ours.packets.size(); ++i) REQUIRE(same_packet(ours.packets[i], theirs.packets[i]));
    }
}
