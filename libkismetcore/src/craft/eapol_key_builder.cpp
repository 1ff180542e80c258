// Lays out EAPOL-Key frames (802.1X-2004 7.5, IEEE 802.11-2020 12.7.2) and 4-way handshake data frames.
#include "kismetcore/craft/eapol_key_builder.h"

#include <algorithm>

#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::craft {
namespace {

namespace dot11 = dissect::dot11;
namespace key_info = dissect::key_info;

void put_be16(Bytes& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value & 0xff));
}

void put_be64(Bytes& out, std::uint64_t value) {
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>((value >> shift) & 0xff));
}

template <typename Container>
void put(Bytes& out, const Container& bytes) {
    out.insert(out.end(), bytes.begin(), bytes.end());
}

// The RSN element a WPA2-PSK/CCMP client sends in message 2 (9.4.2.24): version 1, group CCMP, one pairwise
// CCMP, one AKM PSK, capabilities 0.
constexpr std::array<std::uint8_t, 22> kClientRsnElement{0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04,
                                                         0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00,
                                                         0x00, 0x0f, 0xac, 0x02, 0x00, 0x00};
// The WPA vendor element (00-50-F2 type 1) of a WPA-PSK/TKIP network.
constexpr std::array<std::uint8_t, 24> kWpaElement{0xdd, 0x16, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00,
                                                   0x00, 0x50, 0xf2, 0x02, 0x01, 0x00, 0x00, 0x50,
                                                   0xf2, 0x02, 0x01, 0x00, 0x00, 0x50, 0xf2, 0x02};

std::uint16_t handshake_key_information(int message, bool wpa1) {
    // Descriptor version 2 (HMAC-SHA1-128 / AES key wrap) for RSN, 1 (HMAC-MD5 / RC4) for WPA with TKIP.
    const std::uint16_t base = static_cast<std::uint16_t>((wpa1 ? 1 : 2) | key_info::kPairwise);
    switch (message) {
        case 1:
            return static_cast<std::uint16_t>(base | key_info::kAck);
        case 2:
            return static_cast<std::uint16_t>(base | key_info::kMic);
        case 3:
            if (wpa1) return static_cast<std::uint16_t>(base | key_info::kAck | key_info::kMic | key_info::kInstall);
            return static_cast<std::uint16_t>(base | key_info::kAck | key_info::kMic | key_info::kInstall |
                                              key_info::kSecure | key_info::kEncryptedKeyData);
        default:
            return static_cast<std::uint16_t>(base | key_info::kMic | (wpa1 ? 0 : key_info::kSecure));
    }
}

}  // namespace

Bytes eapol_key(const EapolKeySpec& spec) {
    static constexpr std::array<std::uint8_t, 16> kZeroMic{};
    const std::span<const std::uint8_t> mic = spec.mic.empty() ? std::span<const std::uint8_t>(kZeroMic) : spec.mic;

    Bytes descriptor;
    descriptor.push_back(spec.descriptor_type);
    put_be16(descriptor, spec.key_information);
    put_be16(descriptor, spec.key_length);
    put_be64(descriptor, spec.replay_counter);
    put(descriptor, spec.nonce);
    put(descriptor, spec.key_iv);
    put(descriptor, spec.key_rsc);
    put_be64(descriptor, 0);  // reserved (WPA: Key ID)
    put(descriptor, mic);
    put_be16(descriptor, static_cast<std::uint16_t>(spec.key_data.size()));
    put(descriptor, spec.key_data);

    Bytes frame;
    frame.push_back(spec.protocol_version);
    frame.push_back(dissect::eapol_packet_type::kKey);
    put_be16(frame, static_cast<std::uint16_t>(descriptor.size()));
    put(frame, descriptor);
    return frame;
}

Bytes pmkid_kde(const std::array<std::uint8_t, 16>& pmkid) {
    // KDE (12.7.2, Figure 12-34): type 0xdd, length, OUI 00-0F-AC, data type 4 (PMKID), then the PMKID.
    // Sized once and filled in place: growing a 6-byte vector by insert() makes GCC 12 at -O3 warn about the
    // reallocation path it inlines (-Warray-bounds on a 6-byte memcpy), although that path is sound.
    constexpr std::array<std::uint8_t, 6> kHeader{0xdd, 4 + 16, 0x00, 0x0f, 0xac, 0x04};
    Bytes kde(kHeader.size() + pmkid.size());
    std::copy(pmkid.begin(), pmkid.end(), std::copy(kHeader.begin(), kHeader.end(), kde.begin()));
    return kde;
}

Bytes handshake_eapol(const HandshakeMessageSpec& spec) {
    Bytes default_key_data;
    std::span<const std::uint8_t> key_data = spec.key_data;
    if (key_data.empty()) {
        switch (spec.message) {
            case 1:
                if (spec.pmkid) default_key_data = pmkid_kde(*spec.pmkid);
                break;
            case 2:
                if (spec.wpa1)
                    put(default_key_data, kWpaElement);
                else
                    put(default_key_data, kClientRsnElement);
                break;
            case 3:
                if (spec.wpa1) {
                    put(default_key_data, kWpaElement);
                } else {
                    // Stands in for the AES-wrapped GTK KDE and RSN element a real AP sends.
                    default_key_data.resize(56);
                    for (std::size_t i = 0; i < default_key_data.size(); ++i)
                        default_key_data[i] = static_cast<std::uint8_t>(0x5a ^ (i * 7));
                }
                break;
            default:
                break;
        }
        key_data = default_key_data;
    }

    const bool sends_mic = spec.message != 1;
    static constexpr std::array<std::uint8_t, 16> kZeroMic{};
    return eapol_key(
        {.protocol_version = static_cast<std::uint8_t>(spec.wpa1 ? 1 : 2),
         .descriptor_type = spec.wpa1 ? dissect::eapol_descriptor::kWpa : dissect::eapol_descriptor::kRsn,
         .key_information = handshake_key_information(spec.message, spec.wpa1),
         .key_length = static_cast<std::uint16_t>(spec.message == 1 || spec.message == 3 ? (spec.wpa1 ? 32 : 16) : 0),
         .replay_counter = spec.replay_counter,
         .nonce = spec.nonce,
         .mic = sends_mic ? std::span<const std::uint8_t>(spec.mic) : std::span<const std::uint8_t>(kZeroMic),
         .key_data = key_data});
}

Bytes handshake_frame(const MacAddress& ap, const MacAddress& client, const HandshakeMessageSpec& spec, bool qos,
                      std::uint16_t sequence_number) {
    const Bytes eapol = handshake_eapol(spec);
    const Bytes body = llc_snap(dot11::kEthertypeEapol, eapol);
    const bool from_ap = spec.message == 1 || spec.message == 3;
    return data_frame({.direction = from_ap ? DsDirection::from_ap : DsDirection::to_ap,
                       .source = from_ap ? ap : client,
                       .destination = from_ap ? client : ap,
                       .bssid = ap,
                       .subtype = qos ? dot11::data::kQosData : dot11::data::kData,
                       .qos_control = 0,
                       .body = body,
                       .options = {.sequence_number = sequence_number}});
}

}  // namespace kismetcore::craft
