// The WPA handshake records Kismet keeps: dot11.eapol.* key frames, nonce-list entries and kismet.packet.* snapshots.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "kismetcore/dissect/eapol_key.h"

namespace kismetcore::track::dot11 {

// Kismet's distribution direction (ieee_80211_disttype), the value of dot11.eapol.direction: a handshake message
// from the AP is from_ds (1), one from the client to_ds (2).
enum class FrameDirection : std::uint8_t { unknown = 0, from_ds = 1, to_ds = 2, inter_ds = 3, adhoc = 4 };

// The direction of a frame with these DS bits: neither set is adhoc, both set inter_ds (WDS).
[[nodiscard]] FrameDirection direction_of(bool to_ds, bool from_ds) noexcept;

// kismet.packet.*: a packet kept whole (Kismet keeps the 802.11 frame without its radio header, DLT 105).
struct PacketSnapshot {
    std::int64_t ts_sec = 0;
    std::uint32_t ts_usec = 0;
    std::uint32_t dlt = 0;
    // kismet.packet.source: Kismet never fills it (every stored packet of its samples shows 0), so neither does
    // kismetcore, although the packet's capture::SourceId is known.
    std::uint32_t source = 0;
    std::vector<std::uint8_t> data;
};

// dot11.eapol.*: one stored EAPOL-Key frame of a handshake between an AP and one client.
struct EapolRecord {
    double timestamp = 0;  // seconds.microseconds of the packet, as Kismet's ts_to_double gives it
    FrameDirection direction = FrameDirection::unknown;
    // Kismet's message number (see kismet_message_number): 1-4, 0 when the Key Information bits fit no message.
    std::uint8_t message_num = 0;
    std::uint8_t install = 0;
    // The 4-way handshake message as tshark and hcxtools number it (EapolKey::message_number): 0 for group key and
    // other non-pairwise frames, which Kismet still numbers 3 or 4. Pairing into complete handshakes uses this one.
    std::uint8_t handshake_message = 0;
    std::uint64_t replay_counter = 0;
    std::array<std::uint8_t, 32> nonce{};
    std::optional<std::array<std::uint8_t, 16>> rsn_pmkid;  // dot11.eapol.rsn_pmkid, "" when absent
    PacketSnapshot packet;

    [[nodiscard]] bool nonce_is_zero() const noexcept;
    // Packet time in microseconds since the epoch: exact, unlike the double timestamp.
    [[nodiscard]] std::int64_t time_us() const noexcept;
};

// dot11.eapol.nonce.*: an entry of dot11.device.wpa_nonce_list (message 3 nonces) or wpa_anonce_list (message 1
// ANonces), kept on the client device to spot nonce reuse.
struct NonceRecord {
    double timestamp = 0;
    std::uint8_t message_num = 0;
    std::uint64_t replay_counter = 0;
    std::uint8_t install = 0;
    std::array<std::uint8_t, 32> nonce{};
};

// The handshake message number as Kismet assigns it from the Key Information bits: Ack without MIC or Install is 1;
// MIC without Ack or Install is 2 when Key Data is present and 4 when not; MIC with Ack is 3; anything else 0.
// Kismet ignores the Key Type bit, so group key message 1 counts as 3 and group key message 2 as 4.
[[nodiscard]] std::uint8_t kismet_message_number(const dissect::EapolKey& key) noexcept;

// Kismet's NONCEDEGRADE condition: a "message 4" by the rules above on a group key (Key Type clear) whose nonce is
// all zeros, the shape of the downgrade attack on OpenBSD supplicants.
[[nodiscard]] bool is_nonce_degrade(const dissect::EapolKey& key) noexcept;

// seconds + microseconds / 1e6, Kismet's double timestamps.
[[nodiscard]] double packet_timestamp(std::int64_t ts_sec, std::uint32_t ts_usec) noexcept;

// The nonce-list entry Kismet derives from a stored key frame.
[[nodiscard]] NonceRecord nonce_record_of(const EapolRecord& record) noexcept;

}  // namespace kismetcore::track::dot11
