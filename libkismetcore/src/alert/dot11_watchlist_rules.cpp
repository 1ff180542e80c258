// The device watchlists: DEVICEFOUND when a watched device appears or comes back, DEVICELOST when it goes silent.
#include <algorithm>
#include <array>
#include <string>

#include "dot11_alert_state.h"
#include "dot11_watchlist_state.h"
#include "kismetcore/alert/dot11_alert_rules.h"

namespace kismetcore::alert {
namespace {

using WatchEntry = Dot11AlertRules::WatchlistState::Entry;

const WatchedMac* first_match(const std::vector<WatchEntry>& entries, std::uint64_t mac) {
    for (const auto& entry : entries)
        if ((mac & entry.mask) == entry.value) return entry.watched;
    return nullptr;
}

}  // namespace

std::string Dot11AlertRules::watched_name(const MacAddress& mac, const WatchedMac* entry) const {
    if (entry != nullptr && !entry->label.empty()) return entry->label;
    if (options_.describe_device) {
        auto description = options_.describe_device(mac);
        if (!description.name.empty()) return std::move(description.name);
    }
    return upper_mac(mac);
}

void Dot11AlertRules::inspect_watchlists(Packet& packet) {
    const auto& frame = packet.frame;
    // Kismet checks each device a management or data frame updates: the BSSID, source, destination and the WDS
    // transmitter and receiver. inspect() calls this only for such frames (WatchlistState::may_concern).
    // Every role is one of the header's addresses, and nearly every frame names no watched device in any of them:
    // the four addresses take the one-octet test first.
    if (watchlists_->may_name_watched(frame)) watch_roles(packet);
    if (!wants(Dot11Alert::device_lost)) return;
    // With packet time the clock is the packet's: most packets are not due, and need no alert time stamped.
    const std::int64_t next_check = watchlists_->next_lost_check_sec;
    if (!packet.stamp && options_.packet_time && next_check != 0 && packet.captured.ts_sec < next_check) return;
    if (!packet.stamp) packet.stamp = options_.packet_time ? packet.packet_time() : engine_.now();
    if (next_check == 0 || packet.stamp->sec >= next_check) tick(*packet.stamp);
}

void Dot11AlertRules::watch_roles(Packet& packet) {
    const auto& frame = packet.frame;
    const std::array<const std::optional<MacAddress>*, 5> roles{&frame.bssid, &frame.source, &frame.destination,
                                                                &frame.transmitter, &frame.receiver};
    for (std::size_t i = 0; i < roles.size(); ++i) {
        const auto& mac = *roles[i];
        if (!mac) continue;
        if (first_match(watchlists_->any_entries, watch_key(*mac)) == nullptr) continue;
        if (mac->is_multicast() || mac->is_zero()) continue;
        const bool repeated = std::any_of(roles.begin(), roles.begin() + static_cast<std::ptrdiff_t>(i),
                                          [&mac](const auto* earlier) { return *earlier == mac; });
        if (!repeated) watch_address(packet, *mac);
    }
}

// Kismet's update_common_device: a watched device is found when it is new, or when a packet comes more than
// devicefound_timeout seconds (packet time) after its last one; a found device on the devicelost list is then
// watched for its loss.
void Dot11AlertRules::watch_address(Packet& packet, const MacAddress& mac) {
    const AlertConfig& config = engine_.config();
    const WatchedMac* found = first_match(watchlists_->found_entries, watch_key(mac));
    const WatchedMac* lost = first_match(watchlists_->lost_entries, watch_key(mac));
    if (found == nullptr && lost == nullptr) return;
    if (!packet.stamp) packet.stamp = options_.packet_time ? packet.packet_time() : engine_.now();
    const std::int64_t packet_sec = packet.captured.ts_sec;
    auto [entry, created] = watchlists_->devices.try_emplace(mac);
    auto& device = entry->second;
    const bool again = created || (device.last_packet_sec < packet_sec &&
                                   packet_sec - device.last_packet_sec > config.devicefound_timeout);
    if (again) {
        if (found != nullptr && ready(Dot11Alert::device_found, packet))
            raise(Dot11Alert::device_found, packet, packet.bssid, mac, packet.destination,
                  "Monitored device " + upper_mac(mac) + " (" + watched_name(mac, found) + ") has been found.");
        if (lost != nullptr && wants(Dot11Alert::device_lost) && !device.awaiting_loss) {
            device.awaiting_loss = true;
            ++watchlists_->awaiting_loss;
        }
    }
    device.last_packet_sec = std::max(device.last_packet_sec, packet_sec);
    device.last_seen_sec = packet.stamp->sec;
}

void Dot11AlertRules::tick(AlertTime now) {
    if (!wants(Dot11Alert::device_lost)) return;
    auto& watchlists = *watchlists_;
    if (watchlists.next_lost_check_sec == 0) {
        watchlists.next_lost_check_sec = now.sec + WatchlistState::kLostCheckPeriodSec;
        return;
    }
    if (now.sec < watchlists.next_lost_check_sec) return;
    watchlists.next_lost_check_sec = now.sec + WatchlistState::kLostCheckPeriodSec;
    if (watchlists.awaiting_loss == 0) return;
    const AlertConfig& config = engine_.config();
    const AlertId id = ids_[index(Dot11Alert::device_lost)];
    for (auto& [mac, device] : watchlists.devices) {
        if (!device.awaiting_loss || now.sec - device.last_seen_sec <= config.devicelost_timeout) continue;
        device.awaiting_loss = false;
        --watchlists.awaiting_loss;
        if (!engine_.potential(id, now)) continue;
        std::string channel;
        std::string name;
        if (const WatchedMac* entry = first_match(watchlists.lost_entries, watch_key(mac));
            entry != nullptr && !entry->label.empty())
            name = entry->label;
        if (options_.describe_device) {
            auto description = options_.describe_device(mac);
            channel = std::move(description.channel);
            if (name.empty()) name = std::move(description.name);
        }
        if (name.empty()) name = upper_mac(mac);
        AlertContext context;
        context.source = mac;
        context.channel = channel;
        context.time = now;
        engine_.raise(id, context,
                      "Monitored device " + upper_mac(mac) + " (" + name + ") hasn't been seen for " +
                          std::to_string(config.devicelost_timeout) + " seconds.");
    }
}

}  // namespace kismetcore::alert
