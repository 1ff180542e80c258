// The 802.11 rules that read one frame: disconnections, element fingerprints, association MFP, signal strength.
#include "kismetcore/alert/dot11_alert_rules.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

#include "dot11_alert_state.h"
#include "dot11_element_findings.h"
#include "dot11_watchlist_state.h"
#include "kismetcore/alert/builtin_alerts.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::alert {
namespace {

namespace mgmt = dissect::dot11::management;

// Kismet's alert names, in Dot11Alert order.
constexpr std::array<std::string_view, static_cast<std::size_t>(Dot11Alert::count)> kHeaders = {
    "ADVCRYPTCHANGE",    "AIRJACKSSID", "APSPOOF",       "BADFIXLENIE",      "BCASTDISCON",
    "BCOM11KCHAN",       "BEACONRATE",  "BSSTIMESTAMP",  "CHANCHANGE",       "CRYPTODROP",
    "DEAUTHCODEINVALID", "DEAUTHFLOOD", "DHCPCLIENTID",  "DHCPNAMECHANGE",   "DHCPOSCHANGE",
    "DISCONCODEINVALID", "DOT11D",      "FORMATSTRING",  "KARMAOUI",         "LONGSSID",
    "MALFORMMGMT",       "MSFBCOMSSID", "MSFDLINKRATE",  "MSFNETGEARBEACON", "NOCLIENTMFP",
    "NONCEDEGRADE",      "NONCEREUSE",  "NULLPROBERESP", "OVERPOWERED",      "PROBECHAN",
    "QCOMEXTENDED",      "RSNLOOP",     "RTL8195VD1406", "SSIDCANARY",       "VDOO202027301",
    "VDOO202027302",     "WMMOVERFLOW", "WMMTSPEC",      "WPSBRUTE",         "DEVICEFOUND",
    "DEVICELOST"};

// Runs `work` in a function of its own, marked cold: the rare path's code (and the spills it needs) stays out of
// the caller's.
template <typename Work>
[[gnu::cold, gnu::noinline]] void out_of_line(Work&& work) {
    work();
}

// Reason codes 25-31 are reserved and codes past 45 were unassigned when Kismet wrote the check (9.4.1.7).
constexpr bool reserved_reason(std::uint16_t reason) noexcept {
    return (reason >= 25 && reason <= 31) || reason > 45;
}

}  // namespace

Dot11AlertRules::Dot11AlertRules(AlertEngine& engine, Dot11AlertRulesOptions options)
    : engine_(engine),
      options_(std::move(options)),
      state_(std::make_unique<State>()),
      watchlists_(std::make_unique<WatchlistState>()) {
    errors_ = define_builtin_alerts(engine_, builtin_dot11_alerts());
    for (auto& error : define_builtin_alerts(engine_, builtin_system_alerts())) errors_.push_back(std::move(error));
    const AlertConfig& config = engine_.config();
    for (std::size_t i = 0; i < kHeaders.size(); ++i) {
        ids_[i] = engine_.find(kHeaders[i]);
        enabled_[i] = engine_.enabled(ids_[i]);
    }
    // Rules that need configuration to mean anything.
    if (config.apspoof.empty()) enabled_[index(Dot11Alert::apspoof)] = false;
    if (config.ssid_canaries.empty()) enabled_[index(Dot11Alert::ssid_canary)] = false;
    if (config.device_found.empty()) enabled_[index(Dot11Alert::device_found)] = false;
    if (config.device_lost.empty()) enabled_[index(Dot11Alert::device_lost)] = false;
    for (auto rule : {Dot11Alert::airjack_ssid, Dot11Alert::apspoof, Dot11Alert::format_string, Dot11Alert::ssid_canary,
                      Dot11Alert::chan_change, Dot11Alert::beacon_rate, Dot11Alert::adv_crypt_change,
                      Dot11Alert::crypto_drop, Dot11Alert::dot11d, Dot11Alert::probe_chan})
        ssid_rules_ = ssid_rules_ || enabled_[index(rule)];
    for (auto rule :
         {Dot11Alert::long_ssid, Dot11Alert::bad_fixlen_ie, Dot11Alert::msf_dlink_rate, Dot11Alert::qcom_extended,
          Dot11Alert::wmm_overflow, Dot11Alert::bcom_11k_chan, Dot11Alert::rsn_loop})
        element_rules_ = element_rules_ || enabled_[index(rule)];
    // The tables of the rules that see every beacon, sized once here; empty when their rules are off. The
    // per-sender records exist when a rule they can spare work is on: one that reads the elements of beacons and
    // probe responses (or probe requests), or BSSTIMESTAMP, which keeps its clock there.
    const std::size_t slots = std::max<std::size_t>(options_.max_remembered, 1);
    if (ssid_rules_) state_->networks.resize(slots);
    if (enabled_[index(Dot11Alert::ssid_canary)]) state_->probed.resize(slots);
    if (ssid_rules_ || element_rules_ || enabled_[index(Dot11Alert::bss_timestamp)] ||
        enabled_[index(Dot11Alert::malform_mgmt)] || enabled_[index(Dot11Alert::null_probe_resp)])
        state_->advertisers.resize(slots);
    if (element_rules_ || enabled_[index(Dot11Alert::malform_mgmt)] || enabled_[index(Dot11Alert::ssid_canary)])
        state_->probers.resize(slots);
    watchlists_->found_entries = watch_entries(config.device_found);
    watchlists_->lost_entries = watch_entries(config.device_lost);
    watchlists_->any_entries = watchlists_->found_entries;
    watchlists_->any_entries.insert(watchlists_->any_entries.end(), watchlists_->lost_entries.begin(),
                                    watchlists_->lost_entries.end());
    watchlists_->make_filter();
    any_enabled_ = std::any_of(enabled_.begin(), enabled_.end(), [](bool on) { return on; });
}

Dot11AlertRules::~Dot11AlertRules() = default;

bool Dot11AlertRules::ready(Dot11Alert rule, Packet& packet) {
    if (!enabled_[index(rule)]) return false;
    if (!packet.stamp) packet.stamp = options_.packet_time ? packet.packet_time() : engine_.now();
    return engine_.potential(ids_[index(rule)], *packet.stamp);
}

void Dot11AlertRules::raise(Dot11Alert rule, const Packet& packet, const MacAddress& transmitter,
                            const MacAddress& source, const MacAddress& destination, std::string_view text) {
    std::array<char, 4> channel_digits{'0'};
    const char* channel_end = channel_digits.data() + 1;
    if (packet.channel_from_elements)
        if (const auto& channel = packet.dissected.dot11.elements.ds_channel())
            channel_end =
                std::to_chars(channel_digits.data(), channel_digits.data() + channel_digits.size(), *channel).ptr;
    AlertContext context;
    context.transmitter = transmitter;
    context.source = source;
    context.destination = destination;
    context.channel = {channel_digits.data(), static_cast<std::size_t>(channel_end - channel_digits.data())};
    context.gps = packet.gps;
    context.time = packet.stamp;
    if (engine_.raise(ids_[index(rule)], context, text)) raised_.push_back(kHeaders[index(rule)]);
}

void Dot11AlertRules::inspect(const capture::Packet& captured, const dissect::DissectedPacket& dissected,
                              const track::GpsFix* gps) {
    raised_.clear();
    if (!any_enabled_) return;
    inspect(captured, dissected, dissect::digest_frame(dissected), gps);
}

void Dot11AlertRules::inspect(const capture::Packet& captured, const dissect::DissectedPacket& dissected,
                              const dissect::FrameDigests& digests, const track::GpsFix* gps) {
    raised_.clear();
    if (!any_enabled_ || !dissected.has_dot11 || dissected.radio.bad_fcs ||
        dissected.error.status != dissect::DissectStatus::ok)
        return;
    Packet packet(captured, dissected, digests, gps);
    const auto& frame = packet.frame;

    if (wants(Dot11Alert::overpowered) && dissected.radio.signal_dbm) {
        const int signal = *dissected.radio.signal_dbm;
        if (signal > engine_.config().dot11_max_signal && signal < 0 && ready(Dot11Alert::overpowered, packet))
            raise(Dot11Alert::overpowered, packet, packet.bssid, packet.source, packet.destination,
                  "Unusually strong signal of " + std::to_string(signal) + " dBm from " + upper_mac(packet.source) +
                      ", which may indicate a transmitter close to the sensor or an "
                      "attack on the sensor");
    }
    if (frame.is_management())
        inspect_management(packet);
    else if (frame.is_data())
        inspect_data(packet);
    if ((wants(Dot11Alert::device_found) || wants(Dot11Alert::device_lost)) &&
        watchlists_->may_concern(frame, captured.ts_sec, wants(Dot11Alert::device_lost), options_.packet_time))
        inspect_watchlists(packet);
}

void Dot11AlertRules::prefetch(const dissect::DissectedPacket& dissected) const noexcept {
    // The same conditions as inspect() and the rules, as far as they are cheap to test: a prefetch for a packet
    // that turns out to need nothing only costs the load.
    if (!any_enabled_ || !dissected.has_dot11 || dissected.radio.bad_fcs ||
        dissected.error.status != dissect::DissectStatus::ok)
        return;
    const auto& frame = dissected.dot11.frame;
    if (frame.is_data()) {
        // NONCEREUSE reads the client's nonces at every message 3 (its table exists once one was seen).
        if (dissected.dot11.has_eapol && dissected.dot11.eapol.message_number == 3 && !state_->nonces.empty())
            state_->nonces.prefetch(
                mac_bits(frame.destination ? *frame.destination : frame.receiver.value_or(MacAddress{})));
        return;
    }
    if (!frame.is_management()) return;
    switch (frame.subtype) {
        case mgmt::kBeacon:
        case mgmt::kProbeResponse:
            // The second line holds the sender's own network, which a beacon with changed elements reads.
            if (dissected.dot11.has_elements)
                state_->advertisers.prefetch(mac_bits(frame.bssid.value_or(MacAddress{})), 2);
            break;
        case mgmt::kProbeRequest: {
            if (!dissected.dot11.has_elements) break;
            const MacAddress source = frame.source ? *frame.source : frame.transmitter.value_or(MacAddress{});
            state_->probers.prefetch(mac_bits(source));
            // SSIDCANARY's probed-SSID slot, which a client's first probe for a name reads.
            if (!state_->probed.empty()) {
                const auto& ssid = dissected.dot11.elements.ssid();
                if (ssid.present && !ssid.bytes.empty()) state_->probed.prefetch(network_key(source, ssid.bytes));
            }
            break;
        }
        case mgmt::kDeauthentication:
        case mgmt::kDisassociation:
            if (!state_->disconnects.empty())
                state_->disconnects.prefetch(mac_bits(frame.bssid.value_or(MacAddress{})));
            break;
        default:
            break;
    }
}

void Dot11AlertRules::inspect_management(Packet& packet) {
    const auto& frame = packet.frame;
    const auto& dot11 = packet.dissected.dot11;
    switch (frame.subtype) {
        case mgmt::kBeacon:
        case mgmt::kProbeResponse:
        case mgmt::kProbeRequest:
            inspect_announcement(packet);
            return;
        default:
            break;
    }
    if (dot11.has_elements) {
        packet.channel_from_elements = true;
        inspect_elements(packet);
    }
    switch (frame.subtype) {
        case mgmt::kDeauthentication:
        case mgmt::kDisassociation:
            inspect_disconnect(packet);
            break;
        case mgmt::kAssociationRequest:
            if (wants(Dot11Alert::no_client_mfp) && dot11.has_elements) {
                // Kismet's release raises it without an RSN element, and reads the RSN Capabilities byte-swapped
                // before testing MFP-capable (0x80): what it tests is bit 15, so it raises for MFP-capable clients
                // too (kismet-samples n-02 and wpa3-psk show it). kismetcore raises what Kismet raises.
                const auto& rsn = dot11.elements.rsn();
                if ((!rsn || !rsn->capability(15)) && ready(Dot11Alert::no_client_mfp, packet))
                    raise(Dot11Alert::no_client_mfp, packet, packet.bssid, packet.source, packet.destination,
                          "IEEE80211 network BSSID " + upper_mac(packet.bssid) + " client " + upper_mac(packet.source) +
                              " does not support management frame protection (MFP) which may ease client "
                              "disassocation or deauthentication");
            }
            break;
        case mgmt::kAssociationResponse:
        case mgmt::kReassociationResponse:
            if (wants(Dot11Alert::wmm_tspec) && dot11.has_elements && dot11.elements.wmm_tspec_count() > 4 &&
                ready(Dot11Alert::wmm_tspec, packet))
                raise(Dot11Alert::wmm_tspec, packet, packet.bssid, packet.source, packet.destination,
                      "IEEE80211 Access Point BSSID " + upper_mac(packet.bssid) +
                          " sent an association response "
                          "with " +
                          std::to_string(dot11.elements.wmm_tspec_count()) +
                          " WMM TSPEC elements; this may be an attack against Qualcomm drivers");
            break;
        default:
            break;
    }
}

// Beacons, probe responses and probe requests, most of the management frames: an AP repeats its beacon and its
// answers, a client its probes, with the same elements each time. The sender's record says whether this frame's
// elements are those it last checked in full and found nothing in that would raise again; if so, only the rules
// that look at the frame's own fields and its time run.
void Dot11AlertRules::inspect_announcement(Packet& packet) {
    const auto& frame = packet.frame;
    const auto& dot11 = packet.dissected.dot11;
    const bool beacon = frame.subtype == mgmt::kBeacon;
    const bool request = frame.subtype == mgmt::kProbeRequest;
    std::uint64_t fingerprint = 0;
    std::uint64_t* checked = nullptr;
    const std::uint16_t interval = frame.beacon_interval.value_or(0);
    if (dot11.has_elements) {
        packet.channel_from_elements = true;
        fingerprint = packet.digests.elements_without_tim;
        if (request) {
            if (!state_->probers.empty())
                checked = &state_->probers.find_or_claim(mac_bits(packet.source)).first->checked_request;
            packet.unchanged = checked != nullptr && *checked == fingerprint;
        } else if (!state_->advertisers.empty()) {
            State::Advertiser& advertiser = *state_->advertisers.find_or_claim(mac_bits(packet.bssid)).first;
            packet.advertiser = &advertiser;
            checked = beacon ? &advertiser.checked_beacon : &advertiser.checked_response;
            packet.unchanged = *checked == fingerprint && (!beacon || advertiser.beacon_interval == interval);
        }
    }
    const bool check_elements = dot11.has_elements && !packet.unchanged;
    bool repeats = false;
    if (check_elements) repeats = inspect_elements(packet);
    if (request) {
        if (check_elements && wants(Dot11Alert::ssid_canary)) inspect_new_ssid(packet, true);
    } else {
        inspect_advertiser(packet);
        if (check_elements) repeats = inspect_advertisement(packet) || repeats;
    }
    if (checked == nullptr || packet.unchanged) return;
    if (beacon) {
        // What this beacon changed (its network's channel) may change what a probe response raises.
        packet.advertiser->checked_response = 0;
        packet.advertiser->beacon_interval = interval;
    }
    *checked = repeats ? 0 : fingerprint;
}

bool Dot11AlertRules::inspect_elements(Packet& packet) {
    const auto& dot11 = packet.dissected.dot11;
    const bool beacon = packet.frame.subtype == mgmt::kBeacon;
    const bool malformed = dot11.elements_error.status != dissect::DissectStatus::ok;
    if (wants(Dot11Alert::malform_mgmt) && malformed && ready(Dot11Alert::malform_mgmt, packet))
        raise(Dot11Alert::malform_mgmt, packet, packet.bssid, packet.source, packet.destination,
              "IEEE80211 management frame from " + upper_mac(packet.source) +
                  " has an element list that runs past the end of the frame, which may be an attempt to exploit "
                  "a driver");
    if (!element_rules_) return malformed;
    const ElementFindings found = find_in_elements(
        dot11.elements,
        {.dlink_rates = wants(Dot11Alert::msf_dlink_rate), .wmm_overflow = beacon && wants(Dot11Alert::wmm_overflow)});
    // Nearly every frame is clean: one test before the per-rule checks keeps their code off its path.
    const bool suspect = found.ssid_length > 32 || found.ds_too_long || found.dlink_rates || found.qcom_extended ||
                         (beacon && found.wmm_overflow) || found.neighbor_channel > 224 || found.rsn_pairwise > 1024;
    if (!suspect) [[likely]]
        return malformed;
    out_of_line([&] {
        // Texts are built only for an alert that goes out: nothing here allocates for a clean frame.
        const auto source = [&packet] { return upper_mac(packet.source); };
        const auto check = [&](Dot11Alert rule, bool triggered, auto&& text) {
            if (triggered && wants(rule) && ready(rule, packet))
                raise(rule, packet, packet.bssid, packet.source, packet.destination, text());
        };
        check(Dot11Alert::long_ssid, found.ssid_length > 32, [&] {
            return "IEEE80211 device " + source() + " sent an SSID of " + std::to_string(found.ssid_length) +
                   " bytes, longer than the 32 the standard allows; this may be an attempt to exploit a driver";
        });
        check(Dot11Alert::bad_fixlen_ie, found.ds_too_long, [&] {
            return "IEEE80211 device " + source() +
                   " sent a DS parameter set element longer than 1 byte, which may be an attempt to exploit a driver";
        });
        check(Dot11Alert::msf_dlink_rate, found.dlink_rates, [&] {
            return "IEEE80211 device " + source() +
                   " sent a rates element matching the Metasploit D-Link driver exploit";
        });
        check(Dot11Alert::qcom_extended, found.qcom_extended, [&] {
            return "IEEE80211 device " + source() +
                   " sent an extended capabilities element longer than Qualcomm drivers accept (CVE-2019-10539)";
        });
        check(Dot11Alert::wmm_overflow, beacon && found.wmm_overflow, [&] {
            return "IEEE80211 Access Point BSSID " + upper_mac(packet.bssid) +
                   " sent a WMM element longer than 24 bytes, which may be an attempt to exploit a driver";
        });
        check(Dot11Alert::bcom_11k_chan, found.neighbor_channel > 224, [&] {
            return "IEEE80211 device " + source() + " sent an 802.11k neighbor report with channel " +
                   std::to_string(found.neighbor_channel) + ", which crashes some Broadcom drivers";
        });
        check(Dot11Alert::rsn_loop, found.rsn_pairwise > 1024, [&] {
            return "IEEE80211 device " + source() + " sent an RSN element announcing " +
                   std::to_string(found.rsn_pairwise) + " pairwise ciphers, which loops some drivers (CVE-2017-9714)";
        });
    });
    return true;
}

void Dot11AlertRules::inspect_disconnect(Packet& packet) {
    const auto& frame = packet.frame;
    const bool deauth = frame.subtype == mgmt::kDeauthentication;
    // Kismet keeps the reason code in one octet and reads it from protected frames too, where that octet is
    // ciphertext (kismet-samples pmkid-not-recognized: "Unknown disassociation code e3" from an 802.11w frame).
    std::optional<std::uint16_t> reason_octet;
    if (frame.reason_code)
        reason_octet = static_cast<std::uint16_t>(*frame.reason_code & 0xff);
    else if (frame.protected_frame && frame.body.size() >= 2)
        reason_octet = frame.body[0];
    const std::uint16_t reason = reason_octet.value_or(0);
    const Dot11Alert invalid = deauth ? Dot11Alert::deauth_code_invalid : Dot11Alert::discon_code_invalid;
    if (reason_octet && reserved_reason(reason) && ready(invalid, packet))
        raise(invalid, packet, packet.bssid, packet.source, packet.destination,
              std::string(deauth ? "Unknown deauthentication code " : "Unknown disassociation code ") + hex(reason) +
                  " from network " + upper_mac(packet.bssid));
    if (packet.destination.is_broadcast() && ready(Dot11Alert::bcast_discon, packet))
        raise(Dot11Alert::bcast_discon, packet, packet.bssid, packet.source, packet.destination,
              "IEEE80211 Access Point BSSID " + upper_mac(packet.bssid) +
                  " broadcast deauthentication or disassociation of all clients; Either the AP is shutting down or "
                  "this is indicative of a possible denial of service attack.");
    if (!wants(Dot11Alert::deauth_flood) || packet.bssid.is_zero()) return;
    // More than 10 for one BSSID, each within a second (packet time) of the one before; the count restarts
    // after an alert, as Kismet's does.
    auto& burst = rare_frame_entry(state_->disconnects, packet.bssid, options_.max_remembered);
    const std::int64_t now = packet.captured.ts_sec;
    if (burst.count == 0 || now > burst.last_sec + 1)
        burst.count = 1;
    else
        ++burst.count;
    burst.last_sec = now;
    if (burst.count > 10) {
        burst.count = 0;
        if (ready(Dot11Alert::deauth_flood, packet))
            raise(Dot11Alert::deauth_flood, packet, packet.bssid, packet.source, packet.destination,
                  "Deauth/Disassociate flood on " + upper_mac(packet.bssid));
    }
}

}  // namespace kismetcore::alert
