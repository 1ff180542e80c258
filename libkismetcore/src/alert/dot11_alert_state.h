// What the stateful 802.11 rules remember between packets (private to Dot11AlertRules).
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kismetcore/alert/dot11_alert_rules.h"

namespace kismetcore::alert {

struct Dot11AlertRules::State {
    // One advertised network: an SSID as one BSSID beacons or answers it.
    struct Network {
        std::uint16_t beacon_interval = 0;  // 0 until a beacon gave one
        std::uint8_t beacon_channel = 0;    // from the DS element of beacons; 0 until one had it
        bool beaconed = false;
        std::uint64_t crypt = 0;  // crypt_bits() of the last beacon
        std::array<char, 2> country{};
        bool has_country = false;
    };
    // Beacon TSF continuity of one BSSID.
    struct BssClock {
        std::uint64_t tsf = 0;
        std::int64_t packet_us = 0;
        std::int64_t window_start_us = 0;
        std::uint32_t jumps = 0;
    };
    // A run of frames close together in time (deauth floods, WPS M3 messages).
    struct Burst {
        std::uint64_t count = 0;
        std::int64_t last_sec = 0;
    };
    struct Watched {
        bool seen = false;
        bool lost_reported = false;
        std::int64_t last_sec = 0;
    };

    std::unordered_map<std::uint64_t, Network> networks;  // by network_key(bssid, ssid)
    std::unordered_set<std::uint64_t> probed;             // by network_key(client, ssid)
    std::unordered_map<MacAddress, BssClock> bss_clocks;
    std::unordered_map<MacAddress, Burst> disconnects;  // by BSSID
    std::unordered_map<MacAddress, Burst> wps_m3;       // by sender
    std::vector<Watched> found;                         // parallel to AlertConfig::device_found
    std::vector<Watched> lost;                          // parallel to AlertConfig::device_lost

    template <typename Map>
    void bound(Map& map, std::size_t limit) {
        if (map.size() >= limit) map.clear();
    }
};

// Alert texts name MACs as Kismet prints them (upper case) and numbers Kismet prints with %x in lower-case hex.
inline std::string upper_mac(const MacAddress& mac) {
    return mac.to_upper_string();
}
inline std::string hex(std::uint64_t value) {
    std::array<char, 20> digits;
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value, 16).ptr;
    return {digits.data(), end};
}

// FNV-1a over a MAC and an SSID: the key of a (BSSID, SSID) or (client, probed SSID) pair.
[[nodiscard]] inline std::uint64_t network_key(const MacAddress& mac, std::span<const std::uint8_t> ssid) noexcept {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    const auto mix = [&hash](std::uint8_t octet) {
        hash ^= octet;
        hash *= 0x100000001b3ULL;
    };
    for (auto octet : mac.octets()) mix(octet);
    mix(static_cast<std::uint8_t>(ssid.size()));
    for (auto octet : ssid) mix(octet);
    return hash;
}

}  // namespace kismetcore::alert

namespace kismetcore::alert {

// One packet as the rules see it.
struct Dot11AlertRules::Packet {
    Packet(const capture::Packet& in_captured, const dissect::DissectedPacket& in_dissected,
           const track::GpsFix* in_gps)
        : captured(in_captured), dissected(in_dissected), frame(in_dissected.dot11.frame), gps(in_gps) {}

    const capture::Packet& captured;
    const dissect::DissectedPacket& dissected;
    const dissect::Dot11Frame& frame;
    const track::GpsFix* gps;
    MacAddress bssid;
    MacAddress source;
    MacAddress destination;
    // Kismet's packinfo->channel: the DS element's channel, "0" when the frame had none.
    std::array<char, 4> channel_digits{'0'};
    std::size_t channel_length = 1;
    std::optional<AlertTime> stamp;  // the alert time, once a rule asked for it

    [[nodiscard]] std::string_view channel() const noexcept { return {channel_digits.data(), channel_length}; }
    [[nodiscard]] AlertTime packet_time() const noexcept { return {captured.ts_sec, captured.ts_usec}; }
};

}  // namespace kismetcore::alert
