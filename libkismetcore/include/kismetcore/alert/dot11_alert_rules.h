// The per-packet 802.11 WIDS rules: Kismet's phy80211 alerts, run on each dissected, de-duplicated packet.
#pragma once

#include <span>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kismetcore/alert/alert_engine.h"
#include "kismetcore/capture/packet.h"
#include "kismetcore/dissect/frame_digests.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "kismetcore/track/location_record.h"

namespace kismetcore::alert {

// One per rule; the index of its definition in Dot11AlertRules.
enum class Dot11Alert : std::uint8_t {
    adv_crypt_change,
    airjack_ssid,
    apspoof,
    bad_fixlen_ie,
    bcast_discon,
    bcom_11k_chan,
    beacon_rate,
    bss_timestamp,
    chan_change,
    crypto_drop,
    deauth_code_invalid,
    deauth_flood,
    dhcp_client_id,
    dhcp_name_change,
    dhcp_os_change,
    discon_code_invalid,
    dot11d,
    format_string,
    karma_oui,
    long_ssid,
    malform_mgmt,
    msf_bcom_ssid,
    msf_dlink_rate,
    msf_netgear_beacon,
    no_client_mfp,
    nonce_degrade,
    nonce_reuse,
    null_probe_resp,
    overpowered,
    probe_chan,
    qcom_extended,
    rsn_loop,
    rtl8195_vd1406,
    ssid_canary,
    vdoo_2020_27301,
    vdoo_2020_27302,
    wmm_overflow,
    wmm_tspec,
    wps_brute,
    device_found,
    device_lost,
    count
};

struct Dot11AlertRulesOptions {
    // Stamp (and throttle) alerts with the packet's capture time instead of the alert engine's clock. Kismet
    // uses its clock; a file replay reads better, and repeats exactly, with packet time.
    bool packet_time = false;
    // How many networks (BSSID, SSID), probed SSIDs and BSS clocks the rules remember: tables of that many slots
    // (rounded up to a power of two), made once, where a newcomer takes the slot of an older entry, so memory stays
    // bounded and a packet allocates nothing. The rare frames (disconnects, WPS, message 3 nonces) have tables of
    // the same size, made at their first frame.
    std::size_t max_remembered = 1u << 16;
    // The watchlist alerts name a device by its common name, and DEVICELOST gives its channel, as Kismet does;
    // asked only when one of them goes out (the engine looks the device up in its tracker). Without it, the MAC.
    struct DeviceDescription {
        std::string name;
        std::string channel;
    };
    std::function<DeviceDescription(const MacAddress&)> describe_device;
};

// Threading: inspect() from the ingest thread only. Rules whose alert is disabled (rate 0) cost nothing; the
// enabled ones read the dissection's fields and a few small maps, allocating only for a new network or
// transmitter and when an alert goes out.
class Dot11AlertRules {
public:
    // Defines the 802.11 and watchlist alerts in `engine` (unless already defined) and reads the rule options of
    // engine.config().
    explicit Dot11AlertRules(AlertEngine& engine, Dot11AlertRulesOptions options = {});
    ~Dot11AlertRules();
    Dot11AlertRules(const Dot11AlertRules&) = delete;
    Dot11AlertRules& operator=(const Dot11AlertRules&) = delete;

    // Runs every enabled rule on one packet. Call it after the tracker, for packets the tracker did not drop as
    // duplicates; corrupt packets (bad FCS, frames that did not dissect) are skipped as Kismet skips them.
    void inspect(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                 const track::GpsFix* gps = nullptr);
    // The same, with the packet's digests (dissect::digest_frame) already computed, as the Engine does once for
    // the duplicate filter, the tracker and these rules.
    void inspect(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                 const dissect::FrameDigests& digests, const track::GpsFix* gps = nullptr);

    // Starts loading into the cache the remembered state inspect() will read for this packet (its sender's record
    // and own network, a probed SSID, a client's nonces, a BSSID's disconnect burst), for a packet read a few
    // packets before it is inspected; see Engine::feed_file. Only a hint: it changes nothing, and a packet that is
    // never inspected costs only the prefetch. Decodes a probe request's SSID element, as inspect() will.
    void prefetch(const dissect::DissectedPacket& dissected) const noexcept;
    // The headers of the alerts the last inspect() raised (not those it found throttled), in the order raised:
    // Kismet tags the packet's kismetdb row with them.
    [[nodiscard]] std::span<const std::string_view> raised() const noexcept { return raised_; }

    // The host's once-a-second call (Engine::tick), with the rules' clock: the packets' time with packet_time, the
    // host's otherwise. Every 30 seconds, as Kismet's timer, reports each device found earlier on a devicelost
    // watchlist and silent since for more than devicelost_timeout, once per absence. Packets run the same check,
    // so a replay without ticks reports losses too.
    void tick(AlertTime now);

    [[nodiscard]] bool enabled(Dot11Alert rule) const noexcept { return enabled_[index(rule)]; }
    [[nodiscard]] bool any_enabled() const noexcept { return any_enabled_; }
    // Definition errors (a configured rate that did not apply); empty normally.
    [[nodiscard]] const std::vector<std::string>& errors() const noexcept { return errors_; }

    struct State;           // what the stateful rules remember (dot11_alert_state.h)
    struct WatchlistState;  // what the watchlists remember (dot11_watchlist_state.h)

private:
    static constexpr std::size_t index(Dot11Alert rule) noexcept { return static_cast<std::size_t>(rule); }
    struct Packet;

    // Cold: an alert is rare next to the packets that are checked, so the compiler moves the text building that
    // leads here out of the rules' hot code, which then takes fewer instruction cache lines per packet.
    [[gnu::cold]] void raise(Dot11Alert rule, const Packet& packet, const MacAddress& transmitter,
                             const MacAddress& source, const MacAddress& destination, std::string_view text);
    bool wants(Dot11Alert rule) const noexcept { return enabled_[index(rule)]; }
    // Enabled and not throttled now; stamps the packet with the alert time on first use.
    bool ready(Dot11Alert rule, Packet& packet);

    void inspect_management(Packet& packet);
    void inspect_announcement(Packet& packet);
    // These two return whether a frame with the same elements would raise one of their alerts again (such a frame
    // must not take the unchanged-elements shortcut).
    bool inspect_elements(Packet& packet);
    bool inspect_advertisement(Packet& packet);
    void inspect_advertiser(Packet& packet);
    void inspect_disconnect(Packet& packet);
    void inspect_new_ssid(Packet& packet, bool probed);
    void inspect_data(Packet& packet);
    void inspect_dhcp_discover(Packet& packet);
    void check_dhcp_change(Dot11Alert rule, Packet& packet, std::string& remembered, std::string now,
                           std::string_view what);
    void inspect_nonce_reuse(Packet& packet);
    void inspect_watchlists(Packet& packet);
    [[gnu::cold]] void watch_roles(Packet& packet);  // a frame that may name a watched device
    void watch_address(Packet& packet, const MacAddress& mac);
    void check_lost(std::int64_t now_sec);
    [[nodiscard]] std::string watched_name(const MacAddress& mac, const WatchedMac* entry) const;

    AlertEngine& engine_;
    Dot11AlertRulesOptions options_;
    std::array<AlertId, static_cast<std::size_t>(Dot11Alert::count)> ids_{};
    std::vector<std::string_view> raised_;  // by the last inspect()
    std::array<bool, static_cast<std::size_t>(Dot11Alert::count)> enabled_{};
    bool any_enabled_ = false;
    bool ssid_rules_ = false;     // a rule that keeps a network entry per (BSSID, SSID) is on
    bool element_rules_ = false;  // a rule that reads the raw element list is on
    std::vector<std::string> errors_;
    std::unique_ptr<State> state_;
    std::unique_ptr<WatchlistState> watchlists_;
};

}  // namespace kismetcore::alert
