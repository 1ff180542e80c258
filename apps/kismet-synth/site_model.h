// The site kismet-synth invents before writing a packet: its networks (SSIDs), access points and clients.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kismetcore/common/mac_address.h"
#include "random_source.h"

namespace kismetcore::synth {

enum class Band : std::uint8_t { ghz2_4, ghz5, ghz6 };

// What a network advertises in its beacons (RSN and WPA elements, the privacy bit).
enum class Security : std::uint8_t {
    open,
    wep,
    wpa_psk,          // WPA1 element, TKIP
    wpa2_psk,         // RSN, CCMP, AKM 2
    wpa2_enterprise,  // RSN, CCMP, AKM 1 (802.1X)
    wpa3_transition,  // RSN, CCMP, AKM 2 and 8, MFP capable
    wpa3_sae,         // RSN, CCMP, AKM 8, MFP required; the only kind allowed on 6 GHz here
};

[[nodiscard]] constexpr bool uses_eapol(Security security) noexcept {
    return security != Security::open && security != Security::wep;
}

struct Network {
    std::string ssid;
    Security security = Security::open;
    bool hidden = false;  // beacons carry an empty SSID; probe responses and association requests name it
    bool wps = false;
};

struct AccessPoint {
    MacAddress bssid;
    std::uint32_t network = 0;
    Band band = Band::ghz2_4;
    std::uint8_t channel = 1;
    std::uint16_t frequency = 2412;  // MHz
    bool wmm = false;
    bool ht = false;
    bool vht = false;
    std::int8_t signal_dbm = -60;  // typical level at the capture point; each frame varies around it
    std::uint8_t antenna = 0;
    std::uint64_t tsf_at_start = 0;  // the AP's own TSF when the capture starts (beacon timestamps)
    std::uint16_t sequence = 0;
    std::uint64_t replay_counter = 0;       // EAPOL-Key replay counter, per AP
    std::uint64_t group_packet_number = 1;  // PN/TSC/IV of group-addressed data
};

enum class ClientState : std::uint8_t { idle, joining, associated };

// How a client's next join ends (IEEE 802.11-2020 12.7.6.1: the authenticator retries message 1 or 3 and gives
// up with reason 15, 4-way handshake timeout).
enum class JoinFate : std::uint8_t {
    complete,
    no_reply_to_m1,    // M1 three times, then a deauthentication
    wrong_passphrase,  // M2 carries a MIC the AP cannot verify: M1, M2, M1, M2, deauthentication
    refused,           // association refused (status 17, AP unable to handle more stations)
};

struct Client {
    MacAddress mac;
    std::uint32_t home_ap = 0;             // the access point it joins
    std::uint32_t remembered_network = 0;  // the SSID of its directed probes (may have no AP here)
    bool joins = true;                     // false: a passer-by that only ever probes
    std::int8_t signal_dbm = -65;
    std::uint8_t antenna = 0;
    std::uint16_t sequence = 0;
    ClientState state = ClientState::idle;
    bool power_save = false;

    // The current (or last) join: which frame comes next and how it ends. `session` changes whenever the
    // client joins or leaves, so frames scheduled for an older session are dropped.
    std::uint32_t session = 0;
    std::uint8_t join_step = 0;
    std::uint8_t retries = 0;
    JoinFate fate = JoinFate::complete;
    bool uses_sae = false;
    std::uint16_t association_id = 0;
    std::uint64_t replay_counter = 0;  // of the EAPOL-Key message in flight
    std::uint64_t packet_number = 1;   // PN/TSC/IV of its protected data
};

struct SiteShape {
    std::uint64_t devices = 50;  // distinct MAC addresses: access points plus clients
    std::uint64_t ssids = 10;
};

class SiteModel {
public:
    static constexpr std::uint64_t kMaxDevices = 16'000'000;  // every device gets a distinct 24-bit MAC suffix
    static constexpr std::uint64_t kMaxSsids = 1'000'000;

    SiteModel(const SiteShape& shape, RandomSource random);

    std::vector<Network> networks;
    std::vector<AccessPoint> access_points;
    std::vector<Client> clients;

    // The access points of network `n` are ap_list[ap_offsets[n] .. ap_offsets[n + 1]); empty for an SSID
    // that is only probed for.
    std::vector<std::uint32_t> ap_offsets;
    std::vector<std::uint32_t> ap_list;

private:
    void make_networks(std::uint64_t count, RandomSource& random);
    void make_access_points(std::uint64_t count, RandomSource& random);
    void make_clients(std::uint64_t first_device, std::uint64_t count, RandomSource& random);
    void index_networks();
    MacAddress device_mac(std::uint64_t device, bool access_point, RandomSource& random) const;

    std::uint32_t mac_multiplier_ = 0;
    std::uint32_t mac_offset_ = 0;
};

}  // namespace kismetcore::synth
