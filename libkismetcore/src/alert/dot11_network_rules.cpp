// The 802.11 rules that remember: advertised networks (channel, interval, crypt, country, TSF, new SSIDs),
// EAPOL and WPS exchanges.
#include <algorithm>
#include <charconv>
#include <string>

#include "dot11_alert_state.h"
#include "kismetcore/alert/dot11_alert_rules.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::alert {
namespace {

namespace mgmt = dissect::dot11::management;

constexpr std::uint16_t kEthertypeEapol = 0x888e;
constexpr std::int64_t kTsfJumpUs = 10'000'000;    // a TSF more than 10 s away from where it should be
constexpr std::int64_t kTsfWindowUs = 60'000'000;  // jumps counted within a minute
constexpr std::uint32_t kTsfJumpsBeforeAlert = 5;  // more than this many
constexpr std::int64_t kWpsM3GapSec = 300;         // WPS M3 messages under 5 minutes apart
constexpr std::uint64_t kWpsM3BeforeAlert = 5;     // more than this many

bool has_oui(const MacAddress& mac, std::uint8_t a, std::uint8_t b, std::uint8_t c) {
    return mac[0] == a && mac[1] == b && mac[2] == c;
}

// printf conversions an SSID has no business holding (Kismet's FORMATSTRING list).
bool has_format_string(std::string_view ssid) {
    // One pass for the four: a '%' followed by one of the conversion letters.
    for (std::size_t at = ssid.find('%'); at != std::string_view::npos && at + 1 < ssid.size();
         at = ssid.find('%', at + 1)) {
        const char conversion = ssid[at + 1];
        if (conversion == 's' || conversion == 'n' || conversion == 'p' || conversion == '@') return true;
    }
    return false;
}

std::uint16_t be16(std::span<const std::uint8_t> bytes, std::size_t at) {
    return static_cast<std::uint16_t>((bytes[at] << 8) | bytes[at + 1]);
}

// EAP-WSC (WPS) message type of an 802.1X EAP packet: EAP expanded type 254, vendor WFA 00-37-2A type 1,
// op-code WSC_MSG, then the Message Type attribute 0x1022 (WPS 2.0.2 table 28). 0 when it is none.
std::uint8_t wps_message_type(std::span<const std::uint8_t> eapol) {
    if (eapol.size() < 18 || eapol[1] != 0 || eapol[8] != 254) return 0;
    if (eapol[9] != 0x00 || eapol[10] != 0x37 || eapol[11] != 0x2a) return 0;
    if (eapol[12] != 0 || eapol[13] != 0 || eapol[14] != 0 || eapol[15] != 1 || eapol[16] != 4) return 0;
    std::size_t at = 18;
    while (at + 4 <= eapol.size()) {
        const std::uint16_t type = be16(eapol, at);
        const std::uint16_t length = be16(eapol, at + 2);
        if (at + 4 + length > eapol.size()) return 0;
        if (type == 0x1022 && length == 1) return eapol[at + 4];
        at += 4 + length;
    }
    return 0;
}

// The network of `key` (a BSSID and SSID): the BSSID's own when it is that one or the BSSID has none yet, else
// the shared table's entry. True when it was just made.
std::pair<Dot11AlertRules::State::Network*, bool> find_or_claim_network(Dot11AlertRules::State& state,
                                                                        Dot11AlertRules::State::Advertiser* advertiser,
                                                                        std::uint64_t key) {
    if (advertiser != nullptr) {
        if (advertiser->own_network_key == key) return {&advertiser->own_network, false};
        if (advertiser->own_network_key == 0) {
            advertiser->own_network_key = key;
            advertiser->own_network = Dot11AlertRules::State::Network{};
            return {&advertiser->own_network, true};
        }
    }
    return state.networks.find_or_claim(key);
}

}  // namespace

// The advertisement rules that read the frame's own fields and its time, which run for every beacon and probe
// response, unchanged elements or not.
void Dot11AlertRules::inspect_advertiser(Packet& packet) {
    const auto& frame = packet.frame;
    const bool beacon = frame.subtype == mgmt::kBeacon;
    if (beacon && wants(Dot11Alert::msf_bcom_ssid) && has_oui(packet.source, 0x90, 0xe9, 0x75) &&
        ready(Dot11Alert::msf_bcom_ssid, packet))
        raise(Dot11Alert::msf_bcom_ssid, packet, packet.bssid, packet.source, packet.destination,
              "IEEE80211 Access Point BSSID " + upper_mac(packet.bssid) +
                  " beacon matches the Metasploit Broadcom driver exploit");
    if (!beacon && wants(Dot11Alert::karma_oui) && has_oui(packet.source, 0x00, 0x13, 0x37) &&
        ready(Dot11Alert::karma_oui, packet))
        raise(Dot11Alert::karma_oui, packet, packet.bssid, packet.source, packet.destination,
              "IEEE80211 probe response from " + upper_mac(packet.source) +
                  " uses the OUI of the KARMA tools, which answer every probe to lure clients");
    if (beacon && wants(Dot11Alert::msf_netgear_beacon)) {
        static constexpr std::array<std::uint8_t, 4> kSignature{0x6a, 0x39, 0x58, 0x01};
        const auto bytes = packet.dissected.payload.bytes;
        if (bytes.size() >= 1184 && std::equal(kSignature.begin(), kSignature.end(), bytes.begin() + 1180) &&
            ready(Dot11Alert::msf_netgear_beacon, packet))
            raise(Dot11Alert::msf_netgear_beacon, packet, packet.bssid, packet.source, packet.destination,
                  "IEEE80211 Access Point BSSID " + upper_mac(packet.bssid) +
                      " beacon matches the Metasploit Netgear driver exploit");
    }
    // The sender's record exists whenever this rule is on and the frame has elements (Kismet reads the TSF of
    // beacons it parsed).
    if (beacon && wants(Dot11Alert::bss_timestamp) && frame.timestamp && packet.advertiser != nullptr) {
        auto& clock = *packet.advertiser;
        const std::int64_t now_us = packet.packet_time().microseconds();
        const auto tsf = static_cast<std::int64_t>(*frame.timestamp);
        if (clock.has_clock) {
            // The last TSF plus the packet time since: the same value as (tsf + (now - then)) wherever that one
            // does not overflow, computed modulo 2^64.
            const auto expected =
                static_cast<std::int64_t>(static_cast<std::uint64_t>(now_us) + clock.tsf_minus_packet_us);
            if (tsf > expected + kTsfJumpUs || tsf < expected - kTsfJumpUs) {
                if (clock.jumps == 0 || now_us - clock.window_start_us > kTsfWindowUs) {
                    clock.jumps = 0;
                    clock.window_start_us = now_us;
                }
                if (++clock.jumps > kTsfJumpsBeforeAlert) {
                    clock.jumps = 0;
                    if (ready(Dot11Alert::bss_timestamp, packet))
                        raise(Dot11Alert::bss_timestamp, packet, packet.bssid, packet.source, packet.destination,
                              "IEEE80211 Access Point BSSID " + upper_mac(packet.bssid) +
                                  " beacon timestamps keep jumping, which may indicate two devices beaconing "
                                  "with the same BSSID (spoofing)");
                }
            }
        }
        clock.tsf_minus_packet_us = static_cast<std::uint64_t>(tsf) - static_cast<std::uint64_t>(now_us);
        clock.has_clock = true;
    }
}

// The advertisement rules that read the elements: run for a beacon or probe response with elements that are not
// those last checked.
bool Dot11AlertRules::inspect_advertisement(Packet& packet) {
    const auto& dot11 = packet.dissected.dot11;
    const auto& frame = packet.frame;
    const bool beacon = frame.subtype == mgmt::kBeacon;
    const auto& elements = dot11.elements;
    bool repeats = false;
    // A mesh station answers with an empty SSID and its Mesh ID (802.11-2020 9.3.3.10): that is no null response.
    if (!beacon && wants(Dot11Alert::null_probe_resp) && elements.ssid().present && elements.ssid().bytes.empty() &&
        !elements.mesh_id().present) {
        repeats = true;
        if (ready(Dot11Alert::null_probe_resp, packet))
            raise(Dot11Alert::null_probe_resp, packet, packet.bssid, packet.source, packet.destination,
                  "IEEE80211 probe response from " + upper_mac(packet.source) +
                      " with a zero-length SSID, which crashes some clients");
    }
    const auto& ssid = elements.ssid();
    if (!ssid_rules_ || !ssid.present) return repeats;

    auto [entry, created] = find_or_claim_network(*state_, packet.advertiser, network_key(packet.bssid, ssid.bytes));
    if (created) inspect_new_ssid(packet, false);
    State::Network& network = *entry;
    const std::string_view name = ssid.text();
    const auto network_text = [&] {
        return "BSSID " + upper_mac(packet.bssid) + " SSID \"" + std::string(name) + "\"";
    };
    const auto& channel = elements.ds_channel();
    if (!beacon) {
        if (channel && network.beacon_channel != 0 && *channel != network.beacon_channel) {
            repeats = true;
            if (ready(Dot11Alert::probe_chan, packet))
                raise(Dot11Alert::probe_chan, packet, packet.bssid, packet.source, packet.destination,
                      "IEEE80211 Access Point " + network_text() + " answered a probe for channel " +
                          std::to_string(*channel) + " but beacons on channel " +
                          std::to_string(network.beacon_channel) + ", which may indicate AP spoofing");
        }
        return repeats;
    }
    if (channel) {
        if (network.beacon_channel != 0 && *channel != network.beacon_channel && ready(Dot11Alert::chan_change, packet))
            raise(Dot11Alert::chan_change, packet, packet.bssid, packet.source, packet.destination,
                  "IEEE80211 Access Point " + network_text() + " changed advertised channel from " +
                      std::to_string(network.beacon_channel) + " to " + std::to_string(*channel) +
                      ", which may indicate AP spoofing or impersonation");
        network.beacon_channel = *channel;
    }
    if (frame.beacon_interval && *frame.beacon_interval != 0) {
        if (network.beacon_interval != 0 && *frame.beacon_interval != network.beacon_interval &&
            ready(Dot11Alert::beacon_rate, packet))
            raise(Dot11Alert::beacon_rate, packet, packet.bssid, packet.source, packet.destination,
                  "IEEE80211 Access Point " + network_text() + " changed beacon interval from " +
                      std::to_string(network.beacon_interval) + " to " + std::to_string(*frame.beacon_interval) +
                      ", which may indicate AP spoofing or impersonation");
        network.beacon_interval = *frame.beacon_interval;
    }
    if (wants(Dot11Alert::adv_crypt_change) || wants(Dot11Alert::crypto_drop)) {
        // A beacon whose crypt inputs hash as the last one's has the same bits: most beacons skip crypt_bits().
        const std::uint64_t inputs = crypt_fingerprint(dot11);
        if (!network.beaconed || inputs != network.crypt_inputs) {
            const std::uint64_t crypt = dot11.crypt_bits();
            if (network.beaconed && crypt != network.crypt) {
                // Kismet raises both when encryption is dropped (kismet-reference.md 12).
                if (network.crypt != 0 && crypt == 0 && ready(Dot11Alert::crypto_drop, packet))
                    raise(Dot11Alert::crypto_drop, packet, packet.bssid, packet.source, packet.destination,
                          "IEEE80211 Access Point " + network_text() +
                              " stopped advertising encryption, which may indicate AP spoofing or impersonation");
                if (ready(Dot11Alert::adv_crypt_change, packet))
                    raise(Dot11Alert::adv_crypt_change, packet, packet.bssid, packet.source, packet.destination,
                          "IEEE80211 Access Point " + network_text() + " changed advertised encryption from 0x" +
                              hex(network.crypt) + " to 0x" + hex(crypt) +
                              ", which may indicate AP spoofing or impersonation");
            }
            network.crypt = crypt;
        }
        network.crypt_inputs = inputs;
    }
    if (const auto& country = elements.country()) {
        // Two octets compared as such: std::array's != of two chars is a call to memcmp.
        const bool changed = country->code[0] != network.country[0] || country->code[1] != network.country[1];
        if (network.has_country && changed && ready(Dot11Alert::dot11d, packet))
            raise(Dot11Alert::dot11d, packet, packet.bssid, packet.source, packet.destination,
                  "IEEE80211 Access Point " + network_text() + " changed advertised 802.11d country from " +
                      std::string(network.country.data(), 2) + " to " + std::string(country->country_code()) +
                      ", which may indicate AP spoofing or impersonation");
        network.country = country->code;
        network.has_country = true;
    }
    network.beaconed = true;
    return repeats;
}

void Dot11AlertRules::inspect_new_ssid(Packet& packet, bool probed) {
    const auto& ssid = packet.dissected.dot11.elements.ssid();
    if (!ssid.present) return;
    if (probed) {
        if (ssid.bytes.empty()) return;
        if (!state_->probed.find_or_claim(network_key(packet.source, ssid.bytes)).second) return;
    }
    const std::string_view name = ssid.text();
    const char* how = probed ? "probed for" : "advertised";
    // Kismet tries the patterns on named SSIDs only: a cloaked network matches no rule.
    if (name.empty()) return;
    for (const auto& canary : engine_.config().ssid_canaries) {
        if (!canary.matches_ssid(name) || !ready(Dot11Alert::ssid_canary, packet)) continue;
        raise(Dot11Alert::ssid_canary, packet, packet.bssid, packet.source, packet.destination,
              "IEEE80211 device " + upper_mac(packet.source) + " " + how + " canary SSID \"" + std::string(name) +
                  "\" (rule " + canary.name + ")");
    }
    if (probed) return;
    if (wants(Dot11Alert::airjack_ssid) && name == "AirJack" && ready(Dot11Alert::airjack_ssid, packet))
        raise(Dot11Alert::airjack_ssid, packet, packet.bssid, packet.source, packet.destination,
              "IEEE80211 Access Point BSSID " + upper_mac(packet.bssid) +
                  " advertising the SSID \"AirJack\", the default of the AirJack tools");
    if (wants(Dot11Alert::format_string) && has_format_string(name) && ready(Dot11Alert::format_string, packet))
        raise(Dot11Alert::format_string, packet, packet.bssid, packet.source, packet.destination,
              "IEEE80211 Access Point BSSID " + upper_mac(packet.bssid) +
                  " advertising an SSID with a format string, which may be an attempt to exploit software that "
                  "prints it");
    if (!wants(Dot11Alert::apspoof)) return;
    for (const auto& rule : engine_.config().apspoof) {
        if (!rule.matches_ssid(name)) continue;
        if (std::find(rule.valid_macs.begin(), rule.valid_macs.end(), packet.source) != rule.valid_macs.end()) continue;
        if (ready(Dot11Alert::apspoof, packet))
            raise(Dot11Alert::apspoof, packet, packet.bssid, packet.source, packet.destination,
                  "IEEE80211 Unauthorized device (" + upper_mac(packet.source) + ") advertising for SSID '" +
                      std::string(name) + "', matching APSPOOF rule " + rule.name +
                      " which may indicate spoofing or impersonation.");
        break;  // Kismet reports a network under the first rule it breaks
    }
}

void Dot11AlertRules::inspect_data(Packet& packet) {
    if (packet.dissected.dot11.has_dhcp) {
        inspect_dhcp_discover(packet);
        return;
    }
    const auto& frame = packet.frame;
    if (!frame.ethertype || *frame.ethertype != kEthertypeEapol) return;
    const auto eapol = frame.llc_payload;
    if (eapol.size() < 4) return;
    const bool key_frame = eapol[1] == 3;
    if (key_frame && be16(eapol, 2) > 512 && ready(Dot11Alert::rtl8195_vd1406, packet))
        raise(Dot11Alert::rtl8195_vd1406, packet, packet.bssid, packet.source, packet.destination,
              "IEEE80211 device " + upper_mac(packet.source) + " sent an EAPOL-Key frame of " +
                  std::to_string(be16(eapol, 2)) + " bytes, which overflows Realtek RTL8195 firmware (VD-1406)");
    // EAPOL-Key body (802.11-2020 12.7.2) with a 16-octet MIC: key information at 5, nonce at 17, key data
    // length at 97. Read raw, since exploit frames are exactly the ones whose lengths do not add up.
    if (key_frame && eapol.size() >= 99) {
        const std::uint16_t info = be16(eapol, 5);
        const std::uint16_t key_data_length = be16(eapol, 97);
        const bool install = (info & 0x0040) != 0;
        const bool ack = (info & 0x0080) != 0;
        const bool mic = (info & 0x0100) != 0;
        const bool pairwise = (info & 0x0008) != 0;
        if (frame.from_ds && install && ack) {
            if (key_data_length > 0x101 && ready(Dot11Alert::vdoo_2020_27301, packet))
                raise(Dot11Alert::vdoo_2020_27301, packet, packet.bssid, packet.source, packet.destination,
                      "IEEE80211 Access Point " + upper_mac(packet.source) + " sent an EAPOL-Key frame with " +
                          std::to_string(key_data_length) +
                          " bytes of key data, which overflows Realtek firmware (CVE-2020-27301)");
            if ((info & 0x0007) == 2 && key_data_length > 0x80 && ready(Dot11Alert::vdoo_2020_27302, packet))
                raise(Dot11Alert::vdoo_2020_27302, packet, packet.bssid, packet.source, packet.destination,
                      "IEEE80211 Access Point " + upper_mac(packet.source) + " sent an AES EAPOL-Key frame with " +
                          std::to_string(key_data_length) +
                          " bytes of key data, which overflows Realtek firmware (CVE-2020-27302)");
        }
        if (wants(Dot11Alert::nonce_degrade) && mic && !ack && !install && !pairwise && key_data_length == 0 &&
            std::all_of(eapol.begin() + 17, eapol.begin() + 49, [](std::uint8_t octet) { return octet == 0; }) &&
            ready(Dot11Alert::nonce_degrade, packet))
            raise(Dot11Alert::nonce_degrade, packet, packet.bssid, packet.source, packet.destination,
                  "IEEE80211 device " + upper_mac(packet.source) +
                      " sent a WPA handshake message with an all-zero nonce, which may indicate a nonce "
                      "degradation attack");
    }
    if (wants(Dot11Alert::nonce_reuse)) inspect_nonce_reuse(packet);
    if (!wants(Dot11Alert::wps_brute) || wps_message_type(eapol) != 0x07) return;
    auto& burst = rare_frame_entry(state_->wps_m3, packet.source, options_.max_remembered);
    const std::int64_t now = packet.captured.ts_sec;
    if (burst.count == 0 || now - burst.last_sec >= kWpsM3GapSec)
        burst.count = 1;
    else
        ++burst.count;
    burst.last_sec = now;
    if (burst.count > kWpsM3BeforeAlert) {
        burst.count = 0;
        if (ready(Dot11Alert::wps_brute, packet))
            raise(Dot11Alert::wps_brute, packet, packet.bssid, packet.source, packet.destination,
                  "IEEE80211 device " + upper_mac(packet.source) + " sent more than " +
                      std::to_string(kWpsM3BeforeAlert) + " WPS M3 messages to " + upper_mac(packet.bssid) +
                      " within minutes of each other, which indicates a WPS PIN brute force attack");
    }
}

// Kismet's NONCEREUSE (KRACK): a message 3 to a client whose ANonce that client was already sent, with a replay
// counter no higher, more than a second apart, and not a retry. A higher counter only refreshes the entry.
void Dot11AlertRules::inspect_nonce_reuse(Packet& packet) {
    const auto& dot11 = packet.dissected.dot11;
    if (!dot11.has_eapol || dot11.eapol.message_number != 3 || dot11.eapol.nonce_is_zero()) return;
    const auto& key = dot11.eapol;
    const std::int64_t now_us = packet.packet_time().microseconds();
    auto& sent = rare_frame_entry(state_->nonces, packet.destination, options_.max_remembered);
    for (auto& entry : sent) {
        if (entry.nonce != key.nonce) continue;
        if (key.replay_counter > entry.replay_counter) {
            entry.replay_counter = key.replay_counter;
            return;
        }
        const std::int64_t apart = now_us > entry.packet_us ? now_us - entry.packet_us : entry.packet_us - now_us;
        if (apart > 1'000'000 && !packet.frame.retry && ready(Dot11Alert::nonce_reuse, packet))
            raise(Dot11Alert::nonce_reuse, packet, packet.bssid, packet.source, packet.destination,
                  "IEEE80211 network BSSID " + upper_mac(packet.bssid) + " sent client " +
                      upper_mac(packet.destination) +
                      " a WPA handshake message 3 with a nonce it had sent before, which may indicate a key "
                      "reinstallation (KRACK) attack");
        return;
    }
    if (sent.size() >= State::kNoncesPerClient) sent.erase(sent.begin());
    sent.push_back({key.nonce, key.replay_counter, now_us});
}

}  // namespace kismetcore::alert
