// The alerts Kismet ships: header, class, severity and the rates kismet_alerts.conf gives them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/alert/alert_definition.h"

namespace kismetcore::alert {

struct BuiltinAlert {
    std::string_view header;
    std::string_view alert_class;
    std::uint8_t severity;
    std::int32_t phy;
    Rate limit;
    Rate burst;
    std::string_view description;
};

// Every 802.11 alert of Kismet's phy80211 (kismet-reference.md 6.2), with the shipped configuration's rates
// (10/min, 1/sec where kismet_alerts.conf lists none). Defined even when kismetcore never raises them
// (DHCP alerts need the IP dissector; LUCENTTEST and NETSTUMBLER are dead in Kismet too).
[[nodiscard]] std::span<const BuiltinAlert> builtin_dot11_alerts() noexcept;

// The system alerts the engine itself raises or Kismet's server defines (SOURCEERROR, ROOTUSER, KISMET) and
// the watchlist alerts (DEVICEFOUND, DEVICELOST).
[[nodiscard]] std::span<const BuiltinAlert> builtin_system_alerts() noexcept;

class AlertEngine;
// Defines each alert of `alerts` not yet defined in `engine` (configured rates apply). Returns the errors.
std::vector<std::string> define_builtin_alerts(AlertEngine& engine, std::span<const BuiltinAlert> alerts);

}  // namespace kismetcore::alert
