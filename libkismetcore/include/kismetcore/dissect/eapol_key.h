// EAPOL frames (IEEE 802.1X-2004 7.5) and the EAPOL-Key descriptor of WPA and RSN (IEEE 802.11-2020 12.7.2).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/dissect/dissect_status.h"

namespace kismetcore::dissect {

// EAPOL Packet Type (802.1X-2004 7.5.4).
namespace eapol_packet_type {
inline constexpr std::uint8_t kEapPacket = 0;
inline constexpr std::uint8_t kStart = 1;
inline constexpr std::uint8_t kLogoff = 2;
inline constexpr std::uint8_t kKey = 3;
}  // namespace eapol_packet_type

// Descriptor Type of an EAPOL-Key frame (802.1X-2004 7.6.1, 802.11-2020 12.7.2).
namespace eapol_descriptor {
inline constexpr std::uint8_t kRc4 = 1;
inline constexpr std::uint8_t kRsn = 2;
inline constexpr std::uint8_t kWpa = 254;
}  // namespace eapol_descriptor

// Key Information bits (12.7.2, Figure 12-33).
namespace key_info {
inline constexpr std::uint16_t kDescriptorVersionMask = 0x0007;
inline constexpr std::uint16_t kPairwise = 0x0008;         // Key Type: 1 pairwise, 0 group
inline constexpr std::uint16_t kWpaKeyIndexMask = 0x0030;  // reserved in RSN; WPA's key index
inline constexpr std::uint16_t kInstall = 0x0040;
inline constexpr std::uint16_t kAck = 0x0080;
inline constexpr std::uint16_t kMic = 0x0100;
inline constexpr std::uint16_t kSecure = 0x0200;
inline constexpr std::uint16_t kError = 0x0400;
inline constexpr std::uint16_t kRequest = 0x0800;
inline constexpr std::uint16_t kEncryptedKeyData = 0x1000;
inline constexpr std::uint16_t kSmkMessage = 0x2000;
}  // namespace key_info

struct EapolKey {
    // EAPOL header (802.1X-2004 7.5).
    std::uint8_t protocol_version = 0;
    std::uint8_t packet_type = 0;
    std::uint16_t packet_body_length = 0;

    // True when the frame is an EAPOL-Key frame with a WPA or RSN descriptor and the fields below are filled.
    bool has_key_descriptor = false;
    std::uint8_t descriptor_type = 0;  // 2 RSN, 254 WPA (also set for other descriptors, which are not decoded)

    std::uint16_t key_information = 0;
    std::uint8_t descriptor_version = 0;  // B0-B2: 1 HMAC-MD5/RC4, 2 HMAC-SHA1/AES, 3 AES-CMAC, 0 AKM-defined
    bool pairwise = false;
    bool install = false;
    bool ack = false;
    bool mic_present = false;  // the Key MIC bit: the MIC field is valid
    bool secure = false;
    bool error = false;
    bool request = false;
    bool encrypted_key_data = false;

    std::uint16_t key_length = 0;
    std::uint64_t replay_counter = 0;
    std::array<std::uint8_t, 32> nonce{};
    std::array<std::uint8_t, 16> key_iv{};
    std::array<std::uint8_t, 8> key_rsc{};
    // The MIC field: 16 octets for most AKMs, 24 for the Suite B 192-bit AKMs, none for FILS (12.7.3, Table
    // 12-11). The frame does not say which, so the length is the one that makes Key Data Length add up.
    std::span<const std::uint8_t> mic;
    std::uint16_t key_data_length = 0;
    std::span<const std::uint8_t> key_data;

    // 4-way handshake message, 1 to 4, as tshark's wlan_rsna_eapol.keydes.msgnr gives it; 0 when the frame is not
    // a pairwise 4-way handshake message.
    std::uint8_t message_number = 0;
    // Group key handshake message (12.7.7), 1 or 2; 0 otherwise.
    std::uint8_t group_message_number = 0;
    // The PMKID KDE (00-0F-AC:4, 12.7.2 Table 12-10) of an unencrypted Key Data field, as message 1 carries it.
    std::optional<std::array<std::uint8_t, 16>> pmkid;

    [[nodiscard]] bool nonce_is_zero() const noexcept {
        for (auto octet : nonce)
            if (octet != 0) return false;
        return true;
    }
};

// Decodes an EAPOL frame, with or without the LLC/SNAP header (AA-AA-03-00-00-00-88-8E) in front. Non-key EAPOL
// frames and key descriptors other than WPA and RSN decode their header only (has_key_descriptor stays false).
// Bytes past the EAPOL body length (padding) are ignored. Allocates nothing, throws nothing.
DissectError dissect_eapol(std::span<const std::uint8_t> llc_payload_or_eapol, EapolKey& out) noexcept;

}  // namespace kismetcore::dissect
