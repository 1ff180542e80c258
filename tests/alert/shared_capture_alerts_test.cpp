// The rules over the shared real captures: only the alerts the captures genuinely hold, and Kismet's own answers.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "kismetcore/engine/engine.h"
#include "support/kismet_samples.h"
#include "support/shared_captures.h"

using namespace kismetcore;

namespace {

// Kismet throttles by its clock, and a pcapfile replay runs within a second or so of it: a frozen clock is what
// makes the counts comparable.
EngineConfig frozen_clock_config() {
    EngineConfig config;
    config.clock = [] { return std::uint64_t{1'795'369'703}; };
    config.tracker.manuf_lookup = false;
    config.alerts.backlog = 10'000;
    return config;
}

std::map<std::string, std::size_t> alerts_of(const std::filesystem::path& capture) {
    Engine engine(frozen_clock_config());
    engine.feed_file(capture);
    std::map<std::string, std::size_t> counts;
    for (const auto& alert : engine.alerts().all()) ++counts[alert->header];
    return counts;
}

// "HEADER xN, ..." for readable failures.
std::string census(const std::map<std::string, std::size_t>& counts) {
    std::string out;
    for (const auto& [header, count] : counts) out += header + " x" + std::to_string(count) + ", ";
    return out;
}

// One alert as "HEADER tx src dst: text".
using AlertKey = std::string;
AlertKey key_of(std::string_view header, std::string_view transmitter, std::string_view source,
                std::string_view destination, std::string_view text) {
    return std::string(header) + " " + std::string(transmitter) + " " + std::string(source) + " " +
           std::string(destination) + ": " + std::string(text);
}

std::string text_of(simdjson::dom::element alert, const char* key) {
    return std::string(std::string_view(alert[key]));
}

}  // namespace

TEST_CASE("the shared captures raise only the alerts they genuinely hold", "[alert]") {
    // Every alert the shared captures raise, and why it is genuine. NOCLIENTMFP is raised by Kismet for nearly every
    // association request (see the rule), so every capture with one has it.
    const std::map<std::string, std::map<std::string, std::size_t>> expected = {
        // aireplay-ng deauthentication attack: hundreds of deauths a second, one with reserved reason 227, and a
        // broadcast deauth; the clients associate without MFP.
        {"aircrack-ng__pmkid-not-recognized.cap",
         {{"DEAUTHFLOOD", 2}, {"DISCONCODEINVALID", 1}, {"BCASTDISCON", 1}, {"NOCLIENTMFP", 1}}},
        // WPA/WPA2 clients associating without MFP (Kismet raises the same, see kismet-samples).
        {"aircrack-ng__capture_wds-01.cap", {{"NOCLIENTMFP", 1}}},
        {"aircrack-ng__n-02.cap", {{"NOCLIENTMFP", 1}}},
        {"aircrack-ng__test1.pcap", {{"NOCLIENTMFP", 1}}},
        {"aircrack-ng__wpa-psk-linksys.cap", {{"NOCLIENTMFP", 1}}},
        {"aircrack-ng__wpa2-psk-linksys.cap", {{"NOCLIENTMFP", 1}}},
        {"aircrack-ng__wpa3-psk.pcap", {{"NOCLIENTMFP", 1}}},
        {"derived__wpa2-psk-linksys.ppi.pcap", {{"NOCLIENTMFP", 1}}},
        {"aircrack-ng__wep.shared.key.authentication.cap", {{"NOCLIENTMFP", 1}}},
        {"fragattacks__eapol-amsdu_BP-fromap.pcapng", {{"NOCLIENTMFP", 1}}},
        {"fragattacks__ping_I_E_R_E__full-recon-fromclient.pcapng", {{"NOCLIENTMFP", 1}}},
        {"tcpdump__ieee802.11_exthdr.pcap", {{"NOCLIENTMFP", 1}}},
        // The WEP PTW attack deauthenticates its victim: 2683 deauths in 63 seconds.
        {"aircrack-ng__wep_64_ptw.cap", {{"DEAUTHFLOOD", 2}}},
        // wifite deauthenticates the clients (broadcast and directed) to capture their handshake.
        {"wifite2__handshake_has_1234.cap", {{"BCASTDISCON", 2}, {"DEAUTHFLOOD", 2}, {"NOCLIENTMFP", 1}}},
        // A probe response with an empty SSID from 00:00:00:00:00:00: a null probe response indeed.
        {"wifite2__handshake_not_exists.cap", {{"NULLPROBERESP", 1}}},
    };
    const auto files = testing::shared_capture_files();
    if (files.empty()) {
        WARN("shared captures not present");
        return;
    }
    for (const auto& file : files) {
        const std::string name = file.filename().string();
        CAPTURE(name);
        const auto found = expected.find(name);
        const std::map<std::string, std::size_t> none;
        CHECK(census(alerts_of(file)) == census(found != expected.end() ? found->second : none));
    }
}

TEST_CASE("alerts on Kismet's sample captures match what Kismet raised", "[alert]") {
    const auto samples = testing::kismet_samples_dir();
    if (samples.empty()) {
        WARN("kismet-samples not present");
        return;
    }
    simdjson::dom::parser parser;
    std::size_t compared = 0;
    for (const auto& folder : std::filesystem::directory_iterator(samples)) {
        const auto sample = folder.path().filename().string();
        const auto capture = testing::capture_of_sample(sample);
        const auto answer = folder.path() / "alerts_all_alerts.json";
        if (capture.empty() || !std::filesystem::exists(answer)) continue;
        CAPTURE(sample);
        std::vector<AlertKey> kismet;
        simdjson::dom::element alerts = parser.load(answer.string());
        for (simdjson::dom::element alert : alerts.get_array()) {
            const std::string header = text_of(alert, "kismet.alert.header");
            if (header == "ROOTUSER") continue;  // Kismet ran as root; the library has no such notion
            kismet.push_back(key_of(header, text_of(alert, "kismet.alert.transmitter_mac"),
                                    text_of(alert, "kismet.alert.source_mac"), text_of(alert, "kismet.alert.dest_mac"),
                                    text_of(alert, "kismet.alert.text")));
        }
        Engine engine(frozen_clock_config());
        engine.feed_file(capture);
        std::vector<AlertKey> ours;
        for (const auto& alert : engine.alerts().all())
            ours.push_back(key_of(alert->header, alert->transmitter.to_upper_string(), alert->source.to_upper_string(),
                                  alert->destination.to_upper_string(), alert->text));
        CHECK(ours == kismet);
        ++compared;
    }
    CHECK(compared >= 5);
}

TEST_CASE("a capture that cannot be opened raises SOURCEERROR; load_alert lines raise at start-up", "[alert]") {
    EngineConfig config = frozen_clock_config();
    REQUIRE(config.alerts.apply_line("load_alert=STARTUP:sensor restarted").empty());
    Engine engine(std::move(config));
    REQUIRE(engine.alerts().all().size() == 1);
    CHECK(engine.alerts().all()[0]->header == "STARTUP");
    CHECK(engine.alerts().all()[0]->severity == alert::severity::kCritical);
    const auto result = engine.feed_file("/nonexistent/capture.pcap");
    CHECK_FALSE(result.error.empty());
    const auto alerts = engine.alerts().all();
    REQUIRE(alerts.size() == 2);
    CHECK(alerts[1]->header == "SOURCEERROR");
    CHECK(alerts[1]->alert_class == "SYSTEM");
    CHECK(alerts[1]->text.find("/nonexistent/capture.pcap") != std::string::npos);
}
