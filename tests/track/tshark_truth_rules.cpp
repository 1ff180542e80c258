// Kismet's 802.11 device rules (phy_80211's classifier, handle_ssid, handle_probed_ssid, process_client)
// applied to tshark's frames: what the tracker must hold after reading the same capture.
#include "tshark_truth_rules.h"

#include <algorithm>
#include <array>
#include <span>

#include "kismetcore/track/dot11/element_hashes.h"

namespace kismetcore::testing::truth {
namespace {

constexpr int kManagement = 0;
constexpr int kControl = 1;
constexpr int kData = 2;

namespace mgmt {
constexpr int kAssociationRequest = 0;
constexpr int kAssociationResponse = 1;
constexpr int kReassociationRequest = 2;
constexpr int kProbeRequest = 4;
constexpr int kProbeResponse = 5;
constexpr int kBeacon = 8;
constexpr int kAtim = 9;
constexpr int kAction = 13;
}  // namespace mgmt

// Kismet's test for an address that may become a device: neither zero nor a group address.
bool usable(const MacAddress& mac) {
    return !mac.is_zero() && !mac.is_multicast();
}

// Frames Kismet's dissector marks corrupt and its classifier drops: shorter than the MAC header, shorter than
// the fixed fields Kismet reads (36 bytes for the subtypes it reads a capability field from, 30 for action
// frames and 4-address data frames), and the reserved data subtypes 7 and 13.
bool kismet_drops_as_corrupt(const TsharkFrame& frame) {
    if (frame.dot11_length < 24) return true;
    if (frame.type == kManagement) {
        switch (frame.subtype) {
            case mgmt::kAssociationRequest:
            case mgmt::kAssociationResponse:
            case mgmt::kReassociationRequest:
            case mgmt::kProbeResponse:
            case mgmt::kBeacon:
            case mgmt::kAtim:
                return frame.dot11_length < 36;
            case mgmt::kAction:
                return frame.dot11_length < 30;
            default:
                return false;
        }
    }
    if (frame.subtype == 7 || frame.subtype == 13) return true;
    return frame.to_ds && frame.from_ds && frame.dot11_length < 30;
}

// Address roles as Kismet's dissector assigns them. Management frames ignore the DS bits: destination is
// address 1, source address 2, BSSID address 3. Data frames follow IEEE 802.11-2020 Table 9-30; a 4-address
// (WDS) frame has no BSSID and names its transmitter and receiver.
struct Roles {
    MacAddress source, destination, bssid, transmitter, receiver;
    bool wds = false;
};

Roles roles_of(const TsharkFrame& frame) {
    const MacAddress a1 = frame.address1.value_or(MacAddress{});
    const MacAddress a2 = frame.address2.value_or(MacAddress{});
    const MacAddress a3 = frame.address3.value_or(MacAddress{});
    Roles roles;
    if (frame.type == kManagement || (!frame.to_ds && !frame.from_ds)) {
        roles.destination = a1;
        roles.source = a2;
        roles.bssid = a3;
        // An IBSS data frame with a zero address 3 takes its source as the BSSID.
        if (frame.type == kData && a3.is_zero()) roles.bssid = a2;
    } else if (frame.to_ds && !frame.from_ds) {
        roles.bssid = a1;
        roles.source = a2;
        roles.destination = a3;
    } else if (frame.from_ds && !frame.to_ds) {
        roles.destination = a1;
        roles.bssid = a2;
        roles.source = a3;
    } else {
        roles.receiver = a1;
        roles.transmitter = a2;
        roles.destination = a3;
        roles.source = frame.address4.value_or(MacAddress{});
        roles.wds = true;
    }
    return roles;
}

// The SSID map key: the SSID, or the Mesh ID when the SSID is empty and a Mesh ID element is present.
std::span<const std::uint8_t> keyed_ssid(const TsharkFrame& frame) {
    if (frame.ssid.empty() && frame.has_mesh_id) return frame.mesh_id;
    return frame.ssid;
}

std::uint32_t ssid_key(const TsharkFrame& frame) {
    return track::dot11::ssid_hash(keyed_ssid(frame));
}

bool any_of(const std::vector<unsigned>& values, unsigned low, unsigned high) {
    return std::any_of(values.begin(), values.end(), [&](unsigned v) { return v >= low && v <= high; });
}

// Which devices a frame makes or touches. Null data frames (no body) only update devices that exist: Kismet
// passes UCD_UPDATE_EXISTING_ONLY for them.
class DeviceSet {
public:
    // Whether `mac` is a device after this frame; `certain` says whether a clean frame made it.
    struct Presence {
        bool present = false;
        bool certain = false;
    };

    Presence touch(const MacAddress& mac, bool existing_only, bool clean) {
        if (!usable(mac)) return {};
        auto found = devices_.find(mac);
        if (found == devices_.end()) {
            if (existing_only) return {};
            found = devices_.emplace(mac, clean).first;
        } else if (clean && !existing_only) {
            found->second = true;
        }
        return {true, found->second && clean};
    }

private:
    std::map<MacAddress, bool> devices_;  // MAC -> made by a clean frame
};

void add_client(CaptureTruth& truth, const MacAddress& client, const MacAddress& ap, std::uint64_t frame, bool required,
                bool from_data) {
    if (client == ap) return;
    ClientFact& fact = truth.clients[{client, ap}];
    fact.origin.saw(frame, required);
    if (from_data && required) fact.from_data = true;
}

void add_ssid(std::map<MacKey, SsidFact>& map, const MacAddress& bssid, const TsharkFrame& frame, bool clean) {
    const std::uint32_t key = ssid_key(frame);
    SsidFact& fact = map[{bssid, key}];
    fact.key = key;
    fact.ssid = frame.ssid;
    fact.origin.saw(frame.number, clean);
    if (clean) {
        fact.crypt_class = crypt_class(frame);
        fact.crypt_alternatives.clear();
    } else {
        fact.crypt_alternatives.insert(crypt_class(frame));
    }
}

}  // namespace

void Origin::saw(std::uint64_t frame, bool clean) {
    if (first_frame == 0 || (clean && !required)) first_frame = frame;
    last_frame = frame;
    required = required || clean;
}

std::set<MacAddress> CaptureTruth::beaconing_aps() const {
    std::set<MacAddress> aps;
    for (const auto& [key, fact] : advertised) aps.insert(key.first);
    return aps;
}

std::string crypt_class(const TsharkFrame& frame) {
    if (frame.has_rsn) {
        if (any_of(frame.rsn_akms, 8, 20)) return "WPA3";  // SAE (8) and every AKM defined after it
        // CCMP-128 (4), GCMP-128 (8), GCMP-256 (9), CCMP-256 (10).
        if (any_of(frame.rsn_pairwise, 4, 4) || any_of(frame.rsn_pairwise, 8, 10)) return "WPA2";
        if (frame.has_wpa) return "WPA1";
        return "WPA";
    }
    if (frame.has_wpa) return "WPA1";
    return frame.privacy ? "WEP" : "Open";
}

CaptureTruth derive_truth(const std::vector<TsharkFrame>& frames) {
    CaptureTruth truth;
    DeviceSet devices;
    for (const TsharkFrame& frame : frames) {
        // Rules of exclusion, in Kismet's order. Frames with another link payload (BLE) carry no 802.11.
        if (!frame.has_dot11) {
            ++truth.excluded.not_dot11;
            continue;
        }
        ++truth.dot11_frames;
        // A bad FCS: Kismet's classifier drops the frame before any device work.
        if (frame.bad_fcs) {
            ++truth.excluded.bad_fcs;
            continue;
        }
        // Control frames carry no source address and never make or update devices.
        if (frame.type == kControl) {
            ++truth.excluded.control;
            continue;
        }
        // Extension frames (802.11ad DMG beacons here): Kismet's classifier tracks only S1G beacons among them,
        // and kismetcore none.
        if (frame.type != kManagement && frame.type != kData) {
            ++truth.excluded.extension;
            continue;
        }
        if (kismet_drops_as_corrupt(frame)) {
            ++truth.excluded.too_short;
            continue;
        }
        // A frame tshark calls malformed ends before its fields do: Kismet may read the part before the damage,
        // kismetcore drops a frame its dissector rejects. Its facts are optional (see Origin).
        const bool clean = !frame.malformed;
        if (!clean) ++truth.excluded.malformed;
        // Exact duplicates of one of the previous 1024 frames are dropped by both Kismet and kismetcore; they
        // repeat facts the first copy already gave, so they need no rule here.

        const Roles roles = roles_of(frame);
        const bool null_data = frame.type == kData && (frame.subtype & 0x04) != 0;
        const auto bssid = devices.touch(roles.bssid, null_data, clean);
        DeviceSet::Presence source, destination, transmitter;
        if (roles.source != roles.bssid) source = devices.touch(roles.source, null_data, clean);
        if (roles.destination != roles.source && roles.destination != roles.bssid)
            destination = devices.touch(roles.destination, null_data, clean);
        if (roles.wds) {
            const auto distinct = [&roles](const MacAddress& mac) {
                return mac != roles.source && mac != roles.destination && mac != roles.bssid;
            };
            if (distinct(roles.transmitter)) transmitter = devices.touch(roles.transmitter, null_data, clean);
            if (distinct(roles.receiver)) devices.touch(roles.receiver, null_data, clean);
        }
        if (null_data && usable(roles.source) && !source.present && roles.source != roles.bssid)
            ++truth.excluded.null_without_device;

        // Client-AP pairs (process_client): every management frame with a BSSID device pairs it with the source
        // and destination devices (not the destination of a probe response); every data frame likewise, and a
        // WDS transmitter with the frame's source and destination.
        const std::uint64_t number = frame.number;
        const bool data = frame.type == kData;
        const auto pair = [&](const DeviceSet::Presence& ap, const MacAddress& ap_mac,
                              const DeviceSet::Presence& client, const MacAddress& client_mac) {
            if (!ap.present || !client.present) return;
            add_client(truth, client_mac, ap_mac, number, ap.certain && client.certain,
                       data && frame.to_ds != frame.from_ds);
        };
        pair(bssid, roles.bssid, source, roles.source);
        if (!(frame.type == kManagement && frame.subtype == mgmt::kProbeResponse))
            pair(bssid, roles.bssid, destination, roles.destination);
        pair(transmitter, roles.transmitter, source, roles.source);
        pair(transmitter, roles.transmitter, destination, roles.destination);

        if (frame.type != kManagement) continue;

        // SSIDs of access points (handle_ssid): beacons and probe responses the BSSID sends itself.
        if (bssid.present && roles.source == roles.bssid &&
            (frame.subtype == mgmt::kBeacon || frame.subtype == mgmt::kProbeResponse)) {
            add_ssid(frame.subtype == mgmt::kBeacon ? truth.advertised : truth.responded, roles.bssid, frame, clean);
            if (frame.ds_channel) {
                ChannelFact& channel = truth.channels[roles.bssid];
                if (clean) {
                    channel = {*frame.ds_channel, number, {}};
                } else if (channel.frame != 0) {
                    channel.alternatives.insert(*frame.ds_channel);
                }
            }
        }
        // Probed SSIDs (handle_probed_ssid): probe, association and reassociation requests of a source device.
        if (source.present && (frame.subtype == mgmt::kProbeRequest || frame.subtype == mgmt::kAssociationRequest ||
                               frame.subtype == mgmt::kReassociationRequest)) {
            ProbeFact& probe = truth.probed[{roles.source, ssid_key(frame)}];
            probe.ssid = frame.ssid;
            probe.origin.saw(number, clean);
        }
    }
    return truth;
}

std::string hex(const std::vector<std::uint8_t>& bytes) {
    static constexpr std::array<char, 16> kDigits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                     '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    std::string text;
    for (std::uint8_t b : bytes) {
        text += kDigits[b >> 4];
        text += kDigits[b & 0x0f];
    }
    return text;
}

}  // namespace kismetcore::testing::truth
