// What the devicefound/devicelost watchlists remember (private to Dot11AlertRules).
#pragma once

#include <cstdint>
#include <unordered_map>

#include "kismetcore/alert/dot11_alert_rules.h"

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

    std::unordered_map<MacAddress, Device> devices;
    std::size_t awaiting_loss = 0;   // how many devices have awaiting_loss set
    std::int64_t next_lost_check_sec = 0;  // 0 until the first clock reading
};

}  // namespace kismetcore::alert
