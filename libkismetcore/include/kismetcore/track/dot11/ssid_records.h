// The SSID records of an 802.11 device: dot11.advertisedssid.* (beacons, probe responses) and dot11.probedssid.*.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kismetcore/common/mac_address.h"

namespace kismetcore::track::dot11 {

// One 802.11d country triplet (dot11.11d.*).
struct CountryTriplet {
    std::uint32_t start_channel = 0;
    std::uint32_t num_channels = 0;
    std::int32_t tx_power = 0;
};

// What WPS says about a network or a probing client (the nine dot11.*.wps_* fields, all dynamic in Kismet). Few
// devices send WPS and the record is 208 bytes, so the SSID records hold it behind a pointer.
struct WpsInfo {
    std::uint8_t version = 0;
    std::uint32_t state = 0;  // Kismet's bits: 1 configured, 2 not configured, 4 AP setup locked
    std::uint16_t config_methods = 0;
    std::string manuf;
    std::string device_name;
    std::string model_name;
    std::string model_number;
    std::string serial_number;
    std::string uuid_e;  // hex
};

// An SSID as an access point advertises it, in beacons (advertised_ssid_map) or probe responses
// (responded_ssid_map). Kismet uses the same record type for both.
struct AdvertisedSsid {
    std::string ssid;  // Kismet-munged text (see ssid_text.h)
    std::uint32_t ssidlen = 0;
    std::uint64_t ssid_hash = 0;
    std::uint8_t beacon = 0;
    std::uint8_t probe_response = 0;
    std::string channel;
    std::string ht_mode;
    std::uint64_t ht_center_1 = 0;
    std::uint64_t ht_center_2 = 0;
    std::uint64_t first_time = 0;
    std::uint64_t last_time = 0;
    std::optional<std::string> beacon_info;
    std::uint8_t cloaked = 0;
    std::uint64_t crypt_bitfield = 0;
    std::uint64_t crypt_set = 0;  // Kismet's legacy crypt enum
    std::string crypt_string;
    double maxrate = 0;
    std::uint32_t beaconrate = 0;
    std::uint32_t beacons_sec = 0;
    std::uint32_t ietag_checksum = 0;
    std::uint8_t wpa_mfp_required = 0;
    std::uint8_t wpa_mfp_supported = 0;
    std::uint8_t dot11r_mobility = 0;
    std::uint16_t dot11r_mobility_domain_id = 0;
    std::uint8_t dot11e_qbss = 0;
    std::uint16_t dot11e_qbss_stations = 0;
    double dot11e_channel_utilization_perc = 0;
    std::uint8_t ccx_txpower = 0;
    std::uint8_t cisco_client_mfp = 0;
    std::uint8_t advertised_txpower = 0;
    std::optional<std::string> dot11d_country;
    std::vector<CountryTriplet> dot11d_list;
    std::unique_ptr<WpsInfo> wps;
    std::optional<std::vector<std::uint8_t>> ie_tag_list;
    std::optional<std::string> meshid;

    // Bookkeeping for beacons_sec: beacons counted in the current second of packet time.
    std::uint64_t beacon_second = 0;
    std::uint32_t beacons_this_second = 0;

    // Bookkeeping for frames that repeat the elements of the last frame applied to this record (not fields): the
    // byte digest of that frame's checksummed bytes (what ietag_checksum covers), what its crypt bits came from
    // besides them (see crypt_source in dot11_ssid_updates.cpp), and, for beacons, the fingerprint of its elements.
    std::uint64_t elements_digest = 0;
    std::uint32_t crypt_source = 0;
    std::uint32_t elements_fingerprint = 0;
};

// An SSID a client asked for in a probe request.
struct ProbedSsid {
    std::string ssid;
    std::uint32_t ssidlen = 0;
    std::uint64_t ssid_hash = 0;
    MacAddress bssid;
    std::uint64_t first_time = 0;
    std::uint64_t last_time = 0;
    std::optional<std::uint8_t> dot11r_mobility;
    std::optional<std::uint16_t> dot11r_mobility_domain_id;
    std::uint64_t crypt_bitfield = 0;
    std::uint64_t crypt_set = 0;
    std::string crypt_string;
    std::uint8_t wpa_mfp_required = 0;
    std::uint8_t wpa_mfp_supported = 0;
    std::optional<std::vector<std::uint8_t>> ie_tag_list;
    std::unique_ptr<WpsInfo> wps;

    // Bookkeeping for requests that repeat the elements of the last request applied to this record (not fields):
    // the byte digest of those elements and their probe fingerprint.
    std::uint64_t elements_digest = 0;
    std::uint32_t elements_fingerprint = 0;
};

}  // namespace kismetcore::track::dot11
