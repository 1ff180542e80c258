// Builds EAPOL-Key frames (IEEE 802.11-2020 12.7.2) and whole 4-way handshake data frames (may allocate).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/common/mac_address.h"
#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/dissect/eapol_key.h"

namespace kismetcore::craft {

// Every field of an EAPOL-Key frame, sent as given (the EAPOL header's body length is computed).
struct EapolKeySpec {
    std::uint8_t protocol_version = 2;  // 802.1X-2004
    std::uint8_t descriptor_type = dissect::eapol_descriptor::kRsn;
    std::uint16_t key_information = 0;
    std::uint16_t key_length = 16;
    std::uint64_t replay_counter = 0;
    std::array<std::uint8_t, 32> nonce{};
    std::array<std::uint8_t, 16> key_iv{};
    std::array<std::uint8_t, 8> key_rsc{};
    std::span<const std::uint8_t> mic{};  // 16 octets when empty; pass 24 octets for the Suite B 192-bit AKMs
    std::span<const std::uint8_t> key_data{};
};
// The EAPOL frame (header and key descriptor), without LLC/SNAP.
Bytes eapol_key(const EapolKeySpec& spec);

// One message of the 4-way handshake (12.7.6) with the Key Information bits a WPA2-PSK AP and client send:
// M1 Ack; M2 MIC; M3 Ack, MIC, Install, Secure, Encrypted Key Data; M4 MIC, Secure (all pairwise, descriptor
// version 2; WPA1 uses version 1 and sets no Secure/Encrypted bits in M3).
struct HandshakeMessageSpec {
    int message = 1;    // 1 to 4
    bool wpa1 = false;  // descriptor type 254 (WPA) instead of 2 (RSN)
    std::uint64_t replay_counter = 1;
    std::array<std::uint8_t, 32> nonce{};                 // ANonce (M1, M3), SNonce (M2); M4 sends zeros unless set
    std::array<std::uint8_t, 16> mic{};                   // M2-M4
    std::optional<std::array<std::uint8_t, 16>> pmkid{};  // M1: a PMKID KDE in Key Data
    // Key Data as sent. Empty means: M1 nothing (or the PMKID KDE), M2 an RSN element (WPA element for WPA1),
    // M3 56 octets of stand-in wrapped key data (a WPA element for WPA1), M4 nothing.
    std::span<const std::uint8_t> key_data{};
};
Bytes handshake_eapol(const HandshakeMessageSpec& spec);

// The whole data frame: M1 and M3 go AP -> client (FromDS), M2 and M4 client -> AP (ToDS), as LLC/SNAP 888e in
// a data frame, or in a QoS data frame (TID 0) when `qos` is set.
Bytes handshake_frame(const MacAddress& ap, const MacAddress& client, const HandshakeMessageSpec& spec,
                      bool qos = false, std::uint16_t sequence_number = 0);

// The Key Data of a message 1 carrying a PMKID KDE (12.7.2, Table 12-10): DD 14 00-0F-AC 04 <PMKID>.
Bytes pmkid_kde(const std::array<std::uint8_t, 16>& pmkid);

}  // namespace kismetcore::craft
