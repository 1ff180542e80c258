// Kismet's 802.11 classifier: which addresses become devices, and how each packet updates them.
#include "kismetcore/track/dot11/dot11_tracker.h"

#include <algorithm>
#include <limits>
#include <string>

#include "client_identity_filing.h"
#include "decimal_text.h"
#include "dot11_tracker_frame.h"
#include "kismetcore/dissect/channel.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/track/dot11/dot11_device.h"
#include "track/prefetch_lines.h"

namespace kismetcore::track::dot11 {
namespace {

namespace mgmt = dissect::dot11::management;

constexpr std::string_view kTypeDevice = "Wi-Fi Device";
constexpr std::string_view kTypeInferred = "Wi-Fi Device (Inferred)";
constexpr std::string_view kTypeAp = "Wi-Fi AP";
constexpr std::string_view kTypeClient = "Wi-Fi Client";
constexpr std::string_view kTypeAdhoc = "Wi-Fi Ad-Hoc";
constexpr std::string_view kTypeBridged = "Wi-Fi Bridged";
constexpr std::string_view kTypeWds = "Wi-Fi WDS";
constexpr std::string_view kTypeWdsAp = "Wi-Fi WDS AP";

// Kismet's set_type_string_ifnotany: name the type only while the device has none of `mask`'s basic types.
void type_if_none_of(Device& device, std::uint64_t mask, std::string_view type) {
    if ((device.basic_type_set & mask) == 0) device.type = type;
}
// set_type_string_ifonly: name the type only while the device's basic types are all within `mask`.
void type_if_only(Device& device, std::uint64_t mask, std::string_view type) {
    if ((device.basic_type_set & ~mask) == 0) device.type = type;
}

void count_data_sizes(Device* device, const dissect::Dot11Frame& header, std::uint64_t size) {
    if (device == nullptr) return;
    Dot11Device& dot11 = *device->dot11;
    dot11.datasize += size;
    if (header.more_fragments) ++dot11.num_fragments;
    if (header.retry) {
        ++dot11.num_retries;
        dot11.datasize_retry += size;
    }
}

// FrequencyMap::count, through the device's pending block.
void count_frequency(Device& device, std::uint32_t khz) {
    // count() ignores what does not fit Kismet's int cast.
    if (khz >= static_cast<std::uint32_t>(std::numeric_limits<std::int32_t>::max())) return;
    if (!device.pending.holds_frequency(khz)) device.settle();
    device.pending.add_frequency(khz);
}

// SignalRecord::append, through the device's pending block while the record exists and no GPS fix is attached
// (a new maximum with a fix moves peak_loc, which the block does not hold).
void append_signal(Device& device, const Layer1Sample& sample, const GpsFix* gps, bool rrds, std::uint64_t time,
                   std::uint64_t wall_time) {
    PendingPackets& pending = device.pending;
    if (device.signal && gps == nullptr) {
        if (!pending.has_room_for_signal(sample, rrds)) device.settle();
        pending.add_signal(sample, rrds, time);
        return;
    }
    device.settle();
    get_or_create(device.signal).append(sample, gps, rrds, time, WallTime{wall_time, 0});
    pending.signal_applied(device.signal->type);
}

}  // namespace

Dot11Tracker::Dot11Tracker(DeviceTracker& devices, Dot11TrackerOptions options, ManufacturerLookup manufacturer)
    : devices_(devices), options_(std::move(options)), manufacturer_(std::move(manufacturer)) {}

void Dot11Tracker::handle(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                          std::uint64_t wall_time, const GpsFix* gps, const std::array<Device*, 4>* known) {
    handle(packet, dissected, dissect::digest_frame(dissected), wall_time, gps, known);
}

void Dot11Tracker::handle(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                          const dissect::FrameDigests& digests, std::uint64_t wall_time, const GpsFix* gps,
                          const std::array<Device*, 4>* known) {
    if (!dissected.has_dot11) return;
    ++stats_.packets;
    if (dissected.radio.bad_fcs) {
        ++stats_.bad_fcs;
        return;
    }
    if (dissected.error.status != dissect::DissectStatus::ok) {
        ++stats_.corrupt;
        return;
    }
    const dissect::Dot11Frame& header = dissected.dot11.frame;
    if (header.type == dissect::dot11::kTypeControl) {
        ++stats_.control;
        return;
    }
    if (header.type != dissect::dot11::kTypeManagement && header.type != dissect::dot11::kTypeData) {
        ++stats_.not_tracked;
        return;
    }
    if (too_short_for_kismet(header, dissected.payload.bytes.size())) {
        ++stats_.corrupt;
        return;
    }

    Frame frame(packet, dissected, digests);
    start_frame(frame, wall_time, gps, known);
    frame.data = header.type == dissect::dot11::kTypeData;
    frame.null_data = frame.data && (header.subtype & dissect::dot11::data::kNoBodySubtypeBit) != 0;
    if (frame.data) {
        // Kismet's datasize: the captured frame after its MAC header, FCS included when the capture kept it.
        const std::size_t length = dissected.payload.bytes.size();
        frame.data_size = length > header.header_length ? length - header.header_length : 0;
        if (header.protected_frame) frame.basic_crypt = basic_crypt::kEncrypted;
        const dissect::Dot11Packet& dot11 = dissected.dot11;
        if (dot11.has_dhcp && dot11.dhcp.is_discover() && frame.roles.destination.is_broadcast())
            frame.dhcp_discover = &dot11.dhcp;
        if (!header.protected_frame && !header.body.empty()) frame.ip_data = dissect::read_ip_data(header.body);
    }

    if (frame.data)
        handle_data(frame);
    else
        handle_management(frame);
}

void Dot11Tracker::start_frame(Frame& frame, std::uint64_t wall_time, const GpsFix* gps,
                               const std::array<Device*, 4>* known) {
    const capture::Packet& packet = frame.packet;
    frame.time = packet.ts_sec > 0 ? static_cast<std::uint64_t>(packet.ts_sec) : 0;
    frame.wall_time = wall_time;
    frame.gps = gps;
    frame.known = known;
    if (frame.dissected.radio.header != dissect::LinkHeaderType::none)
        frame.layer1 = layer1_sample(frame.dissected.radio);
}

void Dot11Tracker::handle_duplicate(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                                    const dissect::FrameDigests& digests, std::uint64_t wall_time, const GpsFix* gps,
                                    const std::array<Device*, 4>* known) {
    // The frames the full path would drop, Kismet's classifier drops before it looks at duplicates.
    if (!dissected.has_dot11 || dissected.radio.bad_fcs || dissected.error.status != dissect::DissectStatus::ok) return;
    const dissect::Dot11Frame& header = dissected.dot11.frame;
    if (header.type != dissect::dot11::kTypeManagement) return;
    if (too_short_for_kismet(header, dissected.payload.bytes.size())) return;

    Frame frame(packet, dissected, digests);
    start_frame(frame, wall_time, gps, known);
    const FrameRoles& roles = frame.roles;
    // Kismet's duplicate branch also refreshes the BSSID's device, but only when the packet carries the device
    // its original resolved, and in Kismet's answers it never does: on every shared capture the seen-by counts
    // and frequency maps match Kismet's with the BSSID left alone, and 4 devices differ with it updated.
    if (roles.source != roles.bssid) {
        unsigned flags = update::kSeenby | update::kExistingOnly;
        if (roles.distribution == Distribution::to_ds)
            flags |= update::kSignal | update::kFrequencies | update::kLocation;
        update_common(roles.source, flags, kTypeDevice, frame);
    }
    if (roles.destination != roles.source && roles.destination != roles.bssid)
        update_common(roles.destination, update::kSeenby | update::kExistingOnly, kTypeInferred, frame);
}

void Dot11Tracker::prefetch_sub_records(const Device& device) noexcept {
    // The ingest thread is the only writer of these pointers, so it reads them without the device's lock. The
    // hot members come first (dot11_device.h).
    if (const Dot11Device* dot11 = device.dot11.get()) prefetch_lines(dot11, &dot11->wps_m3_count);
}

void Dot11Tracker::prefetch_dependent_records(const Device& device,
                                              const dissect::DissectedPacket& dissected) noexcept {
    const Dot11Device* dot11 = device.dot11.get();
    if (dot11 == nullptr) return;
    __builtin_prefetch(dot11->client_map.data());
    const dissect::Dot11Frame& header = dissected.dot11.frame;
    const bool advertisement = header.type == dissect::dot11::kTypeManagement &&
                               (header.subtype == mgmt::kBeacon || header.subtype == mgmt::kProbeResponse);
    if (!advertisement) return;
    // A frame with the last one's elements updates only last_time and the beacon count of this record; one with
    // changed elements (half of them on kismet-synth's capture) updates almost all of it.
    if (const AdvertisedSsid* ssid = dot11->last_beaconed_ssid_record()) prefetch_lines(ssid, ssid + 1);
}

Device* Dot11Tracker::update_common(const MacAddress& mac, unsigned flags, std::string_view initial_type,
                                    Frame& frame) {
    if (!usable(mac)) return nullptr;
    const DeviceKey key(kDot11PhyHash, mac);
    Device* device = frame.known_device(mac);
    if (device == nullptr) device = devices_.find_for_update(key);
    if (device == nullptr) {
        if ((flags & update::kExistingOnly) != 0) return nullptr;
        // A new device is locked and filled before the index publishes it, and stays locked until the packet is
        // applied, so no reader ever sees a device without its first packet.
        auto created = devices_.make_device(key, kPhyName);
        frame.lock(*created);
        created->first_time = frame.time;
        created->type = initial_type;
        created->dot11 = std::make_unique<Dot11Device>();
        if (manufacturer_) created->manuf = manufacturer_(mac);
        device = devices_.publish(std::move(created));
        if (observer_ != nullptr) observer_->new_device(*device);
    } else {
        frame.lock(*device);
    }

    device->mod_time = frame.wall_time;
    device->last_time = std::max(device->last_time, frame.time);
    const TrackerConfig& config = devices_.config();
    const bool rrds = config.track_device_rrds;
    if ((flags & update::kPackets) != 0) {
        ++device->packets.total;
        auto direction = PacketRrds::Direction::neither;
        if (mac == frame.roles.source || mac == frame.roles.transmitter) {
            ++device->packets.tx_total;
            direction = PacketRrds::Direction::tx;
        } else if (mac == frame.roles.destination) {
            ++device->packets.rx_total;
            direction = PacketRrds::Direction::rx;
        }
        if (frame.data) {
            ++device->packets.data;
            device->datasize += frame.data_size;
        } else {
            ++device->packets.llc;
        }
        if (rrds) device->packet_rrds.add_packet(frame.wall_time, direction, frame.data, frame.data_size);
    }
    const auto& radio = frame.dissected.radio;
    if ((flags & update::kFrequencies) != 0) {
        if (radio.frequency_khz && *radio.frequency_khz != 0) {
            const auto frequency = static_cast<double>(*radio.frequency_khz);
            count_frequency(*device, *radio.frequency_khz);
            if (!device->channel_follows_frequency || device->frequency != frequency) {
                if (auto channel = dissect::channel_from_frequency(*radio.frequency_khz / 1000))
                    assign_decimal(device->channel, *channel);
                device->channel_follows_frequency = true;
            }
            device->frequency = frequency;
        }
        // Kismet appends the signal inside its frequency step, whenever the packet had layer-1 information.
        if (frame.layer1) append_signal(*device, *frame.layer1, frame.gps, rrds, frame.time, frame.wall_time);
    }
    if ((flags & update::kSeenby) != 0) {
        PendingPackets& pending = device->pending;
        if (!config.keep_per_datasource_stats && pending.holds_seenby_of(frame.packet.source)) {
            pending.add_seenby(frame.time);
        } else {
            device->settle();
            PerSourceSample per_source;
            if (config.keep_per_datasource_stats) {
                per_source.frequency_khz = radio.frequency_khz ? static_cast<double>(*radio.frequency_khz) : -1;
                per_source.layer1 = frame.layer1 ? &*frame.layer1 : nullptr;
                per_source.gps = frame.gps;
                per_source.update_rrd = rrds;
                per_source.now = WallTime{frame.wall_time, 0};
            }
            device->seenby.record_packet(frame.packet.source, frame.time,
                                         config.keep_per_datasource_stats ? &per_source : nullptr,
                                         devices_.named_source(frame.packet.source));
            pending.seenby_applied(frame.packet.source, config.keep_per_datasource_stats);
        }
    }
    if ((flags & update::kLocation) != 0 && frame.gps != nullptr && frame.gps->fix >= 2)
        get_or_create(device->location).update(*frame.gps, WallTime{frame.wall_time, 0});
    device->basic_crypt_set |= frame.basic_crypt;
    return device;
}

void Dot11Tracker::handle_management(Frame& frame) {
    const FrameRoles& roles = frame.roles;
    const std::uint8_t subtype = frame.header.subtype;
    const bool from_bssid = roles.source == roles.bssid;
    const bool beacon = subtype == mgmt::kBeacon;

    unsigned bssid_flags = update::kSeenby;
    if (from_bssid) {
        bssid_flags |= update::kFrequencies | update::kPackets | update::kLocation | update::kEncryption;
        if (beacon || !options_.ap_signal_from_beacon) bssid_flags |= update::kSignal;
    }
    Device* bssid_device = update_common(roles.bssid, bssid_flags, kTypeDevice, frame);
    Device* source_device = nullptr;
    if (roles.source != roles.bssid) {
        unsigned flags = update::kPackets | update::kSeenby | update::kEncryption;
        // Kismet takes a management frame's radio reading for its sender only from frames sent towards the
        // distribution system, which for management frames means probe requests.
        if (roles.distribution == Distribution::to_ds)
            flags |= update::kSignal | update::kFrequencies | update::kLocation;
        source_device = update_common(roles.source, flags, kTypeDevice, frame);
    }
    Device* destination_device = nullptr;
    if (roles.destination != roles.source && roles.destination != roles.bssid)
        destination_device = update_common(roles.destination, update::kSeenby | update::kPackets, kTypeInferred, frame);

    const bool adhoc = roles.distribution == Distribution::adhoc;
    if (bssid_device != nullptr) {
        Dot11Device& dot11 = *bssid_device->dot11;
        if (adhoc) {
            bssid_device->basic_type_set |= basic_type::kPeer;
            bssid_device->type = kTypeAdhoc;
            dot11.typeset |= typeset::kAdhoc;
        } else {
            type_if_none_of(*bssid_device, basic_type::kAp | basic_type::kPeer, kTypeAp);
            bssid_device->basic_type_set |= basic_type::kAp;
        }
        if (beacon) dot11.typeset |= typeset::kBeaconAp;
        if (subtype == mgmt::kProbeResponse) dot11.typeset |= typeset::kProbeAp;
        dot11.last_bssid = roles.bssid;
    }
    if (source_device != nullptr) {
        if (adhoc) {
            source_device->basic_type_set |= basic_type::kPeer;
            source_device->type = kTypeAdhoc;
            source_device->dot11->typeset |= typeset::kAdhoc;
        } else {
            type_if_none_of(*source_device, basic_type::kClient | basic_type::kAp, kTypeClient);
            source_device->basic_type_set |= basic_type::kClient;
        }
        source_device->dot11->last_bssid = bssid_device != nullptr ? roles.bssid : MacAddress{};
    }
    if (destination_device != nullptr) {
        type_if_none_of(*destination_device, basic_type::kClient | basic_type::kAp, kTypeClient);
        destination_device->basic_type_set &= ~basic_type::kWired;
        destination_device->basic_type_set |= basic_type::kClient;
        destination_device->dot11->last_bssid = roles.bssid;
    }

    if (bssid_device != nullptr && (beacon || subtype == mgmt::kProbeResponse) && from_bssid)
        handle_ssid(*bssid_device, frame);
    if (source_device != nullptr && (subtype == mgmt::kProbeRequest || subtype == mgmt::kAssociationRequest ||
                                     subtype == mgmt::kReassociationRequest))
        handle_probed_ssid(*source_device, frame);

    if (bssid_device != nullptr && (subtype == mgmt::kDeauthentication || subtype == mgmt::kDisassociation)) {
        // Kismet's deauth/disassoc flood counter: a burst restarts after a quiet second (packet time here).
        Dot11Device& dot11 = *bssid_device->dot11;
        if (frame.time > dot11.client_disconnects_last + 1 || dot11.client_disconnects == 0)
            dot11.client_disconnects = 1;
        else
            ++dot11.client_disconnects;
        dot11.client_disconnects_last = frame.time;
    }

    if (bssid_device != nullptr) {
        if (source_device != nullptr) process_client(*bssid_device, *source_device, frame);
        if (destination_device != nullptr && subtype != mgmt::kProbeResponse)
            process_client(*bssid_device, *destination_device, frame);
    }
}

void Dot11Tracker::handle_data(Frame& frame) {
    const FrameRoles& roles = frame.roles;
    const unsigned existing = frame.null_data ? update::kExistingOnly : 0u;
    const bool from_bssid = roles.source == roles.bssid;

    unsigned bssid_flags = update::kSeenby | existing;
    if (from_bssid) {
        bssid_flags |= update::kFrequencies | update::kPackets | update::kLocation | update::kEncryption;
        if (!options_.ap_signal_from_beacon) bssid_flags |= update::kSignal;
    }
    Device* bssid_device = update_common(roles.bssid, bssid_flags, kTypeDevice, frame);
    Device* source_device = nullptr;
    if (roles.source != roles.bssid) {
        unsigned flags = update::kPackets | update::kSeenby | update::kEncryption | existing;
        if (roles.distribution == Distribution::to_ds)
            flags |= update::kSignal | update::kFrequencies | update::kLocation;
        source_device = update_common(roles.source, flags, kTypeDevice, frame);
    }
    Device* destination_device = nullptr;
    if (roles.destination != roles.source && roles.destination != roles.bssid)
        destination_device =
            update_common(roles.destination, update::kSeenby | update::kPackets | existing, kTypeInferred, frame);
    const auto distinct = [&roles](const MacAddress& mac) {
        return mac != roles.source && mac != roles.destination && mac != roles.bssid;
    };
    Device* transmitter_device = nullptr;
    Device* receiver_device = nullptr;
    if (roles.distribution == Distribution::inter_ds) {
        if (distinct(roles.transmitter))
            transmitter_device = update_common(roles.transmitter,
                                               update::kFrequencies | update::kLocation | update::kEncryption |
                                                   update::kSeenby | update::kPackets | existing,
                                               kTypeDevice, frame);
        if (distinct(roles.receiver))
            receiver_device =
                update_common(roles.receiver, update::kSeenby | update::kPackets | existing, kTypeDevice, frame);
    }

    switch (roles.distribution) {
        case Distribution::adhoc:
            if (bssid_device != nullptr) {
                bssid_device->basic_type_set |= basic_type::kPeer;
                bssid_device->type = kTypeAdhoc;
            }
            break;
        case Distribution::from_ds:
            if (bssid_device != nullptr) {
                bssid_device->basic_type_set |= basic_type::kAp;
                bssid_device->type = kTypeAp;
            }
            break;
        default:
            break;
    }
    if (bssid_device != nullptr) bssid_device->dot11->last_bssid = roles.bssid;

    if (source_device != nullptr) {
        if (frame.null_data) {
            type_if_none_of(*source_device, basic_type::kClient | basic_type::kAp, kTypeClient);
            source_device->basic_type_set |= basic_type::kClient;
        } else if (roles.distribution == Distribution::inter_ds) {
            type_if_only(*source_device, basic_type::kPeer, kTypeWds);
            source_device->basic_type_set |= basic_type::kPeer;
        } else if (roles.distribution == Distribution::from_ds) {
            // A source behind the AP: wired, bridged onto the air.
            type_if_none_of(*source_device, basic_type::kClient | basic_type::kAp, kTypeBridged);
            source_device->basic_type_set |= basic_type::kWired;
        } else {
            type_if_none_of(*source_device, basic_type::kClient | basic_type::kAp, kTypeClient);
            source_device->basic_type_set |= basic_type::kClient;
        }
        if (bssid_device != nullptr) source_device->dot11->last_bssid = roles.bssid;
    }
    if (destination_device != nullptr) {
        if (roles.distribution == Distribution::inter_ds) {
            type_if_only(*destination_device, basic_type::kPeer, kTypeWds);
            destination_device->basic_type_set |= basic_type::kPeer;
        } else if (roles.distribution == Distribution::adhoc) {
            destination_device->basic_type_set |= basic_type::kPeer;
            destination_device->type = kTypeAdhoc;
        } else if (destination_device->basic_type_set == basic_type::kDevice) {
            destination_device->type = kTypeDevice;
        }
    }
    for (Device* wds_end : {transmitter_device, receiver_device}) {
        if (wds_end == nullptr) continue;
        wds_end->basic_type_set |= basic_type::kAp | basic_type::kPeer;
        wds_end->type = kTypeWdsAp;
    }

    for (Device* device : {bssid_device, source_device, destination_device, transmitter_device, receiver_device})
        count_data_sizes(device, frame.header, frame.data_size);

    if (bssid_device != nullptr) {
        if (source_device != nullptr) process_client(*bssid_device, *source_device, frame);
        if (destination_device != nullptr) process_client(*bssid_device, *destination_device, frame);
    }
    if (frame.dissected.dot11.has_eapol && bssid_device != nullptr) {
        // The AP is the BSSID; the client is whichever end of the frame is not.
        Device* client = roles.source == roles.bssid ? destination_device : source_device;
        if (client != nullptr) {
            // Kismet's packet snapshot keeps the frame as captured, FCS included.
            auto eapol = eapol_frame_of(frame.header, frame.dissected.payload.bytes, frame.packet.ts_sec,
                                        frame.packet.ts_usec, frame.packet.source);
            eapol.access_point = bssid_device->macaddr;
            eapol.client = client->macaddr;
            const auto stored =
                bssid_device->dot11->handshakes.update(eapol, frame.dissected.dot11.eapol, client->dot11->nonces);
            if (stored.stored && observer_ != nullptr) observer_->eapol_stored(*bssid_device);
        }
    }
    if (transmitter_device != nullptr) {
        if (source_device != nullptr) process_client(*transmitter_device, *source_device, frame);
        if (destination_device != nullptr) process_client(*transmitter_device, *destination_device, frame);
    }
}

void Dot11Tracker::process_client(Device& ap, Device& client, Frame& frame) {
    if (&ap == &client) return;
    Dot11Device& client_dot11 = *client.dot11;
    ClientRecord* record = nullptr;
    for (auto& [bssid, existing] : client_dot11.client_map)
        if (bssid == ap.macaddr) record = &existing;
    if (record == nullptr) {
        ClientRecord created;
        created.bssid = ap.macaddr;
        created.bssid_key = ap.key;
        created.first_time = frame.time;
        client_dot11.client_map.emplace_back(ap.macaddr, std::move(created));
        record = &client_dot11.client_map.back().second;
        // A new client record is the only time the pair is new, so the AP's list needs no lookup per packet.
        auto& associated = ap.dot11->associated_client_map;
        if (std::none_of(associated.begin(), associated.end(),
                         [&client](const auto& entry) { return entry.first == client.macaddr; }))
            associated.emplace_back(client.macaddr, client.key);
    }
    record->last_time = std::max(record->last_time, frame.time);
    client_dot11.last_bssid = ap.macaddr;
    // Kismet's process_client: every frame of the pair, management or data, with a fix of 2D or better adds to the
    // record's box and last position (add_loc: no average, unlike the device's own location).
    if (frame.gps != nullptr && frame.gps->fix > 1) get_or_create(record->location).add(*frame.gps);
    if (frame.data) {
        if (frame.header.more_fragments) ++record->num_fragments;
        if (frame.header.retry) {
            ++record->num_retries;
            record->datasize_retry += frame.data_size;
        }
        if (frame.dhcp_discover != nullptr) record_dhcp_identity(*record, *frame.dhcp_discover);
        if (frame.ip_data) record_ip_data(*record, client.macaddr, frame.roles, *frame.ip_data);
    }
}

}  // namespace kismetcore::track::dot11
