// The 802.11 sub-record of a device (dot11.device.*): its SSIDs, clients, access points and handshakes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kismetcore/common/device_key.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/track/dot11/client_record.h"
#include "kismetcore/track/dot11/handshake_tracker.h"
#include "kismetcore/track/dot11/ssid_records.h"

namespace kismetcore::track::dot11 {

// dot11.device.typeset bits.
namespace typeset {
inline constexpr std::uint64_t kBeaconAp = 1;
inline constexpr std::uint64_t kAdhoc = 2;
inline constexpr std::uint64_t kClient = 4;
inline constexpr std::uint64_t kWired = 8;
inline constexpr std::uint64_t kWds = 16;
inline constexpr std::uint64_t kTurbocell = 32;
inline constexpr std::uint64_t kInferredWireless = 64;
inline constexpr std::uint64_t kInferredWired = 128;
inline constexpr std::uint64_t kProbeAp = 256;
}  // namespace typeset

// Kismet keys its SSID maps by a hash of the SSID; the maps are small, so a vector of (hash, record) pairs in
// insertion order is both lighter and faster than a node map.
template <typename Record>
using SsidMap = std::vector<std::pair<std::uint64_t, Record>>;

struct Dot11Device {
    // Members are ordered hot first: what a packet's update touches lies before `wps_m3_count`, so the ingest
    // thread prefetches those cache lines only (Dot11Tracker::prefetch_sub_records). The field schema gives
    // Kismet's order.
    std::uint64_t typeset = 0;
    std::vector<std::pair<MacAddress, ClientRecord>> client_map;  // keyed by BSSID
    SsidMap<AdvertisedSsid> advertised_ssid_map;
    SsidMap<AdvertisedSsid> responded_ssid_map;
    SsidMap<ProbedSsid> probed_ssid_map;
    std::vector<std::pair<MacAddress, DeviceKey>> associated_client_map;
    std::uint64_t client_disconnects = 0;
    std::uint64_t client_disconnects_last = 0;
    std::uint64_t bss_timestamp = 0;
    std::uint64_t num_fragments = 0;
    std::uint64_t num_retries = 0;
    std::uint64_t datasize = 0;
    std::uint64_t datasize_retry = 0;
    MacAddress last_bssid;
    std::uint64_t last_beacon_timestamp = 0;
    // The SSID record the last beacon or probe response with new elements updated (Kismet's
    // last_beaconed_ssid_record alias, which despite its name also follows probe responses): a beacon or response
    // with the elements that record took last is not decoded again.
    struct SsidRef {
        bool responded = false;  // in responded_ssid_map, else advertised_ssid_map
        std::size_t index = 0;
    };
    std::optional<SsidRef> last_beaconed_ssid;
    std::uint32_t beacon_fingerprint = 0;
    std::uint32_t probe_fingerprint = 0;
    std::uint32_t response_fingerprint = 0;
    // Index into probed_ssid_map of the record last updated (last_probed_ssid_record).
    std::optional<std::size_t> last_probed_ssid;

    // Cold: set by rare frames (WPS, handshakes, capability elements).
    std::uint64_t wps_m3_count = 0;
    std::uint64_t wps_m3_last = 0;
    std::uint8_t min_tx_power = 0;
    std::uint8_t max_tx_power = 0;
    std::uint8_t link_measurement_capable = 0;
    std::uint8_t neighbor_report_capable = 0;
    std::optional<std::vector<double>> supported_channels;
    std::optional<std::vector<std::string>> extended_capabilities;
    // As an access point: EAPOL-Key frames per client, the first PMKID (wpa_handshake_list, pmkid_packet).
    HandshakeTracker handshakes;
    // As a client: the nonces and ANonces of its handshakes (wpa_nonce_list, wpa_anonce_list).
    NonceHistory nonces;

    [[nodiscard]] const AdvertisedSsid* last_beaconed_ssid_record() const noexcept {
        if (!last_beaconed_ssid) return nullptr;
        const auto& map = last_beaconed_ssid->responded ? responded_ssid_map : advertised_ssid_map;
        return last_beaconed_ssid->index < map.size() ? &map[last_beaconed_ssid->index].second : nullptr;
    }

    [[nodiscard]] const ClientRecord* client_of(const MacAddress& bssid) const noexcept {
        for (const auto& [key, record] : client_map)
            if (key == bssid) return &record;
        return nullptr;
    }
};

}  // namespace kismetcore::track::dot11
