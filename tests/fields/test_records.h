// Small record types shaped like the tracker's (nested records, dynamic fields, every map kind) and their schemas.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kismetcore/common/device_key.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/fields/field_catalog.h"
#include "kismetcore/fields/record_schema_builder.h"

namespace fields_test {

using kismetcore::DeviceKey;
using kismetcore::MacAddress;
using kismetcore::fields::GeoPoint;
using kismetcore::fields::RecordSchema;
using kismetcore::fields::UuidBytes;

MacAddress mac(const char* text);

struct TestWps {
    std::uint8_t version = 0;
    std::string manuf;
};

// dot11.advertisedssid.*, every field Kismet's sample prints, in its order.
struct TestSsid {
    std::string ssid;
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
    std::uint8_t cloaked = 0;
    std::uint64_t crypt_bitfield = 0;
    std::uint64_t crypt_set = 0;
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
    std::optional<TestWps> wps;  // flattened: dot11.advertisedssid.wps_* appear only once WPS was seen
};

// dot11.eapol.*: nonce and PMKID are byte arrays printed as hex.
struct TestEapol {
    double timestamp = 0;
    std::uint8_t direction = 0;
    std::uint8_t message_num = 0;
    std::uint64_t replay_counter = 0;
    std::uint8_t install = 0;
    std::vector<std::uint8_t> nonce;
    std::vector<std::uint8_t> rsn_pmkid;
};

struct TestClient {
    MacAddress bssid;
    DeviceKey bssid_key;
    std::uint64_t first_time = 0;
    std::uint64_t last_time = 0;
    std::uint32_t type = 0;
    std::optional<std::string> dhcp_host;
    std::uint8_t decrypted = 0;
};

struct TestDot11 {
    std::uint64_t typeset = 0;
    std::vector<std::pair<MacAddress, DeviceKey>> associated_client_map;  // sorted vector of pairs as a map
    std::vector<std::pair<std::uint64_t, TestSsid>> advertised_ssid_map;  // hashkey map serialized as a vector
    std::map<MacAddress, TestClient> client_map;
    std::map<MacAddress, std::vector<TestEapol>> wpa_handshake_list;
    std::optional<std::vector<double>> supported_channels;
    std::optional<std::size_t> last_beaconed_ssid;  // index into advertised_ssid_map
};

struct TestLocation {
    GeoPoint geopoint{};
    std::optional<double> alt;
};

struct TestCounters {
    std::uint64_t total = 0;
    std::uint64_t data = 0;
};

struct TestDevice {
    DeviceKey key;
    MacAddress macaddr;
    std::string_view phyname = "IEEE802.11";
    std::string name;
    std::optional<std::string> username;
    std::string_view type = "Wi-Fi Device";
    TestCounters packets;
    double frequency = 0;
    std::map<double, double> freq_khz_map;
    std::unique_ptr<std::map<std::string, std::string, std::less<>>> tags;
    std::map<std::string, std::vector<DeviceKey>> related_devices;
    std::optional<TestLocation> location;
    std::unique_ptr<TestDot11> dot11;
    std::array<double, 4> minute_vec{};
    UuidBytes server_uuid{};
    std::uint32_t ipv4 = 0;
    std::vector<std::uint8_t> ie_tag_list;
    std::unordered_map<std::uint64_t, std::string> hashed_names;  // signed hash keys
    std::map<int, std::string> seen_by_number;                    // integer keys, printed as the keys array
    std::uint8_t severity = 0;
};

const RecordSchema& ssid_schema();
const RecordSchema& eapol_schema();
const RecordSchema& client_schema();
const RecordSchema& dot11_schema();
const RecordSchema& location_schema();
const RecordSchema& device_schema();
const kismetcore::fields::FieldCatalog& device_catalog();

// The access point 00:0B:86:C2:A4:85 of Kismet's wpa-psk-linksys sample (as far as these records reach).
TestDevice linksys_access_point();
// A client of it with the other shapes filled in.
TestDevice sample_client();

// The file of Kismet's samples, or empty when the steering repository is not next to the build.
std::string read_kismet_sample(const std::string& relative_path);

}  // namespace fields_test
