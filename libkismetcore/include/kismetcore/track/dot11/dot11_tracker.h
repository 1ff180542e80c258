// The 802.11 phy handler: turns dissected 802.11 packets into device records, as Kismet's phy_80211 does.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "kismetcore/capture/packet.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/frame_digests.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "kismetcore/track/device_tracker.h"
#include "kismetcore/track/dot11/element_hashes.h"
#include "kismetcore/track/location_record.h"

namespace kismetcore::track::dot11 {

struct Dot11TrackerOptions {
    // dot11_beacon_ie_fingerprint and dot11_probe_ie_fingerprint.
    std::vector<FingerprintElement> beacon_fingerprint = parse_fingerprint_list(kDefaultBeaconFingerprint);
    std::vector<FingerprintElement> probe_fingerprint = parse_fingerprint_list(kDefaultProbeFingerprint);
    // dot11_keep_ietags: keep each SSID's ie_tag_list.
    bool keep_ietags = false;
    // dot11_ap_signal_from_beacon: an AP's signal comes from its beacons only.
    bool ap_signal_from_beacon = true;
    // dot11_process_11d_country_list: keep each beaconed SSID's 802.11d channel list (dot11d_list).
    bool process_11d_country_list = false;
};

// What the handler counted that produced no device update.
struct Dot11TrackerStats {
    std::uint64_t packets = 0;      // 802.11 packets handed in
    std::uint64_t bad_fcs = 0;      // dropped: the FCS did not match
    std::uint64_t corrupt = 0;      // dropped: the frame did not dissect
    std::uint64_t control = 0;      // control frames: never tracked (they carry no source address)
    std::uint64_t not_tracked = 0;  // extension frames and frames with no usable address
};

// What the handler tells its owner about new records (the engine turns them into event bus events). Called on the
// ingest thread in the middle of a packet, with that packet's devices locked: an observer notes what happened
// (the device key, the record's index) and acts once handle() has returned. SSID map indexes stay valid while
// the device lives (the maps only grow).
class Dot11TrackerObserver {
public:
    virtual ~Dot11TrackerObserver() = default;
    virtual void new_device(const Device& device) = 0;
    // A new record in advertised_ssid_map (beacon) or responded_ssid_map (`responded`: probe response).
    virtual void new_advertised_ssid(const Device& device, std::size_t index, bool responded) = 0;
    virtual void new_probed_ssid(const Device& device, std::size_t index) = 0;
    // An EAPOL key frame was stored in the access point's wpa_handshake_list.
    virtual void eapol_stored(const Device& access_point) = 0;
};

// The manufacturer of a MAC, asked once per new device.
using ManufacturerLookup = std::function<std::string_view(const MacAddress&)>;

class Dot11Tracker {
public:
    Dot11Tracker(DeviceTracker& devices, Dot11TrackerOptions options, ManufacturerLookup manufacturer);

    // Ingest thread. `wall_time` is the host clock in seconds (mod_time, RRDs); record times are packet times.
    // `gps` is the host's current fix, if it has one (devices' location records). `known` may name devices already
    // found for the header's addresses (any order, nulls allowed): they are used instead of looking those up.
    void handle(const capture::Packet& packet, const dissect::DissectedPacket& dissected, std::uint64_t wall_time,
                const GpsFix* gps = nullptr, const std::array<Device*, 4>* known = nullptr);
    // The same, with the packet's digests (dissect::digest_frame) already computed, as the Engine does once for
    // the duplicate filter, the tracker and the WIDS rules.
    void handle(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                const dissect::FrameDigests& digests, std::uint64_t wall_time, const GpsFix* gps = nullptr,
                const std::array<Device*, 4>* known = nullptr);

    // Ingest thread: a frame the duplicate filter recognised (track/duplicate_filter.h). Kismet's classifier counts
    // nothing for it: a duplicate management frame refreshes the seen-by records of its source and destination
    // when they exist already (not of its BSSID), and a source sending towards the distribution system also gets
    // its frequencies, signal and location; a duplicate data frame changes nothing. Not counted in stats().
    void handle_duplicate(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                          const dissect::FrameDigests& digests, std::uint64_t wall_time, const GpsFix* gps = nullptr,
                          const std::array<Device*, 4>* known = nullptr);

    // Ingest thread, for a pipeline that tracks a packet a few packets after reading it (Engine::feed_file):
    // asks the CPU to fetch the part of a device's 802.11 record that a packet updates, once the device record
    // has arrived, and then, once that has arrived too, its client map and, for a beacon or probe response
    // (`dissected`), the last advertised SSID record.
    static void prefetch_sub_records(const Device& device) noexcept;
    static void prefetch_dependent_records(const Device& device, const dissect::DissectedPacket& dissected) noexcept;

    [[nodiscard]] const Dot11TrackerStats& stats() const noexcept { return stats_; }
    // Null (the default) for none; the observer must outlive the handler or be reset first.
    void set_observer(Dot11TrackerObserver* observer) noexcept { observer_ = observer; }

    static constexpr std::string_view kPhyName = "IEEE802.11";

private:
    struct Frame;
    struct Roles;

    // What every frame the tracker takes fills in first: times, GPS, the read-ahead's devices, the layer-1 sample.
    static void start_frame(Frame& frame, std::uint64_t wall_time, const GpsFix* gps,
                            const std::array<Device*, 4>* known);
    Device* update_common(const MacAddress& mac, unsigned flags, std::string_view initial_type, Frame& frame);
    void handle_management(Frame& frame);
    void handle_data(Frame& frame);
    void handle_ssid(Device& ap, Frame& frame);
    void handle_probed_ssid(Device& client, Frame& frame);
    void process_client(Device& ap, Device& client, Frame& frame);

    DeviceTracker& devices_;
    Dot11TrackerOptions options_;
    ManufacturerLookup manufacturer_;
    Dot11TrackerStats stats_;
    Dot11TrackerObserver* observer_ = nullptr;
};

}  // namespace kismetcore::track::dot11
