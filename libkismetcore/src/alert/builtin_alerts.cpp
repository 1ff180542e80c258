// Kismet's built-in alert table (phy80211.cc, kismet_server.cc, kismet_alerts.conf).
#include "kismetcore/alert/builtin_alerts.h"

#include <array>

#include "kismetcore/alert/alert_engine.h"

namespace kismetcore::alert {
namespace {

constexpr Rate per_sec(std::uint32_t n) {
    return {n, TimeUnit::second};
}
constexpr Rate per_min(std::uint32_t n) {
    return {n, TimeUnit::minute};
}
constexpr Rate per_day(std::uint32_t n) {
    return {n, TimeUnit::day};
}

using namespace severity;
constexpr std::int32_t kDot11 = phy::kDot11;

constexpr std::array kDot11Alerts = {
    BuiltinAlert{"ADHOCCONFLICT", "SPOOF", kHigh, kDot11, per_min(5), per_sec(1),
                 "The same SSID is being advertised as an access point and as an ad-hoc network, which may "
                 "indicate a spoofed or misconfigured device"},
    BuiltinAlert{"ADVCRYPTCHANGE", "SPOOF", kHigh, kDot11, per_min(5), per_sec(1),
                 "An access point has changed the encryption it advertises for an SSID"},
    BuiltinAlert{"AIRJACKSSID", "PROBE", kLow, kDot11, per_min(5), per_sec(1),
                 "The default SSID of the AirJack tools was seen"},
    BuiltinAlert{"APSPOOF", "SPOOF", kHigh, kDot11, per_min(10), per_sec(1),
                 "An SSID matched an AP spoofing rule and was advertised by a MAC not listed as valid"},
    BuiltinAlert{"BADFIXLENIE", "EXPLOIT", kHigh, kDot11, per_min(10), per_sec(1),
                 "A fixed-length information element (the DS parameter set) had the wrong length"},
    BuiltinAlert{"BCASTDISCON", "DENIAL", kMedium, kDot11, per_min(5), per_sec(2),
                 "An access point disconnected all of its clients with a broadcast deauthentication or "
                 "disassociation"},
    BuiltinAlert{"BCOM11KCHAN", "EXPLOIT", kHigh, kDot11, per_min(10), per_sec(1),
                 "An 802.11k neighbor report carried a channel above 224, which crashes some Broadcom drivers"},
    BuiltinAlert{"BEACONRATE", "SPOOF", kHigh, kDot11, per_min(5), per_sec(1),
                 "An access point changed the beacon interval of an SSID"},
    BuiltinAlert{"BSSTIMESTAMP", "SPOOF", kMedium, kDot11, per_min(5), per_sec(1),
                 "The BSS timestamp of an access point keeps jumping, as when two devices beacon with one BSSID"},
    BuiltinAlert{"CHANCHANGE", "SPOOF", kLow, kDot11, per_min(5), per_sec(1),
                 "An access point changed the channel it advertises for an SSID"},
    BuiltinAlert{"CRYPTODROP", "SPOOF", kHigh, kDot11, per_min(5), per_sec(1),
                 "An SSID that advertised encryption is now advertised open"},
    BuiltinAlert{"DEAUTHCODEINVALID", "EXPLOIT", kHigh, kDot11, per_min(0), per_sec(1),
                 "A deauthentication carried a reason code that is reserved"},
    BuiltinAlert{"DEAUTHFLOOD", "DENIAL", kMedium, kDot11, per_min(5), per_sec(2),
                 "A burst of deauthentication or disassociation frames for one network"},
    // Kismet registers it in its IP-data dissector, which belongs to no phy (-2).
    BuiltinAlert{"DHCPCLIENTID", "SPOOF", kLow, phy::kUnknown, per_min(5), per_sec(1),
                 "A DHCP discover carried a client ID (option 61) naming another MAC than the one that sent it, as "
                 "spoofed requests that try to exhaust a DHCP pool do"},
    BuiltinAlert{"DHCPCONFLICT", "SPOOF", kLow, kDot11, per_min(10), per_sec(1), "A DHCP conflict was seen"},
    BuiltinAlert{"DHCPNAMECHANGE", "SPOOF", kLow, kDot11, per_min(5), per_sec(1),
                 "A client changed the host name it sends in DHCP discovers, which only a drastic change (such as "
                 "a dual-boot system) explains; it may mean a spoofed or cloned MAC"},
    BuiltinAlert{"DHCPOSCHANGE", "SPOOF", kLow, kDot11, per_min(5), per_sec(1),
                 "A client changed the vendor class (its DHCP client or OS) it sends in DHCP discovers, which only a "
                 "drastic change (such as a dual-boot system) explains; it may mean a spoofed or cloned MAC"},
    BuiltinAlert{"DISCONCODEINVALID", "EXPLOIT", kHigh, kDot11, per_min(5), per_sec(1),
                 "A disassociation carried a reason code that is reserved"},
    BuiltinAlert{"DOT11D", "SPOOF", kHigh, kDot11, per_min(5), per_sec(1),
                 "An access point changed the 802.11d country it advertises"},
    BuiltinAlert{"FORMATSTRING", "EXPLOIT", kHigh, kDot11, per_min(5), per_sec(1),
                 "An SSID contained a printf format string, an attempt on software that prints it"},
    BuiltinAlert{"KARMAOUI", "PROBE", kMedium, kDot11, per_min(5), per_sec(1),
                 "A probe response came from the OUI of the KARMA attack tools"},
    BuiltinAlert{"LONGSSID", "EXPLOIT", kCritical, kDot11, per_min(5), per_sec(1),
                 "An SSID element was longer than the 32 bytes the standard allows"},
    BuiltinAlert{"LUCENTTEST", "PROBE", kLow, kDot11, per_min(0), per_sec(1), "A Lucent link test probe was seen"},
    BuiltinAlert{"MALFORMMGMT", "EXPLOIT", kMedium, kDot11, per_min(5), per_sec(1),
                 "A management frame carried an element list that runs past the end of the frame"},
    BuiltinAlert{"MSFBCOMSSID", "EXPLOIT", kMedium, kDot11, per_min(5), per_sec(1),
                 "A beacon matched the Metasploit Broadcom driver exploit"},
    BuiltinAlert{"MSFDLINKRATE", "EXPLOIT", kMedium, kDot11, per_min(5), per_sec(1),
                 "A rates element matched the Metasploit D-Link driver exploit"},
    BuiltinAlert{"MSFNETGEARBEACON", "EXPLOIT", kMedium, kDot11, per_min(5), per_sec(1),
                 "A beacon matched the Metasploit Netgear driver exploit"},
    BuiltinAlert{"NETSTUMBLER", "PROBE", kLow, kDot11, per_min(0), per_sec(1), "A NetStumbler probe was seen"},
    BuiltinAlert{"NOCLIENTMFP", "SPOOF", kLow, kDot11, per_min(10), per_sec(1),
                 "A client associated without management frame protection"},
    BuiltinAlert{"NONCEDEGRADE", "EXPLOIT", kMedium, kDot11, per_min(0), per_sec(1),
                 "A WPA handshake message carried an all-zero nonce (nonce degradation)"},
    BuiltinAlert{"NONCEREUSE", "EXPLOIT", kHigh, kDot11, per_min(0), per_sec(1),
                 "A WPA handshake message 3 reused a nonce (KRACK key reinstallation)"},
    BuiltinAlert{"NULLPROBERESP", "DENIAL", kMedium, kDot11, per_min(5), per_sec(1),
                 "A probe response carried an empty SSID, which crashes some clients"},
    BuiltinAlert{"OVERPOWERED", "OTHER", kHigh, kDot11, per_min(0), per_sec(1),
                 "A signal stronger than dot11_max_signal, as from a transmitter close to the sensor"},
    BuiltinAlert{"PROBECHAN", "SPOOF", kMedium, kDot11, per_min(5), per_sec(1),
                 "A probe response named a channel other than the one the SSID beacons on"},
    BuiltinAlert{"QCOMEXTENDED", "EXPLOIT", kHigh, kDot11, per_min(0), per_sec(1),
                 "An extended capabilities element too long for Qualcomm drivers (CVE-2019-10539)"},
    BuiltinAlert{"RSNLOOP", "EXPLOIT", kHigh, kDot11, per_min(5), per_sec(1),
                 "An RSN element announced more pairwise ciphers than it can hold (CVE-2017-9714)"},
    BuiltinAlert{"RTL8195VD1406", "EXPLOIT", kHigh, kDot11, per_min(5), per_sec(1),
                 "An EAPOL-Key frame longer than Realtek RTL8195 firmware handles (VD-1406)"},
    BuiltinAlert{"RTLWIFIP2P", "EXPLOIT", kHigh, kDot11, per_min(5), per_sec(1),
                 "A Wi-Fi Direct notice of absence attribute too long for Realtek drivers (CVE-2019-17666)"},
    BuiltinAlert{"SSIDCANARY", "SPOOF", kHigh, kDot11, per_min(5), per_sec(1),
                 "An SSID named by a canary rule was seen"},
    BuiltinAlert{"VDOO202027301", "EXPLOIT", kHigh, kDot11, per_min(5), per_sec(1),
                 "An EAPOL-Key frame with key data too long for Realtek firmware (CVE-2020-27301)"},
    BuiltinAlert{"VDOO202027302", "EXPLOIT", kHigh, kDot11, per_min(5), per_sec(1),
                 "An AES EAPOL-Key frame with key data too long for Realtek firmware (CVE-2020-27302)"},
    BuiltinAlert{"WMMOVERFLOW", "EXPLOIT", kHigh, kDot11, per_min(10), per_sec(1),
                 "A beacon carried a WMM element longer than the standard allows"},
    BuiltinAlert{"WMMTSPEC", "EXPLOIT", kHigh, kDot11, per_min(10), per_sec(1),
                 "An association response carried more WMM TSPEC elements than clients expect"},
    BuiltinAlert{"WPSBRUTE", "EXPLOIT", kCritical, kDot11, per_min(5), per_sec(1),
                 "Many WPS M3 messages from one device: a WPS PIN brute force"},
};

constexpr std::array kSystemAlerts = {
    BuiltinAlert{"DEVICEFOUND", "SYSTEM", kHigh, phy::kAny, per_min(10), per_sec(1),
                 "A device on the devicefound watchlist was seen"},
    BuiltinAlert{"DEVICELOST", "SYSTEM", kHigh, phy::kAny, per_min(10), per_sec(1),
                 "A device on the devicelost watchlist has not been seen for devicelost_timeout seconds"},
    BuiltinAlert{"KISMET", "SYSTEM", kInfo, phy::kUnknown, per_day(0), per_day(0), "Server events"},
    BuiltinAlert{"ROOTUSER", "SYSTEM", kHigh, phy::kUnknown, per_sec(1), per_sec(1), "The server is running as root"},
    BuiltinAlert{"SOURCEERROR", "SYSTEM", kHigh, phy::kUnknown, per_sec(1), per_sec(10),
                 "A data source reported an error"},
};

}  // namespace

std::span<const BuiltinAlert> builtin_dot11_alerts() noexcept {
    return kDot11Alerts;
}
std::span<const BuiltinAlert> builtin_system_alerts() noexcept {
    return kSystemAlerts;
}

std::vector<std::string> define_builtin_alerts(AlertEngine& engine, std::span<const BuiltinAlert> alerts) {
    std::vector<std::string> errors;
    for (const auto& builtin : alerts) {
        if (engine.find(builtin.header) != kNoAlert) continue;
        auto result = engine.define({.header = std::string(builtin.header),
                                     .alert_class = std::string(builtin.alert_class),
                                     .severity = builtin.severity,
                                     .description = std::string(builtin.description),
                                     .phy = builtin.phy,
                                     .limit = builtin.limit,
                                     .burst = builtin.burst});
        if (!result.error.empty()) errors.push_back(std::move(result.error));
    }
    return errors;
}

}  // namespace kismetcore::alert
