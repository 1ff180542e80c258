// The per-packet state Dot11Tracker's steps share (private to the 802.11 handler).
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>

#include "dot11_frame_roles.h"
#include "kismetcore/capture/packet.h"
#include "kismetcore/dissect/ip_data.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "kismetcore/track/device.h"
#include "kismetcore/track/dot11/dot11_tracker.h"
#include "kismetcore/track/signal_record.h"

namespace kismetcore::track::dot11 {

// Kismet's update_common_device flags.
namespace update {
inline constexpr unsigned kSignal = 1u << 0;
inline constexpr unsigned kFrequencies = 1u << 1;
inline constexpr unsigned kPackets = 1u << 2;
inline constexpr unsigned kLocation = 1u << 3;
inline constexpr unsigned kSeenby = 1u << 4;
inline constexpr unsigned kEncryption = 1u << 5;
inline constexpr unsigned kExistingOnly = 1u << 6;
}  // namespace update

struct Dot11Tracker::Frame {
    Frame(const capture::Packet& captured, const dissect::DissectedPacket& result,
          const dissect::FrameDigests& result_digests)
        : packet(captured),
          dissected(result),
          digests(result_digests),
          header(result.dot11.frame),
          roles(frame_roles(result.dot11.frame)) {}

    const capture::Packet& packet;
    const dissect::DissectedPacket& dissected;
    const dissect::FrameDigests& digests;
    const dissect::Dot11Frame& header;
    FrameRoles roles;
    std::uint64_t time = 0;       // packet seconds
    std::uint64_t wall_time = 0;  // host clock seconds
    bool data = false;
    bool null_data = false;
    std::uint64_t data_size = 0;                    // frame length after the MAC header (Kismet's datasize)
    std::uint64_t basic_crypt = 0;                  // what this packet says about encryption (protected data)
    const GpsFix* gps = nullptr;                    // the host's fix
    const std::array<Device*, 4>* known = nullptr;  // devices the caller already found for the header's addresses
    // A cleartext DHCP DISCOVER broadcast by the frame's source, whose client record takes its host name and
    // vendor class (Kismet's IP-data dissector and process_client); null for every other frame.
    const dissect::DhcpMessage* dhcp_discover = nullptr;
    // What Kismet's IP-data dissector reads from a cleartext data frame's body (ARP, TCP, CDP); empty otherwise.
    std::optional<dissect::IpData> ip_data;

    // One of `known` with this MAC, or null.
    [[nodiscard]] Device* known_device(const MacAddress& mac) const noexcept {
        if (known == nullptr) return nullptr;
        for (Device* device : *known)
            if (device != nullptr && device->macaddr == mac) return device;
        return nullptr;
    }
    std::optional<Layer1Sample> layer1;  // the radio header's reading, when there was a radio header

    // Devices locked for this packet: the ingest thread holds each device's mutex from its first update in the
    // packet until the packet is done, so readers never see a packet half-applied to a device.
    std::array<std::unique_lock<SmallMutex>, 6> locks;
    std::size_t lock_count = 0;
    Device* locked[6] = {};

    void lock(Device& device) {
        for (std::size_t i = 0; i < lock_count; ++i)
            if (locked[i] == &device) return;
        locked[lock_count] = &device;
        locks[lock_count++] = std::unique_lock(device.mutex);
    }
};

}  // namespace kismetcore::track::dot11
