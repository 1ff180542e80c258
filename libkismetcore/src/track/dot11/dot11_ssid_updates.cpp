// Kismet's handle_ssid and handle_probed_ssid: the SSID records of access points and of probing clients.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "decimal_text.h"
#include "dot11_tracker_frame.h"
#include "kismetcore/dissect/crypt_set.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/dissect/fcs.h"
#include "kismetcore/track/dot11/dot11_device.h"
#include "kismetcore/track/dot11/element_hashes.h"
#include "kismetcore/track/dot11/legacy_crypt.h"
#include "kismetcore/track/dot11/max_rate.h"
#include "kismetcore/track/printable_text.h"

namespace kismetcore::track::dot11 {
namespace {

namespace mgmt = dissect::dot11::management;

// Where Kismet starts its IE checksum: the element list of each subtype (header + fixed fields).
std::size_t ietag_offset(std::uint8_t subtype) noexcept {
    switch (subtype) {
        case mgmt::kBeacon:
        case mgmt::kProbeResponse:
            return 36;
        case mgmt::kProbeRequest:
            return 24;
        case mgmt::kAssociationRequest:
            return 28;
        case mgmt::kReassociationRequest:
            return 34;
        default:
            return 0;
    }
}

// CRC-32 of the frame from its element list to the end, FCS included when the capture kept it.
std::uint32_t ietag_checksum(const dissect::DissectedPacket& dissected, std::uint8_t subtype) noexcept {
    const std::size_t offset = ietag_offset(subtype);
    const auto bytes = dissected.payload.bytes;
    if (offset == 0 || offset > bytes.size()) return 0;
    return dissect::crc32(bytes.subspan(offset));
}

// The SSID map key and the SSID bytes Kismet hashes: the SSID, or the Mesh ID when the SSID is empty.
std::span<const std::uint8_t> keyed_ssid(const dissect::InformationElements& elements) noexcept {
    if (elements.ssid().bytes.empty() && elements.mesh_id().present) return elements.mesh_id().bytes;
    return elements.ssid().bytes;
}

bool all_nul(std::span<const std::uint8_t> bytes) noexcept {
    return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

// The position of the record keyed `key`, or map.size() when there is none.
template <typename Record>
std::size_t find_index(const SsidMap<Record>& map, std::uint64_t key) noexcept {
    for (std::size_t i = 0; i < map.size(); ++i)
        if (map[i].first == key) return i;
    return map.size();
}

std::string crypt_text(std::uint64_t bits) {
    dissect::CryptText buffer;
    return std::string(dissect::crypt_string(bits, buffer));
}

void fill_wps(std::unique_ptr<WpsInfo>& target, const dissect::InformationElements& elements) {
    const auto& wps = elements.wps();
    if (!wps) return;
    if (!target) target = std::make_unique<WpsInfo>();
    WpsInfo& info = *target;
    if (wps->version) info.version = *wps->version;
    // Kismet keeps the state as bits: configured 1, not configured 2, AP setup locked 4.
    if (wps->state || wps->ap_setup_locked) {
        info.state = 0;
        if (wps->state == dissect::wps_state::kConfigured) info.state |= 1;
        if (wps->state == dissect::wps_state::kNotConfigured) info.state |= 2;
        if (wps->ap_setup_locked.value_or(false)) info.state |= 4;
    }
    if (wps->config_methods) info.config_methods = *wps->config_methods;
    if (wps->manufacturer) info.manuf = munge_to_printable(wps->manufacturer->bytes);
    if (wps->device_name) info.device_name = munge_to_printable(wps->device_name->bytes);
    if (wps->model_name) info.model_name = munge_to_printable(wps->model_name->bytes);
    if (wps->model_number) info.model_number = munge_to_printable(wps->model_number->bytes);
    if (wps->serial_number) info.serial_number = munge_to_printable(wps->serial_number->bytes);
}

std::optional<std::vector<std::uint8_t>> tag_list(const dissect::InformationElements& elements) {
    std::vector<std::uint8_t> tags;
    for (const auto& tag : elements.tags()) tags.push_back(tag.number);
    return tags;
}

// HT/VHT operation: the record's channel, ht_mode and centre frequencies (Kismet sets these from beacons only).
void fill_ht_channel(AdvertisedSsid& record, const dissect::InformationElements& elements) {
    const auto& ht = elements.ht_operation();
    if (!ht || ht->malformed) return;
    assign_decimal(record.channel, ht->primary_channel);
    record.ht_mode = "HT20";
    record.ht_center_1 = 0;
    record.ht_center_2 = 0;
    const auto offset = ht->secondary_channel_offset();
    if (offset == dissect::SecondaryChannelOffset::above) record.ht_mode = "HT40+";
    if (offset == dissect::SecondaryChannelOffset::below) record.ht_mode = "HT40-";
    const auto& vht = elements.vht_operation();
    if (vht && !vht->malformed) {
        if (const auto width = vht->width()) {
            switch (*width) {
                case dissect::ChannelWidth::mhz80:
                    record.ht_mode = "HT80";
                    break;
                case dissect::ChannelWidth::mhz160:
                    record.ht_mode = "HT160";
                    break;
                case dissect::ChannelWidth::mhz80p80:
                    record.ht_mode = "HT80+80";
                    break;
                default:
                    break;
            }
            // Kismet converts both segments, so an unused second segment reads 5000.
            record.ht_center_1 = 5000 + 5ull * vht->center_segment0;
            record.ht_center_2 = 5000 + 5ull * vht->center_segment1;
        }
    }
}

// The fields of an advertised SSID that come from its elements alone.
void update_from_elements(AdvertisedSsid& record, const dissect::InformationElements& elements, bool beacon,
                          const Dot11TrackerOptions& options) {
    const auto& rsn = elements.rsn();
    record.wpa_mfp_required = rsn && rsn->mfp_required() ? 1 : 0;
    record.wpa_mfp_supported = rsn && rsn->mfp_capable() ? 1 : 0;
    record.maxrate = std::max(record.maxrate, max_rate_mbps(elements));
    fill_wps(record.wps, elements);
    if (options.keep_ietags) record.ie_tag_list = tag_list(elements);
    if (!beacon) return;
    if (const auto& mobility = elements.mobility_domain()) {
        record.dot11r_mobility = 1;
        record.dot11r_mobility_domain_id = mobility->mobility_domain_id;
    }
    if (const auto& load = elements.bss_load()) {
        record.dot11e_qbss = 1;
        record.dot11e_qbss_stations = load->station_count;
        record.dot11e_channel_utilization_perc = load->channel_utilization_percent();
    }
    if (const auto& mfp = elements.cisco_client_mfp()) record.cisco_client_mfp = *mfp ? 1 : 0;
    if (const auto& tpc = elements.tpc_report())
        record.advertised_txpower = static_cast<std::uint8_t>(tpc->transmit_power_dbm);
    if (const auto& country = elements.country()) {
        record.dot11d_country = std::string(country->country_code());
        record.dot11d_list.clear();
        if (options.process_11d_country_list)
            for (const auto& triplet : country->triplets)
                if (!triplet.operating())
                    record.dot11d_list.push_back(
                        {triplet.first_channel(), triplet.channel_count(), triplet.max_tx_power_dbm()});
    } else {
        record.dot11d_country = std::string();
    }
    fill_ht_channel(record, elements);
}

}  // namespace

void Dot11Tracker::handle_ssid(Device& ap, Frame& frame) {
    const auto& packet = frame.dissected.dot11;
    if (!packet.has_elements) return;
    const auto& elements = packet.elements;
    const bool beacon = frame.header.subtype == mgmt::kBeacon;
    Dot11Device& dot11 = *ap.dot11;
    if (beacon) {
        if (frame.header.timestamp && frame.roles.distribution != Distribution::adhoc)
            dot11.bss_timestamp = *frame.header.timestamp;
        dot11.last_beacon_timestamp = frame.time;
    }

    const std::uint32_t checksum = ietag_checksum(frame.dissected, frame.header.subtype);

    const auto count_beacon = [&frame](AdvertisedSsid& target) {
        // Beacons per second of packet time: the count of the last complete second.
        if (frame.time != target.beacon_second) {
            if (target.beacon_second != 0) target.beacons_sec = target.beacons_this_second;
            target.beacon_second = frame.time;
            target.beacons_this_second = 0;
        }
        ++target.beacons_this_second;
        target.beacons_sec = std::max(target.beacons_sec, target.beacons_this_second);
    };

    if (dot11.last_advertised_checksum == checksum && dot11.last_beaconed_ssid) {
        // The same elements as the last beacon or response Kismet decoded: only times and counts change.
        auto& last_map = dot11.last_beaconed_ssid->responded ? dot11.responded_ssid_map : dot11.advertised_ssid_map;
        if (dot11.last_beaconed_ssid->index < last_map.size()) {
            AdvertisedSsid& last = last_map[dot11.last_beaconed_ssid->index].second;
            last.last_time = std::max(last.last_time, frame.time);
            if (beacon) count_beacon(last);
            return;
        }
    }

    // Only frames with changed elements need the SSID record, so the shortcut above skips the SSID hash.
    const std::uint64_t key = ssid_hash(keyed_ssid(elements));
    SsidMap<AdvertisedSsid>& map = beacon ? dot11.advertised_ssid_map : dot11.responded_ssid_map;
    std::size_t index = find_index(map, key);
    AdvertisedSsid* record = index < map.size() ? &map[index].second : nullptr;
    const std::uint64_t crypt = packet.crypt_bits();
    const bool new_record = record == nullptr;
    if (new_record) {
        AdvertisedSsid created;
        created.ssid_hash = key;
        created.ssid = all_nul(elements.ssid().bytes) ? std::string() : munge_to_printable(elements.ssid().bytes);
        created.ssidlen = static_cast<std::uint32_t>(elements.ssid().bytes.size());
        created.cloaked = elements.ssid().bytes.empty() || all_nul(elements.ssid().bytes) ? 1 : 0;
        created.first_time = frame.time;
        created.crypt_bitfield = crypt;
        created.crypt_set = legacy_crypt_set(crypt);
        created.crypt_string = crypt_text(crypt);
        if (elements.mesh_id().present) created.meshid = munge_to_printable(elements.mesh_id().bytes);
        map.emplace_back(key, std::move(created));
        record = &map.back().second;
        index = map.size() - 1;
        if (!record->ssid.empty()) ap.name = record->ssid;
        ap.crypt = record->crypt_string;
        if (observer_ != nullptr) observer_->new_advertised_ssid(ap, index, !beacon);
    } else if (record->crypt_bitfield != crypt) {
        record->crypt_bitfield = crypt;
        record->crypt_set = legacy_crypt_set(crypt);
        record->crypt_string = crypt_text(crypt);
        ap.crypt = record->crypt_string;
    }

    // A record's checksum is that of the last frame applied to it, and the fields below that come from the elements
    // alone were set from that frame: the same elements again leave them as they are. What depends on the device
    // (its channel, its beacon fingerprint) or on the fixed fields is updated all the same.
    const bool same_elements = !new_record && record->ietag_checksum == checksum;
    record->ietag_checksum = checksum;
    dot11.last_advertised_checksum = checksum;
    dot11.last_beaconed_ssid = Dot11Device::SsidRef{!beacon, index};
    record->last_time = std::max(record->last_time, frame.time);
    if (!same_elements) update_from_elements(*record, elements, beacon, options_);
    if (elements.ds_channel()) {
        assign_decimal(ap.channel, *elements.ds_channel());
        ap.channel_follows_frequency = false;
    }

    if (beacon) {
        record->beacon = 1;
        count_beacon(*record);
        // With one advertised SSID, the device's last beacon went to this record; its fingerprint then came from
        // these same elements.
        if (!same_elements || map.size() != 1)
            dot11.beacon_fingerprint = element_fingerprint(options_.beacon_fingerprint, packet.elements.raw());
        if (frame.header.beacon_interval && *frame.header.beacon_interval != 0)
            record->beaconrate = static_cast<std::uint32_t>(std::ceil(1.0 / (*frame.header.beacon_interval * 1024e-6)));
    } else {
        record->probe_response = 1;
    }
}

void Dot11Tracker::handle_probed_ssid(Device& client, Frame& frame) {
    const auto& packet = frame.dissected.dot11;
    if (!packet.has_elements) return;
    const auto& elements = packet.elements;
    Dot11Device& dot11 = *client.dot11;
    const auto ssid_bytes = keyed_ssid(elements);
    const std::uint64_t key = ssid_hash(ssid_bytes);
    std::size_t index = find_index(dot11.probed_ssid_map, key);
    if (index == dot11.probed_ssid_map.size()) {
        ProbedSsid created;
        created.ssid_hash = key;
        created.ssid = munge_to_printable(elements.ssid().bytes);
        created.ssidlen = static_cast<std::uint32_t>(elements.ssid().bytes.size());
        created.first_time = frame.time;
        dot11.probed_ssid_map.emplace_back(key, std::move(created));
        if (observer_ != nullptr) observer_->new_probed_ssid(client, index);
    }
    ProbedSsid* record = &dot11.probed_ssid_map[index].second;
    record->last_time = std::max(record->last_time, frame.time);
    dot11.last_probed_ssid = index;
    if (const auto& mobility = elements.mobility_domain()) {
        record->dot11r_mobility = 1;
        record->dot11r_mobility_domain_id = mobility->mobility_domain_id;
    }
    const auto& rsn = elements.rsn();
    record->wpa_mfp_required = rsn && rsn->mfp_required() ? 1 : 0;
    record->wpa_mfp_supported = rsn && rsn->mfp_capable() ? 1 : 0;
    // A request without RSN or WPA elements says nothing about encryption, so it keeps what an earlier
    // association request asked for, as Kismet's records show.
    const std::uint64_t crypt = dissect::crypt_bits(false, elements);
    // Unchanged bits would rebuild the same text.
    if (record->crypt_string.empty() || (crypt != 0 && crypt != record->crypt_bitfield)) {
        record->crypt_bitfield = crypt;
        record->crypt_set = crypt;  // Kismet stores the bitfield here too, not the legacy set
        record->crypt_string = crypt_text(crypt);
    }
    fill_wps(record->wps, elements);
    if (options_.keep_ietags) record->ie_tag_list = tag_list(elements);
    dot11.probe_fingerprint = element_fingerprint(options_.probe_fingerprint, elements.raw());
}

}  // namespace kismetcore::track::dot11
