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
#include <vector>

#include "kismetcore/alert/dot11_alert_rules.h"

namespace kismetcore::alert {

// A fixed table of the most recent entries by 64-bit key: one slot per key hash, a newcomer takes over its slot.
// Lookups never allocate, memory is fixed at construction, and a forgotten entry only means its next frame counts
// as new (a new network, a first TSF). Per-packet state for the rules that see every beacon.
template <typename Value>
class RecentTable {
public:
    explicit RecentTable(std::size_t capacity = 0) { resize(capacity); }

    // `capacity` is rounded up to a power of two; 0 leaves the table empty (its rules are off).
    void resize(std::size_t capacity) {
        std::size_t size = 1;
        while (size < capacity) size <<= 1;
        slots_.assign(capacity == 0 ? 0 : size, Slot{});
        mask_ = slots_.empty() ? 0 : slots_.size() - 1;
    }
    // The entry of `key`, and whether it was just made (fresh value).
    std::pair<Value*, bool> find_or_claim(std::uint64_t key) {
        Slot& slot = slots_[mix(key) & mask_];
        if (slot.used && slot.key == key) return {&slot.value, false};
        slot.key = key;
        slot.used = true;
        slot.value = Value{};
        return {&slot.value, true};
    }
    [[nodiscard]] bool empty() const noexcept { return slots_.empty(); }

private:
    struct Slot {
        std::uint64_t key = 0;
        bool used = false;
        Value value{};
    };
    // splitmix64's finalizer: MAC keys are far from uniform in their low bits.
    static std::uint64_t mix(std::uint64_t key) noexcept {
        key ^= key >> 30;
        key *= 0xbf58476d1ce4e5b9ULL;
        key ^= key >> 27;
        key *= 0x94d049bb133111ebULL;
        return key ^ (key >> 31);
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
};

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
    // A message 3 ANonce a client was sent (Kismet's wpa_nonce_list entry).
    struct SentNonce {
        std::array<std::uint8_t, 32> nonce{};
        std::uint64_t replay_counter = 0;
        std::int64_t packet_us = 0;
    };
    static constexpr std::size_t kNoncesPerClient = 128;  // Kismet keeps at most 128 (track-handshakes.md)

    struct Seen {};
    RecentTable<Network> networks;                                  // by network_key(bssid, ssid)
    RecentTable<Seen> probed;                                       // by network_key(client, ssid)
    RecentTable<BssClock> bss_clocks;                               // by BSSID
    std::unordered_map<MacAddress, Burst> disconnects;              // by BSSID
    std::unordered_map<MacAddress, Burst> wps_m3;                   // by sender
    std::unordered_map<MacAddress, std::vector<SentNonce>> nonces;  // by client, for NONCEREUSE

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
