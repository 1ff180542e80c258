// Builds the 802.11 frames of the synthetic site with the craft builders: one method per kind of frame.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "element_sets.h"
#include "frame_payloads.h"
#include "random_source.h"
#include "site_model.h"

namespace kismetcore::synth {

// Each method returns the frame (no radiotap header) and advances the transmitter's sequence number, as a
// real station does for every frame it sends (IEEE 802.11-2020 10.3.2.14).
class FrameFactory {
public:
    FrameFactory(SiteModel& site, RandomSource random);

    // `tsf` is the AP's own timer (the beacon's Timestamp field).
    Bytes beacon(std::uint32_t ap, std::uint64_t tsf);
    // A probe request from `client` on `ap`'s channel; the wildcard SSID when `ssid` is empty.
    Bytes probe_request(std::uint32_t client, std::uint32_t ap, std::string_view ssid);
    Bytes probe_response(std::uint32_t ap, std::uint32_t client, std::uint64_t tsf);

    // Between a client and its home AP. `from_client` picks the direction.
    Bytes authentication(std::uint32_t client, bool from_client, std::uint16_t transaction, std::uint16_t status);
    // SAE commit (transaction 1) and confirm (2) with group 19 (IEEE 802.11-2020 9.4.1.1, 12.4.7).
    Bytes sae_authentication(std::uint32_t client, bool from_client, std::uint16_t transaction);
    Bytes association_request(std::uint32_t client);
    Bytes association_response(std::uint32_t client, std::uint16_t status);
    // 4-way handshake message 1-4 (12.7.6); M1 carries a PMKID KDE when `pmkid` is set.
    Bytes handshake(std::uint32_t client, int message, bool pmkid);
    Bytes disconnect(std::uint32_t client, bool from_client, bool deauthentication, std::uint16_t reason);

    // Data between an associated client and its AP; open networks carry `step`, protected ones stand-ins.
    Bytes data(std::uint32_t client, const ConversationStep& step);
    // A group-addressed data frame from the AP (broadcast, protected with the group key).
    Bytes group_data(std::uint32_t ap);
    // Null or QoS Null (9.3.2.1) carrying the power management bit.
    Bytes null_data(std::uint32_t client);

private:
    Bytes authentication_frame(std::uint32_t client, bool from_client, std::uint16_t algorithm,
                               std::uint16_t transaction, std::uint16_t status, std::span<const std::uint8_t> body);
    std::uint16_t next_sequence(std::uint16_t& counter) noexcept;
    // The ANonce or SNonce of the client's current session: the same in M1 and M3, different every session.
    std::array<std::uint8_t, 32> nonce(std::uint32_t client, bool authenticator) const;

    SiteModel& site_;
    ElementSets elements_;
    RandomSource random_;
    std::uint64_t nonce_key_;
    Bytes body_;
};

}  // namespace kismetcore::synth
