// The alert configuration: Kismet's alert= rate lines, the backlog size and the options of the rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/alert/alert_throttle.h"
#include "kismetcore/alert/ssid_pattern.h"
#include "kismetcore/common/mac_address.h"

namespace kismetcore::alert {

// alert=HEADER,rate,burst (kismet_alerts.conf).
struct AlertRateOverride {
    std::string header;  // upper case
    Rate limit;
    Rate burst;
};

// apspoof=Name:ssid="...",validmacs="mac,mac": SSIDs only these MACs may advertise. ssid= is a regular expression,
// as in Kismet, compiled when the line is read (see SsidPattern); the rules try it only on a network's first frame.
struct ApSpoofRule {
    std::string name;
    std::string ssid;                    // as configured
    std::optional<SsidPattern> pattern;  // compiled by apply_line; without it, `ssid` is compared literally
    std::vector<MacAddress> valid_macs;

    [[nodiscard]] bool matches_ssid(std::string_view candidate) const {
        return pattern ? pattern->matches(candidate) : candidate == ssid;
    }
};

// ssidcanary=Name:ssid="...": SSIDs nobody should use (beaconed, answered or probed); a regular expression too.
struct SsidCanaryRule {
    std::string name;
    std::string ssid;
    std::optional<SsidPattern> pattern;

    [[nodiscard]] bool matches_ssid(std::string_view candidate) const {
        return pattern ? pattern->matches(candidate) : candidate == ssid;
    }
};

// devicefound= / devicelost= MAC[/mask][,label]: a device (or a vendor block, with a mask) to watch.
struct WatchedMac {
    MacAddress mac;
    MacAddress mask{std::array<std::uint8_t, 6>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
    std::string label;

    [[nodiscard]] bool matches(const MacAddress& candidate) const noexcept {
        for (std::size_t i = 0; i < MacAddress::kLength; ++i)
            if ((candidate[i] & mask[i]) != (mac[i] & mask[i])) return false;
        return true;
    }
};

struct AlertConfig {
    std::size_t backlog = 50;  // alertbacklog
    std::vector<AlertRateOverride> rates;
    std::vector<ApSpoofRule> apspoof;
    std::vector<SsidCanaryRule> ssid_canaries;
    std::vector<WatchedMac> device_found;
    std::vector<WatchedMac> device_lost;
    std::uint32_t devicefound_timeout = 60;  // seconds
    std::uint32_t devicelost_timeout = 60;   // seconds
    std::int32_t dot11_max_signal = -10;     // dBm, OVERPOWERED
    // load_alert=HEADER:text, raised once as critical one-shots when the engine starts.
    std::vector<std::pair<std::string, std::string>> load_alerts;

    // Applies one configuration line ("key=value"; other keys are ignored). Returns an error message, or an
    // empty string when the line was accepted or is not an alert option.
    std::string apply_line(std::string_view line);
    // apply_line for each line of a configuration text; '#' starts a comment. Returns the errors, one per line.
    std::vector<std::string> apply_text(std::string_view text);
};

// An alert header as Kismet keeps it: upper case.
[[nodiscard]] std::string alert_header(std::string_view name);

// alert=HEADER,rate,burst -> the override; an error message in `error` when it does not parse or its burst
// unit is longer than its rate unit (Kismet refuses both).
[[nodiscard]] std::optional<AlertRateOverride> parse_alert_rate_line(std::string_view value, std::string& error);

}  // namespace kismetcore::alert
