// The test records' schemas, declared the way the tracker declares its own, and two sample devices.
#include "test_records.h"

#include <fstream>
#include <sstream>

#include "kismetcore/fields/regex_filter.h"

namespace fields_test {

using kismetcore::fields::FieldOptions;
using kismetcore::fields::FieldType;
using kismetcore::fields::KeyKind;
using kismetcore::fields::MapLayout;
using kismetcore::fields::RecordSchemaBuilder;

MacAddress mac(const char* text) {
    return *MacAddress::parse(text);
}

const RecordSchema& ssid_schema() {
    static const RecordSchema schema =
        RecordSchemaBuilder<TestSsid>("dot11_advertised_ssid")
            .field<&TestSsid::ssid>("dot11.advertisedssid.ssid", "beaconed ssid")
            .field<&TestSsid::ssidlen>("dot11.advertisedssid.ssidlen", "beaconed ssid string length (original bytes)")
            .field<&TestSsid::ssid_hash>("dot11.advertisedssid.ssid_hash", "hash of ssid and length")
            .field<&TestSsid::beacon>("dot11.advertisedssid.beacon", "ssid advertised via beacon")
            .field<&TestSsid::probe_response>("dot11.advertisedssid.probe_response",
                                              "ssid advertised via probe response")
            .field<&TestSsid::channel>("dot11.advertisedssid.channel", "channel")
            .field<&TestSsid::ht_mode>("dot11.advertisedssid.ht_mode", "HT (11n or 11ac) mode")
            .field<&TestSsid::ht_center_1>("dot11.advertisedssid.ht_center_1", "HT/VHT Center Frequency (primary)")
            .field<&TestSsid::ht_center_2>("dot11.advertisedssid.ht_center_2", "HT/VHT Center Frequency (secondary)")
            .field<&TestSsid::first_time>("dot11.advertisedssid.first_time", "first time seen")
            .field<&TestSsid::last_time>("dot11.advertisedssid.last_time", "last time seen")
            .field<&TestSsid::cloaked>("dot11.advertisedssid.cloaked", "SSID is hidden / cloaked")
            .field<&TestSsid::crypt_bitfield>("dot11.advertisedssid.crypt_bitfield", "encryption bitfield")
            .field<&TestSsid::crypt_set>("dot11.advertisedssid.crypt_set", "legacy encryption set")
            .field<&TestSsid::crypt_string>("dot11.advertisedssid.crypt_string", "encryption description")
            .field<&TestSsid::maxrate>("dot11.advertisedssid.maxrate", "advertised maximum rate")
            .field<&TestSsid::beaconrate>("dot11.advertisedssid.beaconrate", "beacon rate")
            .field<&TestSsid::beacons_sec>("dot11.advertisedssid.beacons_sec", "beacons seen in past second")
            .field<&TestSsid::ietag_checksum>("dot11.advertisedssid.ietag_checksum", "checksum of all ie tags")
            .field<&TestSsid::wpa_mfp_required>("dot11.advertisedssid.wpa_mfp_required",
                                                "WPA management protection required")
            .field<&TestSsid::wpa_mfp_supported>("dot11.advertisedssid.wpa_mfp_supported",
                                                 "WPA management protection supported")
            .field<&TestSsid::dot11r_mobility>("dot11.advertisedssid.dot11r_mobility",
                                               "advertised dot11r mobility support")
            .field<&TestSsid::dot11r_mobility_domain_id>("dot11.advertisedssid.dot11r_mobility_domain_id",
                                                         "advertised dot11r mobility domain id")
            .field<&TestSsid::dot11e_qbss>("dot11.advertisedssid.dot11e_qbss", "SSID advertises 802.11e QBSS")
            .field<&TestSsid::dot11e_qbss_stations>("dot11.advertisedssid.dot11e_qbss_stations",
                                                    "802.11e QBSS station count")
            .field<&TestSsid::dot11e_channel_utilization_perc>(
                "dot11.advertisedssid.dot11e_channel_utilization_perc",
                "802.11e QBSS reported channel utilization, as percentage")
            .field<&TestSsid::ccx_txpower>("dot11.advertisedssid.ccx_txpower", "Cisco CCX advertised TX power (dBm)")
            .field<&TestSsid::cisco_client_mfp>("dot11.advertisedssid.cisco_client_mfp",
                                                "Cisco client management frame protection")
            .field<&TestSsid::advertised_txpower>("dot11.advertisedssid.advertised_txpower", "advertised TX power")
            .field<&TestSsid::dot11d_country>("dot11.advertisedssid.dot11d_country", "802.11d country")
            .field<&TestSsid::wps, &TestWps::version>("dot11.advertisedssid.wps_version", "WPS version")
            .field<&TestSsid::wps, &TestWps::manuf>("dot11.advertisedssid.wps_manuf", "WPS manufacturer")
            .build();
    return schema;
}

const RecordSchema& eapol_schema() {
    static const RecordSchema schema =
        RecordSchemaBuilder<TestEapol>("dot11_tracked_eapol")
            .field<&TestEapol::timestamp>("dot11.eapol.timestamp", "packet timestamp (second.usecond)")
            .field<&TestEapol::direction>("dot11.eapol.direction", "packet direction (fromds/tods)")
            .field<&TestEapol::message_num>("dot11.eapol.message_num", "handshake message number")
            .field<&TestEapol::replay_counter>("dot11.eapol.replay_counter", "eapol frame replay counter")
            .field<&TestEapol::install>("dot11.eapol.install", "eapol rsn key install")
            .field<&TestEapol::nonce>("dot11.eapol.nonce", "eapol rsn nonce", {.type = FieldType::byte_array})
            .field<&TestEapol::rsn_pmkid>("dot11.eapol.rsn_pmkid", "eapol rsn pmkid", {.type = FieldType::byte_array})
            .build();
    return schema;
}

const RecordSchema& client_schema() {
    static const RecordSchema schema =
        RecordSchemaBuilder<TestClient>("dot11_client")
            .field<&TestClient::bssid>("dot11.client.bssid", "bssid")
            .field<&TestClient::bssid_key>("dot11.client.bssid_key", "key of BSSID record")
            .field<&TestClient::first_time>("dot11.client.first_time", "first time seen")
            .field<&TestClient::last_time>("dot11.client.last_time", "last time seen")
            .field<&TestClient::type>("dot11.client.type", "type of client")
            .field<&TestClient::dhcp_host>("dot11.client.dhcp_host", "dhcp host")
            .field<&TestClient::decrypted>("dot11.client.decrypted", "client decrypted")
            .build();
    return schema;
}

const RecordSchema& dot11_schema() {
    static const RecordSchema schema =
        RecordSchemaBuilder<TestDot11>("dot11_tracked_device")
            .field<&TestDot11::typeset>("dot11.device.typeset", "type of device")
            .computed("dot11.device.num_advertised_ssids", "number of advertised SSIDs",
                      [](const TestDot11& d) { return static_cast<std::uint64_t>(d.advertised_ssid_map.size()); })
            .field<&TestDot11::associated_client_map>("dot11.device.associated_client_map", "associated clients")
            .record<&TestDot11::advertised_ssid_map>("dot11.device.advertised_ssid_map", "advertised SSIDs",
                                                     ssid_schema(), {.layout = MapLayout::values_array})
            .computed_record("dot11.device.last_beaconed_ssid_record", "last beaconed ssid", ssid_schema(),
                             [](const TestDot11& d) -> const TestSsid* {
                                 if (!d.last_beaconed_ssid || *d.last_beaconed_ssid >= d.advertised_ssid_map.size())
                                     return nullptr;
                                 return &d.advertised_ssid_map[*d.last_beaconed_ssid].second;
                             })
            .record<&TestDot11::client_map>("dot11.device.client_map", "client behavior", client_schema())
            .record<&TestDot11::wpa_handshake_list>("dot11.device.wpa_handshake_list", "WPA handshakes", eapol_schema())
            .field<&TestDot11::supported_channels>("dot11.device.supported_channels", "advertised supported channels")
            .build();
    return schema;
}

const RecordSchema& location_schema() {
    static const RecordSchema schema =
        RecordSchemaBuilder<TestLocation>("kis_tracked_location_triplet")
            .field<&TestLocation::geopoint>("kismet.common.location.geopoint", "location (lon, lat)")
            .field<&TestLocation::alt>("kismet.common.location.alt", "altitude (meters)")
            .build();
    return schema;
}

const RecordSchema& device_schema() {
    static const RecordSchema schema =
        RecordSchemaBuilder<TestDevice>("kis_tracked_device_base")
            .field<&TestDevice::key>("kismet.device.base.key", "unique device key across phy and server")
            .field<&TestDevice::macaddr>("kismet.device.base.macaddr", "mac address")
            .field<&TestDevice::related_devices>("kismet.device.base.related_devices", "related devices")
            .field<&TestDevice::name>("kismet.device.base.name", "printable device name")
            .field<&TestDevice::username>("kismet.device.base.username", "user name")
            .computed("kismet.device.base.commonname", "common name alias of custom or device names",
                      [](const TestDevice& d) -> std::string {
                          if (d.username) return *d.username;
                          if (!d.name.empty()) return d.name;
                          return d.macaddr.to_upper_string();
                      })
            .field<&TestDevice::type>("kismet.device.base.type", "printable device type")
            .field<&TestDevice::packets, &TestCounters::total>("kismet.device.base.packets.total",
                                                               "total packets seen of all types")
            .field<&TestDevice::packets, &TestCounters::data>("kismet.device.base.packets.data", "data packets")
            .field<&TestDevice::frequency>("kismet.device.base.frequency", "frequency")
            .field<&TestDevice::freq_khz_map>("kismet.device.base.freq_khz_map", "packets seen per frequency (khz)")
            .field<&TestDevice::tags>("kismet.device.base.tags", "set of arbitrary tags, including user notes")
            .record<&TestDevice::location>("kismet.device.base.location", "location", location_schema())
            .record<&TestDevice::dot11>("dot11.device", "IEEE802.11 device", dot11_schema())
            .field<&TestDevice::phyname>("kismet.device.base.phyname", "phy name")
            .field<&TestDevice::minute_vec>("kismet.common.rrd.minute_vec", "past minute values per second")
            .field<&TestDevice::server_uuid>("kismet.server.uuid", "unique server UUID", {.type = FieldType::uuid})
            .field<&TestDevice::ipv4>("kismet.common.ipdata.address", "ip address", {.type = FieldType::ipv4})
            .field<&TestDevice::ie_tag_list>("dot11.advertisedssid.ie_tag_list", "802.11 IE tag list")
            .field<&TestDevice::hashed_names>("test.hashed_names", "names by hash")
            .field<&TestDevice::seen_by_number>("test.seen_by_number", "numbers seen",
                                                {.layout = MapLayout::keys_array})
            .field<&TestDevice::severity>("kismet.alert.severity", "severity",
                                          {.search_text = &kismetcore::fields::alert_severity_search_text})
            .build();
    return schema;
}

const kismetcore::fields::FieldCatalog& device_catalog() {
    static const kismetcore::fields::FieldCatalog catalog{&device_schema()};
    return catalog;
}

namespace {

TestSsid linksys_ssid() {
    TestSsid ssid;
    ssid.ssid = "linksys";
    ssid.ssidlen = 7;
    ssid.ssid_hash = 1767661273;
    ssid.beacon = 1;
    ssid.first_time = 1146709924;
    ssid.last_time = 1146709934;
    ssid.crypt_bitfield = 274911461894;
    ssid.crypt_set = 134217952;
    ssid.crypt_string = "WPA1 WPA1-PSK TKIP";
    ssid.maxrate = 11;
    ssid.beaconrate = 10;
    ssid.beacons_sec = 98;
    ssid.ietag_checksum = 68241300;
    ssid.dot11d_country = "US";
    return ssid;
}

}  // namespace

TestDevice linksys_access_point() {
    TestDevice device;
    device.macaddr = mac("00:0B:86:C2:A4:85");
    device.key = DeviceKey(kismetcore::kDot11PhyHash, device.macaddr);
    device.name = "linksys";
    device.type = "Wi-Fi AP";
    device.packets.total = 109;
    device.packets.data = 4;
    device.dot11 = std::make_unique<TestDot11>();
    auto& dot11 = *device.dot11;
    dot11.typeset = 259;
    for (const char* client : {"00:13:CE:55:98:EF", "00:0F:66:E3:E4:01", "00:14:BF:0F:03:30"})
        dot11.associated_client_map.emplace_back(mac(client), DeviceKey(kismetcore::kDot11PhyHash, mac(client)));
    dot11.advertised_ssid_map.emplace_back(1767661273, linksys_ssid());
    dot11.last_beaconed_ssid = 0;
    return device;
}

TestDevice sample_client() {
    TestDevice device;
    device.macaddr = mac("00:13:CE:55:98:EF");
    device.key = DeviceKey(kismetcore::kDot11PhyHash, device.macaddr);
    device.type = "Wi-Fi Client";
    device.packets.total = 283;
    device.frequency = 2437000;
    device.freq_khz_map = {{2437000, 32}, {2412500.5, 1.25}};
    device.tags = std::make_unique<std::map<std::string, std::string, std::less<>>>();
    (*device.tags)["notes"] = "seen \"twice\"\n";
    device.related_devices["dot11_uuid_e"] = {DeviceKey(kismetcore::kDot11PhyHash, mac("00:0B:86:C2:A4:85"))};
    device.location = TestLocation{{-122.5, 37.25}, std::nullopt};
    device.dot11 = std::make_unique<TestDot11>();
    auto& dot11 = *device.dot11;
    dot11.typeset = 4;
    TestClient client;
    client.bssid = mac("28:10:7B:94:BB:29");
    client.bssid_key = DeviceKey(kismetcore::kDot11PhyHash, client.bssid);
    client.first_time = 1537621369;
    client.last_time = 1537621371;
    dot11.client_map.emplace(client.bssid, client);
    TestEapol eapol;
    eapol.timestamp = 1537621378.713335;
    eapol.direction = 1;
    eapol.message_num = 1;
    eapol.replay_counter = 1;
    eapol.nonce = {0x98, 0xD2, 0x84, 0xA8};
    dot11.wpa_handshake_list[mac("7C:64:56:8A:D6:7C")].push_back(eapol);
    dot11.supported_channels = std::vector<double>{1, 6, 11.5};
    device.minute_vec = {0, 587, 9.783333, 0.5};
    device.server_uuid = {0xC6, 0x4F, 0x38, 0xFE, 0xE6, 0x97, 0x11, 0xF1,
                          0xB4, 0xBA, 0x4B, 0x49, 0x53, 0x4D, 0x45, 0x54};
    device.ipv4 = 0xC0A80001;
    device.ie_tag_list = {0, 1, 221};
    device.hashed_names[0xFFFFFFFFFFFFFFFEull] = "negative";
    device.seen_by_number = {{3, "c"}, {1, "a"}};
    device.severity = 15;
    return device;
}

std::string read_kismet_sample(const std::string& relative_path) {
#ifdef KISMETCORE_KISMET_SAMPLES
    std::ifstream file(std::string(KISMETCORE_KISMET_SAMPLES) + "/" + relative_path);
#else
    std::ifstream file(std::string(KISMETCORE_SHARED_CAPTURES) + "/../reference/kismet-samples/" + relative_path);
#endif
    if (!file) return {};
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

}  // namespace fields_test
