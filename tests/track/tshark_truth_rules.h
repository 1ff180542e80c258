// The tracker facts a capture must yield, derived from tshark's reading of it by Kismet's rules for 802.11
// (see the comments in tshark_truth_rules.cpp): access points with their SSIDs, channels and encryption,
// client-AP pairs and probed SSIDs.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kismetcore/common/mac_address.h"
#include "tshark_truth_reader.h"

namespace kismetcore::testing::truth {

// Where a fact comes from. A fact seen only in frames tshark calls malformed is optional: the tracker may read
// what precedes the damage (Kismet does) or drop the frame (kismetcore drops frames its dissector rejects).
struct Origin {
    std::uint64_t first_frame = 0;
    std::uint64_t last_frame = 0;
    bool required = false;

    void saw(std::uint64_t frame, bool clean);
};

// An SSID an access point beaconed or answered with. `key` is the SSID map key (the SSID's, or the Mesh ID's
// when the SSID is empty).
struct SsidFact {
    std::vector<std::uint8_t> ssid;
    std::uint32_t key = 0;
    Origin origin;
    // The encryption class of the last clean frame ("Open", "WEP", "WPA", "WPA1", "WPA2", "WPA3"), and the
    // classes of damaged frames after it, which the tracker may also hold.
    std::string crypt_class;
    std::set<std::string> crypt_alternatives;
};

// The DS Parameter Set channel of an access point's last beacon or probe response that carried one.
struct ChannelFact {
    unsigned channel = 0;
    std::uint64_t frame = 0;
    std::set<unsigned> alternatives;  // from damaged frames after it
};

struct ClientFact {
    Origin origin;
    bool from_data = false;  // some data frame (To DS or From DS) shows the pair
};

struct ProbeFact {
    std::vector<std::uint8_t> ssid;
    Origin origin;
};

// Frames no fact was taken from, by rule.
struct Exclusions {
    std::uint64_t not_dot11 = 0;
    std::uint64_t bad_fcs = 0;
    std::uint64_t control = 0;
    std::uint64_t extension = 0;
    std::uint64_t too_short = 0;
    std::uint64_t malformed = 0;  // facts kept, as optional
    std::uint64_t null_without_device = 0;
};

using MacPair = std::pair<MacAddress, MacAddress>;
using MacKey = std::pair<MacAddress, std::uint64_t>;  // (MAC, SSID map key)

struct CaptureTruth {
    std::uint64_t dot11_frames = 0;
    std::map<MacKey, SsidFact> advertised;  // (BSSID, SSID key), from beacons
    std::map<MacKey, SsidFact> responded;   // (BSSID, SSID key), from probe responses
    std::map<MacAddress, ChannelFact> channels;
    std::map<MacPair, ClientFact> clients;  // (client, access point)
    std::map<MacKey, ProbeFact> probed;     // (client, SSID key)
    Exclusions excluded;

    [[nodiscard]] std::set<MacAddress> beaconing_aps() const;
};

// The encryption class of a beacon or probe response as Kismet names its generation: WPA3 with an SAE-or-newer
// AKM, else WPA2 with an AES pairwise cipher, else WPA1 with a WPA element, else WPA with an RSN element; WEP
// for the privacy bit alone; Open otherwise.
std::string crypt_class(const TsharkFrame& frame);

CaptureTruth derive_truth(const std::vector<TsharkFrame>& frames);

// Lower-case hex of bytes, for reports.
std::string hex(const std::vector<std::uint8_t>& bytes);

}  // namespace kismetcore::testing::truth
