// Kismet's names, descriptions and order for the 802.11 records' fields (order as Kismet's samples show them).
#include "kismetcore/track/dot11/dot11_schemas.h"

#include <optional>
#include <span>
#include <string>

#include "kismetcore/common/hex_digits.h"
#include "kismetcore/fields/record_schema_builder.h"
#include "kismetcore/track/common_record_schemas.h"
#include "kismetcore/track/dot11/handshake_tracker.h"

// A HandshakeTracker iterates as (client MAC, key frame records) pairs: Kismet's wpa_handshake_list map.
template <>
struct kismetcore::fields::schema_detail::IsAssociative<kismetcore::track::dot11::HandshakeTracker> : std::true_type {};
#include "kismetcore/track/dot11/dot11_device.h"

namespace kismetcore::track::dot11 {
namespace {

using fields::FieldOptions;
using fields::FieldType;
using fields::KeyKind;
using fields::MapLayout;
using fields::RecordSchemaBuilder;

constexpr FieldOptions kAsValues{.layout = MapLayout::values_array};

// The nine WPS fields, dynamic in Kismet: present once a WPS element was seen.
template <typename Record>
void add_wps_fields(RecordSchemaBuilder<Record>& builder, const std::string& prefix) {
    builder
        .computed(prefix + "wps_version", "WPS version",
                  [](const Record& r) { return r.wps ? std::optional<std::uint8_t>(r.wps->version) : std::nullopt; })
        .computed(prefix + "wps_state", "bitfield wps state",
                  [](const Record& r) { return r.wps ? std::optional<std::uint32_t>(r.wps->state) : std::nullopt; })
        .computed(
            prefix + "wps_config_methods", "bitfield wps config methods",
            [](const Record& r) { return r.wps ? std::optional<std::uint16_t>(r.wps->config_methods) : std::nullopt; })
        .computed(prefix + "wps_manuf", "WPS manufacturer",
                  [](const Record& r) {
                      return r.wps && !r.wps->manuf.empty() ? std::optional<std::string>(r.wps->manuf) : std::nullopt;
                  })
        .computed(prefix + "wps_device_name", "wps device name",
                  [](const Record& r) {
                      return r.wps && !r.wps->device_name.empty() ? std::optional<std::string>(r.wps->device_name)
                                                                  : std::nullopt;
                  })
        .computed(prefix + "wps_model_name", "wps model name",
                  [](const Record& r) {
                      return r.wps && !r.wps->model_name.empty() ? std::optional<std::string>(r.wps->model_name)
                                                                 : std::nullopt;
                  })
        .computed(prefix + "wps_model_number", "wps model number",
                  [](const Record& r) {
                      return r.wps && !r.wps->model_number.empty() ? std::optional<std::string>(r.wps->model_number)
                                                                   : std::nullopt;
                  })
        .computed(prefix + "wps_serial_number", "wps serial number",
                  [](const Record& r) {
                      return r.wps && !r.wps->serial_number.empty() ? std::optional<std::string>(r.wps->serial_number)
                                                                    : std::nullopt;
                  })
        .computed(prefix + "wps_uuid_e", "wps uuid", [](const Record& r) {
            return r.wps && !r.wps->uuid_e.empty() ? std::optional<std::string>(r.wps->uuid_e) : std::nullopt;
        });
}

fields::RecordSchema build_advertised_ssid_schema() {
    using R = AdvertisedSsid;
    RecordSchemaBuilder<R> b("dot11.advertisedssid");
    b.field<&R::ssid>("dot11.advertisedssid.ssid", "beaconed ssid")
        .field<&R::ssidlen>("dot11.advertisedssid.ssidlen", "beaconed ssid string length (original bytes)")
        .field<&R::ssid_hash>("dot11.advertisedssid.ssid_hash", "hash of ssid and length")
        .field<&R::beacon>("dot11.advertisedssid.beacon", "ssid advertised via beacon")
        .field<&R::probe_response>("dot11.advertisedssid.probe_response", "ssid advertised via probe response")
        .field<&R::channel>("dot11.advertisedssid.channel", "channel")
        .field<&R::ht_mode>("dot11.advertisedssid.ht_mode", "HT (11n or 11ac) mode")
        .field<&R::ht_center_1>("dot11.advertisedssid.ht_center_1", "HT/VHT Center Frequency (primary)")
        .field<&R::ht_center_2>("dot11.advertisedssid.ht_center_2",
                                "HT/VHT Center Frequency (secondary, for 80+80 Wave2)")
        .field<&R::first_time>("dot11.advertisedssid.first_time", "first time seen")
        .field<&R::last_time>("dot11.advertisedssid.last_time", "last time seen")
        .field<&R::beacon_info>("dot11.advertisedssid.beacon_info", "beacon info / vendor description")
        .field<&R::cloaked>("dot11.advertisedssid.cloaked", "SSID is hidden / cloaked")
        .field<&R::crypt_bitfield>("dot11.advertisedssid.crypt_bitfield", "bitfield of encryption options")
        .field<&R::crypt_set>("dot11.advertisedssid.crypt_set", "legacy crypt set")
        .field<&R::crypt_string>("dot11.advertisedssid.crypt_string", "encryption string")
        .field<&R::maxrate>("dot11.advertisedssid.maxrate", "advertised maximum rate")
        .field<&R::beaconrate>("dot11.advertisedssid.beaconrate", "beacon rate")
        .field<&R::beacons_sec>("dot11.advertisedssid.beacons_sec", "beacons seen in past second")
        .field<&R::ietag_checksum>("dot11.advertisedssid.ietag_checksum", "checksum of all ie tags")
        .field<&R::wpa_mfp_required>("dot11.advertisedssid.wpa_mfp_required", "WPA management protection required")
        .field<&R::wpa_mfp_supported>("dot11.advertisedssid.wpa_mfp_supported", "WPA management protection supported")
        .field<&R::dot11r_mobility>("dot11.advertisedssid.dot11r_mobility", "advertised dot11r mobility support")
        .field<&R::dot11r_mobility_domain_id>("dot11.advertisedssid.dot11r_mobility_domain_id",
                                              "advertised dot11r mobility domain id")
        .field<&R::dot11e_qbss>("dot11.advertisedssid.dot11e_qbss", "SSID advertises 802.11e QBSS")
        .field<&R::dot11e_qbss_stations>("dot11.advertisedssid.dot11e_qbss_stations", "802.11e QBSS station count")
        .field<&R::dot11e_channel_utilization_perc>("dot11.advertisedssid.dot11e_channel_utilization_perc",
                                                    "802.11e QBSS reported channel utilization, as percentage")
        .field<&R::ccx_txpower>("dot11.advertisedssid.ccx_txpower", "Cisco CCX advertised TX power (dBm)")
        .field<&R::cisco_client_mfp>("dot11.advertisedssid.cisco_client_mfp",
                                     "Cisco client management frame protection")
        .field<&R::advertised_txpower>("dot11.advertisedssid.advertised_txpower", "Advertised TX power")
        .field<&R::dot11d_country>("dot11.advertisedssid.dot11d_country", "802.11d country");
    b.computed_record("dot11.advertisedssid.dot11d_list", "802.11d channel list", country_triplet_schema(),
                      [](const R& r) { return r.dot11d_list.empty() ? nullptr : &r.dot11d_list; });
    add_wps_fields(b, "dot11.advertisedssid.");
    b.field<&R::ie_tag_list>("dot11.advertisedssid.ie_tag_list", "802.11 IE tag list in beacon")
        .field<&R::meshid>("dot11.advertisedssid.dot11s.meshid", "802.11s mesh id");
    return b.build();
}

fields::RecordSchema build_probed_ssid_schema() {
    using R = ProbedSsid;
    RecordSchemaBuilder<R> b("dot11.probedssid");
    b.field<&R::ssid>("dot11.probedssid.ssid", "probed ssid string (sanitized)")
        .field<&R::ssidlen>("dot11.probedssid.ssidlen", "probed ssid string length (original bytes)")
        .field<&R::bssid>("dot11.probedssid.bssid", "probed ssid BSSID")
        .field<&R::first_time>("dot11.probedssid.first_time", "first time probed")
        .field<&R::last_time>("dot11.probedssid.last_time", "last time probed")
        .field<&R::dot11r_mobility>("dot11.probedssid.dot11r_mobility", "advertised dot11r mobility support")
        .field<&R::dot11r_mobility_domain_id>("dot11.probedssid.dot11r_mobility_domain_id",
                                              "advertised dot11r mobility domain id")
        .field<&R::crypt_bitfield>("dot11.probedssid.crypt_bitfield", "requested encryption set")
        .field<&R::crypt_set>("dot11.probedssid.crypt_set", "legacy requested encryption set")
        .field<&R::crypt_string>("dot11.probedssid.crypt_string", "requested encryption string")
        .field<&R::wpa_mfp_required>("dot11.probedssid.wpa_mfp_required", "WPA management protection required")
        .field<&R::wpa_mfp_supported>("dot11.probedssid.wpa_mfp_supported", "WPA management protection supported")
        .field<&R::ie_tag_list>("dot11.probedssid.ie_tag_list", "802.11 IE tag list in probe");
    add_wps_fields(b, "dot11.probedssid.");
    return b.build();
}

fields::RecordSchema build_client_record_schema() {
    using R = ClientRecord;
    return RecordSchemaBuilder<R>("dot11.client")
        .field<&R::bssid>("dot11.client.bssid", "bssid")
        .field<&R::bssid_key>("dot11.client.bssid_key", "key of BSSID record")
        .field<&R::first_time>("dot11.client.first_time", "first time seen")
        .field<&R::last_time>("dot11.client.last_time", "last time seen")
        .field<&R::type>("dot11.client.type", "type of client")
        .field<&R::identity, &ClientIdentity::dhcp_host>("dot11.client.dhcp_host", "dhcp host")
        .field<&R::identity, &ClientIdentity::dhcp_vendor>("dot11.client.dhcp_vendor", "dhcp vendor")
        .field<&R::identity, &ClientIdentity::eap_identity>("dot11.client.eap_identity", "EAP identity")
        .field<&R::identity, &ClientIdentity::cdp_device>("dot11.client.cdp_device", "CDP device")
        .field<&R::identity, &ClientIdentity::cdp_port>("dot11.client.cdp_port", "CDP port")
        .field<&R::decrypted>("dot11.client.decrypted", "client decrypted")
        .record<&R::identity, &ClientIdentity::ipdata>("dot11.client.ipdata", "IPv4 information", ip_data_schema())
        .field<&R::datasize>("dot11.client.datasize", "data in bytes")
        .field<&R::datasize_retry>("dot11.client.datasize_retry", "retry data in bytes")
        .field<&R::num_fragments>("dot11.client.num_fragments", "number of fragmented packets")
        .field<&R::num_retries>("dot11.client.num_retries", "number of retried packets")
        .record<&R::location>("dot11.client.location", "location", location_record_schema())
        .build();
}

fields::RecordSchema build_country_triplet_schema() {
    using R = CountryTriplet;
    return RecordSchemaBuilder<R>("dot11.11d")
        .field<&R::start_channel>("dot11.11d.start_channel", "Starting channel")
        .field<&R::num_channels>("dot11.11d.num_channels", "Number of channels covered")
        .field<&R::tx_power>("dot11.11d.tx_power", "Maximum allowed transmit power")
        .build();
}

template <typename Record>
const SsidMap<Record>* non_empty(const SsidMap<Record>& map) {
    return map.empty() ? nullptr : &map;
}

std::string hex(std::span<const std::uint8_t> bytes) {
    constexpr const char* kDigits = hex::kUpperDigits;
    std::string text;
    text.reserve(bytes.size() * 2);
    for (const std::uint8_t octet : bytes) {
        text += kDigits[octet >> 4];
        text += kDigits[octet & 0x0f];
    }
    return text;
}

fields::RecordSchema build_packet_snapshot_schema() {
    using P = PacketSnapshot;
    return RecordSchemaBuilder<P>("kismet.packet")
        .field<&P::ts_sec>("kismet.packet.ts_sec", "packet timestamp (second)")
        .field<&P::ts_usec>("kismet.packet.ts_usec", "packet timestamp (usec)")
        .field<&P::dlt>("kismet.packet.dlt", "DLT of packet")
        .field<&P::source>("kismet.packet.source", "Source of packet")
        .field<&P::data>("kismet.packet.data", "packet data", FieldOptions{.type = FieldType::byte_array})
        .build();
}

const fields::RecordSchema& packet_snapshot_schema() {
    static const fields::RecordSchema schema = build_packet_snapshot_schema();
    return schema;
}

fields::RecordSchema build_eapol_record_schema() {
    using E = EapolRecord;
    return RecordSchemaBuilder<E>("dot11.eapol")
        .field<&E::timestamp>("dot11.eapol.timestamp", "packet timestamp (second.usecond)")
        .field<&E::direction>("dot11.eapol.direction", "packet direction (fromds/tods)")
        .field<&E::message_num>("dot11.eapol.message_num", "handshake message number")
        .field<&E::replay_counter>("dot11.eapol.replay_counter", "eapol frame replay counter")
        .field<&E::install>("dot11.eapol.install", "eapol rsn key install")
        .computed("dot11.eapol.nonce", "eapol rsn nonce", [](const E& e) { return hex(e.nonce); })
        .computed("dot11.eapol.rsn_pmkid", "eapol rsn pmkid",
                  [](const E& e) { return e.rsn_pmkid ? hex(*e.rsn_pmkid) : std::string(); })
        .record<&E::packet>("dot11.eapol.packet", "EAPOL handshake", packet_snapshot_schema())
        .build();
}

fields::RecordSchema build_nonce_record_schema() {
    using N = NonceRecord;
    return RecordSchemaBuilder<N>("dot11.eapol.nonce")
        .field<&N::timestamp>("dot11.eapol.nonce.timestamp", "packet timestamp (second.usecond)")
        .field<&N::message_num>("dot11.eapol.nonce.message_num", "handshake message number")
        .field<&N::replay_counter>("dot11.eapol.nonce.replay_counter", "eapol frame replay counter")
        .field<&N::install>("dot11.eapol.nonce.install", "eapol rsn key install")
        .computed("dot11.eapol.nonce.nonce", "eapol rsn nonce", [](const N& n) { return hex(n.nonce); })
        .build();
}

const fields::RecordSchema& nonce_record_schema() {
    static const fields::RecordSchema schema = build_nonce_record_schema();
    return schema;
}

fields::RecordSchema build_dot11_device_schema() {
    using R = Dot11Device;
    RecordSchemaBuilder<R> b("dot11.device");
    b.field<&R::typeset>("dot11.device.typeset", "bitset of device type")
        .computed("dot11.device.num_client_aps", "number of APs connected to",
                  [](const R& d) { return static_cast<std::uint64_t>(d.client_map.size()); })
        .computed("dot11.device.num_advertised_ssids", "number of advertised SSIDs",
                  [](const R& d) { return static_cast<std::uint64_t>(d.advertised_ssid_map.size()); })
        .computed("dot11.device.num_responded_ssids", "number of responded SSIDs",
                  [](const R& d) { return static_cast<std::uint64_t>(d.responded_ssid_map.size()); })
        .computed("dot11.device.num_probed_ssids", "number of probed SSIDs",
                  [](const R& d) { return static_cast<std::uint64_t>(d.probed_ssid_map.size()); })
        .computed("dot11.device.num_associated_clients", "number of associated clients",
                  [](const R& d) { return static_cast<std::uint64_t>(d.associated_client_map.size()); })
        .field<&R::client_disconnects>("dot11.device.client_disconnects", "client disconnects in last second")
        .field<&R::client_disconnects_last>("dot11.device.client_disconnects_last", "client disconnects last")
        .field<&R::bss_timestamp>("dot11.device.bss_timestamp", "last BSS timestamp")
        .field<&R::num_fragments>("dot11.device.num_fragments", "number of fragmented packets")
        .field<&R::num_retries>("dot11.device.num_retries", "number of retried packets")
        .field<&R::datasize>("dot11.device.datasize", "data in bytes")
        .field<&R::datasize_retry>("dot11.device.datasize_retry", "retried data in bytes")
        .field<&R::last_beacon_timestamp>("dot11.device.last_beacon_timestamp", "unix timestamp of last beacon frame")
        .field<&R::wps_m3_count>("dot11.device.wps_m3_count", "WPS M3 message count")
        .field<&R::wps_m3_last>("dot11.device.wps_m3_last", "WPS M3 last message")
        .field<&R::min_tx_power>("dot11.device.min_tx_power", "Minimum advertised TX power")
        .field<&R::max_tx_power>("dot11.device.max_tx_power", "Maximum advertised TX power")
        .field<&R::supported_channels>("dot11.device.supported_channels", "Advertised supported channels")
        .field<&R::link_measurement_capable>("dot11.device.link_measurement_capable",
                                             "device advertises link measurement")
        .field<&R::neighbor_report_capable>("dot11.device.neighbor_report_capable", "device advertises neighbor report")
        .field<&R::extended_capabilities>("dot11.device.extended_capabilities", "advertised extended capabilities")
        .field<&R::beacon_fingerprint>("dot11.device.beacon_fingerprint", "beacon fingerprint")
        .field<&R::probe_fingerprint>("dot11.device.probe_fingerprint", "probe (client->ap) fingerprint")
        .field<&R::response_fingerprint>("dot11.device.response_fingerprint", "response (ap->client) fingerprint")
        .field<&R::last_bssid>("dot11.device.last_bssid", "last BSSID");
    b.computed_record(
         "dot11.device.advertised_ssid_map", "advertised SSIDs", advertised_ssid_schema(),
         [](const R& d) { return non_empty(d.advertised_ssid_map); }, kAsValues)
        .computed_record("dot11.device.last_beaconed_ssid_record", "last beaconed ssid, complete record",
                         advertised_ssid_schema(), [](const R& d) { return d.last_beaconed_ssid_record(); })
        .computed_record(
            "dot11.device.responded_ssid_map", "responded SSIDs", advertised_ssid_schema(),
            [](const R& d) { return non_empty(d.responded_ssid_map); }, kAsValues)
        .computed_record(
            "dot11.device.associated_client_map", "associated clients", client_record_schema(),
            [](const R& d) { return d.associated_client_map.empty() ? nullptr : &d.associated_client_map; })
        .computed_record("dot11.device.wpa_handshake_list", "WPA handshakes by client", eapol_record_schema(),
                         [](const R& d) { return d.handshakes.empty() ? nullptr : &d.handshakes; })
        .computed_record("dot11.device.pmkid_packet", "first PMKID packet seen", packet_snapshot_schema(),
                         [](const R& d) { return d.handshakes.pmkid_packet(); })
        .computed_record("dot11.device.wpa_anonce_list", "WPA ANonce list", nonce_record_schema(),
                         [](const R& d) { return d.nonces.anonce_list(); })
        .computed_record("dot11.device.wpa_nonce_list", "WPA nonce list", nonce_record_schema(),
                         [](const R& d) { return d.nonces.nonce_list(); })
        .computed_record("dot11.device.client_map", "client behavior", client_record_schema(),
                         [](const R& d) { return d.client_map.empty() ? nullptr : &d.client_map; })
        .computed_record(
            "dot11.device.probed_ssid_map", "probed SSIDs", probed_ssid_schema(),
            [](const R& d) { return non_empty(d.probed_ssid_map); }, kAsValues)
        .computed_record("dot11.device.last_probed_ssid_record", "last probed ssid, complete record",
                         probed_ssid_schema(), [](const R& d) -> const ProbedSsid* {
                             if (!d.last_probed_ssid || *d.last_probed_ssid >= d.probed_ssid_map.size()) return nullptr;
                             return &d.probed_ssid_map[*d.last_probed_ssid].second;
                         });
    return b.build();
}

}  // namespace

const fields::RecordSchema& eapol_record_schema() {
    static const fields::RecordSchema schema = build_eapol_record_schema();
    return schema;
}

const fields::RecordSchema& advertised_ssid_schema() {
    static const fields::RecordSchema schema = build_advertised_ssid_schema();
    return schema;
}
const fields::RecordSchema& probed_ssid_schema() {
    static const fields::RecordSchema schema = build_probed_ssid_schema();
    return schema;
}
const fields::RecordSchema& client_record_schema() {
    static const fields::RecordSchema schema = build_client_record_schema();
    return schema;
}
const fields::RecordSchema& country_triplet_schema() {
    static const fields::RecordSchema schema = build_country_triplet_schema();
    return schema;
}
const fields::RecordSchema& dot11_device_schema() {
    static const fields::RecordSchema schema = build_dot11_device_schema();
    return schema;
}

}  // namespace kismetcore::track::dot11
