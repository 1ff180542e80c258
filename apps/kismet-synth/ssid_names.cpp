// SSID names that look like the ones a scanner sees in a city: operators, hotspots, home routers, printers.
#include "ssid_names.h"

#include <array>
#include <cstdio>
#include <string_view>

namespace kismetcore::synth {
namespace {

// Shared by many access points of a big site, so they come first: the lowest indexes get the most APs.
// site_model.cpp gives each of them a fixed security, so even a ten-network capture shows every kind.
constexpr std::array<std::string_view, 8> kWellKnown = {
    "eduroam", "CorpNet", "CorpNet-6G", "xfinitywifi", "Starbucks WiFi", "Hotel Guest", "Airport_Free_WiFi", "linksys"};

constexpr std::array<std::string_view, 12> kOwners = {"Anna",  "Ben",  "Chloe", "David", "Emma",  "Farid",
                                                      "Grace", "Hiro", "Ines",  "Jonas", "Kemal", "Lucia"};

// printf patterns with one unsigned argument: the index, in decimal or hex, so every name is distinct.
constexpr std::array<const char*, 18> kPatterns = {"NETGEAR%02u",
                                                   "TP-Link_%04X",
                                                   "Linksys%05u",
                                                   "ASUS_%02X_5G",
                                                   "HOME-%04X",
                                                   "BTHub6-%04X",
                                                   "Vodafone-%06X",
                                                   "FRITZ!Box 7590 %X",
                                                   "SKY%05u",
                                                   "MySpectrumWiFi%X-2G",
                                                   "DIRECT-%X-HP OfficeJet",
                                                   "Building %u Staff",
                                                   "Caf\xc3\xa9 Lumi\xc3\xa8re %u",
                                                   "\xe5\xae\xb6\xe9\x87\x8c\xe7\x9a\x84WiFi-%u",
                                                   "Dlink-%X",
                                                   "Tenda_%X",
                                                   "Guest-%u",
                                                   "IoT-%X"};

}  // namespace

std::string make_ssid(std::uint64_t index, RandomSource& random) {
    if (index < kWellKnown.size()) return std::string(kWellKnown[index]);
    const auto number = static_cast<unsigned>(index);
    char name[64];
    if (random.chance(0.08)) {
        const auto owner = kOwners[random.index(kOwners.size())];
        std::snprintf(name, sizeof name, "%.*s's iPhone %u", static_cast<int>(owner.size()), owner.data(), number);
    } else {
        // The patterns are chosen at run time, so the compiler cannot check them; each takes one unsigned.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        std::snprintf(name, sizeof name, kPatterns[random.index(kPatterns.size())], number);
#pragma GCC diagnostic pop
    }
    return std::string(name);
}

}  // namespace kismetcore::synth
