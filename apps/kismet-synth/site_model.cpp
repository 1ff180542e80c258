// The site kismet-synth invents before writing a packet: its networks (SSIDs), access points and clients.
#include "site_model.h"

#include <algorithm>
#include <array>

#include "ssid_names.h"

namespace kismetcore::synth {
namespace {

// Vendor OUIs of common access points and client chipsets, so lookups in a vendor database look real.
constexpr std::array<std::array<std::uint8_t, 3>, 8> kAccessPointOuis = {{{0x88, 0x15, 0x44},    // Cisco Meraki
                                                                          {0x24, 0xa4, 0x3c},    // Ubiquiti
                                                                          {0x00, 0x0b, 0x86},    // Aruba
                                                                          {0x50, 0xc7, 0xbf},    // TP-Link
                                                                          {0xa0, 0x04, 0x60},    // Netgear
                                                                          {0x00, 0x14, 0xbf},    // Linksys
                                                                          {0x04, 0xd9, 0xf5},    // ASUSTek
                                                                          {0x3c, 0x37, 0x86}}};  // Netgear
constexpr std::array<std::array<std::uint8_t, 3>, 6> kClientOuis = {{{0xf0, 0x18, 0x98},         // Apple
                                                                     {0x8c, 0xf5, 0xa3},         // Samsung
                                                                     {0x3c, 0xa9, 0xf4},         // Intel
                                                                     {0x3c, 0x5a, 0xb4},         // Google
                                                                     {0xdc, 0xa6, 0x32},         // Raspberry Pi
                                                                     {0xac, 0xbc, 0x32}}};       // Apple

// Channels in use: the three non-overlapping 2.4 GHz channels dominate; 6 GHz uses preferred scanning channels.
constexpr std::array<std::uint8_t, 6> k24Channels = {1, 6, 11, 1, 6, 3};
constexpr std::array<std::uint8_t, 13> k5Channels = {36, 40, 44, 48, 52, 56, 100, 116, 132, 149, 153, 157, 161};
constexpr std::array<std::uint8_t, 8> k6Channels = {5, 21, 37, 53, 69, 85, 101, 117};

// IEEE 802.11-2020 Annex E: channel centre frequencies.
std::uint16_t frequency_of(Band band, std::uint8_t channel) {
    switch (band) {
        case Band::ghz2_4:
            return static_cast<std::uint16_t>(channel == 14 ? 2484 : 2407 + 5 * channel);
        case Band::ghz5:
            return static_cast<std::uint16_t>(5000 + 5 * channel);
        case Band::ghz6:
            return static_cast<std::uint16_t>(5950 + 5 * channel);
    }
    return 0;
}

// The security of the well-known networks (ssid_names.cpp): eduroam, CorpNet, CorpNet-6G, xfinitywifi,
// Starbucks WiFi, Hotel Guest, Airport_Free_WiFi, linksys.
constexpr std::array<Security, 8> kWellKnownSecurity = {Security::wpa2_enterprise,
                                                        Security::wpa3_transition,
                                                        Security::wpa3_sae,
                                                        Security::open,
                                                        Security::wpa2_psk,
                                                        Security::wep,
                                                        Security::open,
                                                        Security::wpa_psk};
// A network that always hides its SSID, so a ten-network capture has one too.
constexpr std::uint64_t kAlwaysHiddenNetwork = 9;

Security pick_security(RandomSource& random) {
    constexpr std::array<double, 7> kWeights = {12, 3, 5, 48, 12, 12, 8};  // in Security's order
    return static_cast<Security>(random.weighted(kWeights));
}

std::int8_t pick_signal(RandomSource& random) {
    return static_cast<std::int8_t>(random.between(-88, -32));
}

}  // namespace

SiteModel::SiteModel(const SiteShape& shape, RandomSource random) {
    // Distinct 24-bit suffixes for every device: multiplying by an odd number and adding are bijections mod 2^24.
    mac_multiplier_ = static_cast<std::uint32_t>(random.next() | 1) & 0xffffff;
    mac_offset_ = static_cast<std::uint32_t>(random.next()) & 0xffffff;

    // About one device in six is an access point, and every SSID gets at least one while there are enough.
    const std::uint64_t devices = std::max<std::uint64_t>(shape.devices, 2);
    std::uint64_t aps = std::max(devices / 6, std::min(shape.ssids, devices / 3));
    aps = std::clamp<std::uint64_t>(aps, 1, devices - 1);

    RandomSource network_random = random.fork(1);
    RandomSource ap_random = random.fork(2);
    RandomSource client_random = random.fork(3);
    make_networks(shape.ssids, network_random);
    make_access_points(aps, ap_random);
    index_networks();
    make_clients(aps, devices - aps, client_random);
}

MacAddress SiteModel::device_mac(std::uint64_t device, bool access_point, RandomSource& random) const {
    const auto suffix = (static_cast<std::uint32_t>(device) * mac_multiplier_ + mac_offset_) & 0xffffffu;
    std::array<std::uint8_t, 6> octets{};
    if (!access_point && random.chance(0.4)) {
        // A randomised (privacy) address: locally administered, unicast (IEEE 802-2014 8.2.2).
        octets[0] = static_cast<std::uint8_t>((random.next() & 0xfc) | 0x02);
        octets[1] = static_cast<std::uint8_t>(random.next());
        octets[2] = static_cast<std::uint8_t>(random.next());
    } else {
        const auto& oui = access_point ? kAccessPointOuis[random.index(kAccessPointOuis.size())]
                                       : kClientOuis[random.index(kClientOuis.size())];
        std::copy(oui.begin(), oui.end(), octets.begin());
    }
    octets[3] = static_cast<std::uint8_t>(suffix >> 16);
    octets[4] = static_cast<std::uint8_t>(suffix >> 8);
    octets[5] = static_cast<std::uint8_t>(suffix);
    return MacAddress(octets);
}

void SiteModel::make_networks(std::uint64_t count, RandomSource& random) {
    networks.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        Network network;
        network.ssid = make_ssid(i, random);
        network.security = i < kWellKnownSecurity.size() ? kWellKnownSecurity[i] : pick_security(random);
        network.hidden = i == kAlwaysHiddenNetwork || (i >= kWellKnownSecurity.size() && random.chance(0.07));
        network.wps = network.security == Security::wpa2_psk && random.chance(0.3);
        networks.push_back(std::move(network));
    }
}

void SiteModel::make_access_points(std::uint64_t count, RandomSource& random) {
    access_points.reserve(count);
    const std::uint64_t network_count = networks.size();
    for (std::uint64_t i = 0; i < count; ++i) {
        AccessPoint ap;
        ap.bssid = device_mac(i, true, random);
        // The first APs cover every SSID once; the rest favour the low indexes, as big deployments share a
        // handful of names over many BSSIDs.
        if (i < network_count) {
            ap.network = static_cast<std::uint32_t>(i);
        } else {
            const double skew = random.unit();
            ap.network = static_cast<std::uint32_t>(static_cast<double>(network_count) * skew * skew * skew);
        }
        const Security security = networks[ap.network].security;
        const bool may_use_6ghz = security == Security::wpa3_sae || security == Security::wpa3_transition;
        const std::array<double, 3> band_weights = {45.0, 40.0, may_use_6ghz ? 30.0 : 0.0};
        ap.band = static_cast<Band>(random.weighted(band_weights));
        // The first APs cycle through the bands, so a small capture covers all three.
        if (i < network_count) ap.band = static_cast<Band>(i % 3 == 2 && !may_use_6ghz ? 1 : i % 3);
        switch (ap.band) {
            case Band::ghz2_4:
                ap.channel = k24Channels[random.index(k24Channels.size())];
                break;
            case Band::ghz5:
                ap.channel = k5Channels[random.index(k5Channels.size())];
                break;
            case Band::ghz6:
                ap.channel = k6Channels[random.index(k6Channels.size())];
                break;
        }
        ap.frequency = frequency_of(ap.band, ap.channel);
        // 6 GHz APs advertise HE, not HT or VHT (IEEE 802.11ax-2021 26.17.2); kismet-synth builds no HE
        // elements, so they carry neither.
        const bool legacy = security == Security::wep || (security == Security::open && random.chance(0.3));
        ap.wmm = !legacy;
        ap.ht = !legacy && ap.band != Band::ghz6;
        ap.vht = ap.ht && ap.band == Band::ghz5;
        ap.signal_dbm = pick_signal(random);
        ap.antenna = static_cast<std::uint8_t>(random.below(2));
        ap.tsf_at_start = random.below(std::uint64_t{30} * 24 * 3600 * 1'000'000);  // up to 30 days of uptime
        ap.sequence = static_cast<std::uint16_t>(random.below(4096));
        ap.replay_counter = random.below(1000);
        access_points.push_back(ap);
    }
}

void SiteModel::index_networks() {
    ap_offsets.assign(networks.size() + 1, 0);
    for (const auto& ap : access_points) ++ap_offsets[ap.network + 1];
    for (std::size_t n = 0; n < networks.size(); ++n) ap_offsets[n + 1] += ap_offsets[n];
    ap_list.resize(access_points.size());
    std::vector<std::uint32_t> fill(ap_offsets.begin(), ap_offsets.end() - 1);
    for (std::uint32_t i = 0; i < access_points.size(); ++i) ap_list[fill[access_points[i].network]++] = i;
}

void SiteModel::make_clients(std::uint64_t first_device, std::uint64_t count, RandomSource& random) {
    clients.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        Client client;
        client.mac = device_mac(first_device + i, false, random);
        client.home_ap = static_cast<std::uint32_t>(random.index(access_points.size()));
        client.joins = random.chance(0.7);
        // Directed probes name the home network or some other remembered one, possibly not present here.
        client.remembered_network = random.chance(0.5) ? access_points[client.home_ap].network
                                                       : static_cast<std::uint32_t>(random.index(networks.size()));
        client.signal_dbm = pick_signal(random);
        client.antenna = static_cast<std::uint8_t>(random.below(2));
        client.sequence = static_cast<std::uint16_t>(random.below(4096));
        clients.push_back(client);
    }
}

}  // namespace kismetcore::synth
