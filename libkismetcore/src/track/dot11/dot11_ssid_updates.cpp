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
#include "track/byte_digest.h"

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

// What Kismet's IE checksum covers: the frame from its element list to the end, FCS included when the capture kept
// it; nothing when the frame is shorter (the checksum is then 0, the CRC-32 of nothing).
std::span<const std::uint8_t> ietag_bytes(const dissect::DissectedPacket& dissected, std::uint8_t subtype) noexcept {
    const std::size_t offset = ietag_offset(subtype);
    const auto bytes = dissected.payload.bytes;
    if (offset == 0 || offset > bytes.size()) return {};
    return bytes.subspan(offset);
}

// Besides the element bytes, what Dot11Packet::crypt_bits reads: the privacy bit, and where the parsed elements
// start and end (the checksummed bytes begin at a fixed offset and may end with an FCS).
std::uint32_t crypt_source(const dissect::Dot11Packet& packet) noexcept {
    const bool privacy = (packet.frame.capability_info.value_or(0) & dissect::dot11::capability::kPrivacy) != 0;
    return (static_cast<std::uint32_t>(packet.elements.raw().size()) << 9) |
           (static_cast<std::uint32_t>(packet.frame.elements_offset & 0xFFu) << 1) | (privacy ? 1u : 0u);
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

// The position of the record whose last frame carried these same elements, or map.size(). Equal elements hold the
// same SSID, so this is the record the SSID keys, found without hashing it.
template <typename Record>
std::size_t find_by_elements(const SsidMap<Record>& map, std::uint64_t digest) noexcept {
    for (std::size_t i = 0; i < map.size(); ++i)
        if (map[i].second.elements_digest == digest) return i;
    return map.size();
}

constexpr std::string_view kOpenText = "Open";  // crypt_string(kOpen)

std::string crypt_text(std::uint64_t bits) {
    // Most probe requests say nothing of encryption: their text needs no formatting.
    if (bits == dissect::crypt::kOpen) return std::string(kOpenText);
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

    // Kismet compares IE checksums; equal bytes have equal checksums, and the digest finds them for a fraction of
    // the CRC's cost, which is then computed only for elements that changed. The checksummed bytes are the element
    // list whenever the list starts where Kismet's checksum does (every well-formed frame), and the packet's
    // digests already hold that list's.
    const auto ietags = ietag_bytes(frame.dissected, frame.header.subtype);
    const bool ietags_are_elements = frame.header.elements_offset == ietag_offset(frame.header.subtype);
    const std::uint64_t digest = ietags_are_elements ? frame.digests.elements : byte_digest(ietags);

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

    if (dot11.last_beaconed_ssid) {
        // The same elements as the last beacon or response Kismet decoded: only times and counts change.
        auto& last_map = dot11.last_beaconed_ssid->responded ? dot11.responded_ssid_map : dot11.advertised_ssid_map;
        if (dot11.last_beaconed_ssid->index < last_map.size()) {
            AdvertisedSsid& last = last_map[dot11.last_beaconed_ssid->index].second;
            if (last.elements_digest == digest) {
                last.last_time = std::max(last.last_time, frame.time);
                if (beacon) count_beacon(last);
                return;
            }
        }
    }

    SsidMap<AdvertisedSsid>& map = beacon ? dot11.advertised_ssid_map : dot11.responded_ssid_map;
    // A record's digest is that of the last frame applied to it, and the fields below that come from the elements
    // alone were set from that frame: the same elements again leave them as they are. What depends on the device
    // (its channel, its beacon fingerprint) or on the fixed fields is updated all the same.
    std::size_t index = find_by_elements(map, digest);
    const bool same_elements = index < map.size();
    const std::uint64_t key = same_elements ? map[index].first : ssid_hash(keyed_ssid(elements));
    if (!same_elements) index = find_index(map, key);
    AdvertisedSsid* record = index < map.size() ? &map[index].second : nullptr;
    const std::uint32_t source = crypt_source(packet);
    // The crypt bits read the elements and the privacy bit only, and the record holds those of its last frame.
    const std::uint64_t crypt =
        same_elements && record->crypt_source == source ? record->crypt_bitfield : packet.crypt_bits();
    const bool new_record = record == nullptr;
    if (new_record) {
        const auto ssid = elements.ssid().bytes;
        const bool nul_ssid = all_nul(ssid);
        AdvertisedSsid created;
        created.ssid_hash = key;
        created.ssid = nul_ssid ? std::string() : munge_to_printable(ssid);
        created.ssidlen = static_cast<std::uint32_t>(ssid.size());
        created.cloaked = ssid.empty() || nul_ssid ? 1 : 0;
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

    if (!same_elements) record->ietag_checksum = dissect::crc32(ietags);
    record->elements_digest = digest;
    record->crypt_source = source;
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
        if (!same_elements)
            record->elements_fingerprint = element_fingerprint(options_.beacon_fingerprint, elements.raw());
        dot11.beacon_fingerprint = record->elements_fingerprint;
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
    auto& map = dot11.probed_ssid_map;
    const std::uint64_t digest = frame.digests.elements;  // of elements.raw()

    // A request that repeats the elements a record took last (a client probing again) names that record, and
    // everything below that the elements set is already set from them: only the time and the last record move,
    // and the fingerprint is that of these same elements.
    std::size_t index = find_by_elements(map, digest);
    if (index < map.size()) {
        ProbedSsid& record = map[index].second;
        record.last_time = std::max(record.last_time, frame.time);
        dot11.last_probed_ssid = index;
        dot11.probe_fingerprint = record.elements_fingerprint;
        return;
    }

    const std::uint64_t key = ssid_hash(keyed_ssid(elements));
    index = find_index(map, key);
    if (index == map.size()) {
        ProbedSsid created;
        created.ssid_hash = key;
        created.ssid = munge_to_printable(elements.ssid().bytes);
        created.ssidlen = static_cast<std::uint32_t>(elements.ssid().bytes.size());
        created.first_time = frame.time;
        map.emplace_back(key, std::move(created));
        if (observer_ != nullptr) observer_->new_probed_ssid(client, index);
    }
    ProbedSsid* record = &map[index].second;
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
    record->elements_digest = digest;
    record->elements_fingerprint = element_fingerprint(options_.probe_fingerprint, elements.raw());
    dot11.probe_fingerprint = record->elements_fingerprint;
}

}  // namespace kismetcore::track::dot11
