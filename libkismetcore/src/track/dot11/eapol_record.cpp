// Kismet's reading of an EAPOL-Key frame: direction, message number, the NONCEDEGRADE shape, timestamps.
#include "kismetcore/track/dot11/eapol_record.h"

#include <algorithm>

namespace kismetcore::track::dot11 {

namespace {

bool all_zero(std::span<const std::uint8_t> bytes) noexcept {
    return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t octet) { return octet == 0; });
}

}  // namespace

FrameDirection direction_of(bool to_ds, bool from_ds) noexcept {
    if (to_ds && from_ds) return FrameDirection::inter_ds;
    if (to_ds) return FrameDirection::to_ds;
    if (from_ds) return FrameDirection::from_ds;
    return FrameDirection::adhoc;
}

bool EapolRecord::nonce_is_zero() const noexcept {
    return all_zero(nonce);
}

std::int64_t EapolRecord::time_us() const noexcept {
    return packet.ts_sec * 1'000'000 + static_cast<std::int64_t>(packet.ts_usec);
}

std::uint8_t kismet_message_number(const dissect::EapolKey& key) noexcept {
    // Kismet (phy_80211 packet_dot11_eapol_handshake) tests only Ack, MIC and Install, in this order.
    if (key.ack && !key.mic_present && !key.install) return 1;
    if (key.mic_present && !key.ack && !key.install) return key.key_data_length != 0 ? 2 : 4;
    if (key.mic_present && key.ack) return 3;
    return 0;
}

bool is_nonce_degrade(const dissect::EapolKey& key) noexcept {
    return kismet_message_number(key) == 4 && !key.pairwise && all_zero(key.nonce);
}

double packet_timestamp(std::int64_t ts_sec, std::uint32_t ts_usec) noexcept {
    return static_cast<double>(ts_sec) + static_cast<double>(ts_usec) / 1e6;
}

NonceRecord nonce_record_of(const EapolRecord& record) noexcept {
    NonceRecord entry;
    entry.timestamp = record.timestamp;
    entry.message_num = record.message_num;
    entry.replay_counter = record.replay_counter;
    entry.install = record.install;
    entry.nonce = record.nonce;
    return entry;
}

}  // namespace kismetcore::track::dot11
