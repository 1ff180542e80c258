// What the devicefound/devicelost watchlists remember (private to Dot11AlertRules).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <vector>

#include "kismetcore/alert/dot11_alert_rules.h"
#include "kismetcore/dissect/dot11_frame.h"

namespace kismetcore::alert {

// One entry per watched device (a masked entry watches every device in its block, each on its own), made the
// first time the device is seen: only watched MACs ever allocate.
struct Dot11AlertRules::WatchlistState {
    struct Device {
        std::int64_t last_packet_sec = 0;  // the device's last_time (packet time): DEVICEFOUND's reappearance
        std::int64_t last_seen_sec = 0;    // the rules' clock when it was last seen (Kismet's mod_time)
        bool awaiting_loss = false;        // found, and watched for loss (Kismet's macdevice_flagged_vec)
    };
    // Kismet's macdevice_timer_event runs every 30 seconds.
    static constexpr std::int64_t kLostCheckPeriodSec = 30;

    // A watchlist entry as numbers (watch_key), so a frame's addresses are tested with one masked compare each.
    struct Entry {
        std::uint64_t value = 0;  // the entry's MAC, masked
        std::uint64_t mask = 0;
        const WatchedMac* watched = nullptr;
    };
    std::vector<Entry> found_entries;  // AlertConfig::device_found, in order
    std::vector<Entry> lost_entries;   // AlertConfig::device_lost, in order
    std::vector<Entry> any_entries;    // both: the per-address test, one loop

    // A first test of an address against every entry at once: one octet that every entry's mask covers whole,
    // and the values the entries give it. Nearly every address fails it with a load and a bit test.
    std::size_t filter_octet = MacAddress::kLength;  // kLength: no such octet, every address takes the full test
    std::array<std::uint64_t, 4> filter_values{};    // a bit per octet value
    [[nodiscard]] bool may_match(const MacAddress& mac) const noexcept {
        if (filter_octet == MacAddress::kLength) return !any_entries.empty();
        const std::uint8_t octet = mac[filter_octet];
        return ((filter_values[octet >> 6] >> (octet & 63)) & 1) != 0;
    }
    // Sets the filter from any_entries: the last octet that every mask covers (the last octets vary the most).
    void make_filter() noexcept {
        filter_octet = MacAddress::kLength;
        filter_values = {};
        if (any_entries.empty()) return;
        for (std::size_t octet = MacAddress::kLength; octet-- > 0;) {
            if (!std::all_of(any_entries.begin(), any_entries.end(),
                             [octet](const Entry& entry) { return entry.watched->mask[octet] == 0xff; }))
                continue;
            filter_octet = octet;
            for (const auto& entry : any_entries) {
                const std::uint8_t value = entry.watched->mac[octet];
                filter_values[value >> 6] |= std::uint64_t{1} << (value & 63);
            }
            return;
        }
    }

    // Whether one of the header's four addresses passes may_match(): every role is one of them.
    [[nodiscard]] bool may_name_watched(const dissect::Dot11Frame& frame) const noexcept {
        const auto may_match_address = [this](const std::optional<MacAddress>& address) {
            return address && may_match(*address);
        };
        return may_match_address(frame.address1) || may_match_address(frame.address2) ||
               may_match_address(frame.address3) || may_match_address(frame.address4);
    }
    // Whether a frame may need the watchlists at all: a management or data frame that may name a watched device, or
    // a DEVICELOST check that may be due (with packet time, none is before next_lost_check_sec). Inline, so that
    // the nearly every frame for which neither holds costs inspect() a few compares and no call.
    [[nodiscard]] bool may_concern(const dissect::Dot11Frame& frame, std::int64_t packet_sec, bool lost_rule,
                                   bool packet_time) const noexcept {
        if (!frame.is_management() && !frame.is_data()) return false;
        if (may_name_watched(frame)) return true;
        return lost_rule && !(packet_time && next_lost_check_sec != 0 && packet_sec < next_lost_check_sec);
    }

    std::unordered_map<MacAddress, Device> devices;
    std::size_t awaiting_loss = 0;         // how many devices have awaiting_loss set
    std::int64_t next_lost_check_sec = 0;  // 0 until the first clock reading
};

// A MAC's six octets in a 64-bit number, in memory order: masks apply octet by octet, so the order does not matter
// as long as entries and addresses are read alike, and the copy is one load instead of a loop over octets.
inline std::uint64_t watch_key(const MacAddress& mac) noexcept {
    std::uint64_t key = 0;
    std::memcpy(&key, mac.octets().data(), MacAddress::kLength);
    return key;
}

// The entries of a watchlist, in its order.
inline std::vector<Dot11AlertRules::WatchlistState::Entry> watch_entries(const std::vector<WatchedMac>& list) {
    std::vector<Dot11AlertRules::WatchlistState::Entry> entries;
    entries.reserve(list.size());
    for (const auto& watched : list) {
        const std::uint64_t mask = watch_key(watched.mask);
        entries.push_back({watch_key(watched.mac) & mask, mask, &watched});
    }
    return entries;
}

}  // namespace kismetcore::alert
