// EAPOL-Key frames: the WPA/RSN key descriptor, the 4-way handshake message number and the PMKID KDE.
#include "kismetcore/dissect/eapol_key.h"

#include <algorithm>

#include "dissect/network_bytes.h"
#include "dissect/reset_to_default.h"
#include "kismetcore/common/byte_cursor.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::dissect {
namespace {

using detail::be16_at;

// Octets of the key descriptor before the MIC field: Descriptor Type (1), Key Information (2), Key Length (2),
// Key Replay Counter (8), Key Nonce (32), EAPOL-Key IV (16), Key RSC (8), Reserved (8) (12.7.2, Figure 12-32).
constexpr std::size_t kDescriptorFixedLength = 77;
constexpr std::array<std::size_t, 3> kMicLengths{16, 24, 0};

constexpr std::array<std::uint8_t, 2> kEapolEthertype{0x88, 0x8e};

std::span<const std::uint8_t> strip_llc_snap(std::span<const std::uint8_t> bytes) noexcept {
    const auto& snap = dot11::kRfc1042Header;
    if (bytes.size() >= dot11::kLlcSnapLength && std::equal(snap.begin(), snap.end(), bytes.begin()) &&
        bytes[6] == kEapolEthertype[0] && bytes[7] == kEapolEthertype[1])
        return bytes.subspan(dot11::kLlcSnapLength);
    return bytes;
}

template <std::size_t N>
bool read_array(ByteCursor& cursor, std::array<std::uint8_t, N>& out) noexcept {
    std::span<const std::uint8_t> bytes;
    if (!cursor.read_bytes(N, bytes)) return false;
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return true;
}

// The MIC length whose Key Data Length field accounts exactly for the rest of the body; 16 when none does.
std::size_t guess_mic_length(std::span<const std::uint8_t> descriptor, std::size_t declared_length) noexcept {
    for (auto mic_length : kMicLengths) {
        const std::size_t length_offset = kDescriptorFixedLength + mic_length;
        if (length_offset + 2 > descriptor.size()) continue;
        if (length_offset + 2 + be16_at(descriptor, length_offset) == declared_length) return mic_length;
    }
    return kMicLengths[0];
}

// Message numbers as tshark derives them (packet-ieee80211.c): Ack set means message 1 or 3, told apart by
// Install; Ack clear means message 2 or 4, told apart by whether Key Data is present. Message 4's nonce is
// usually zero, but some supplicants repeat the SNonce, and message 2 of a rekey has Secure set (12.7.6).
void classify_message(EapolKey& key) noexcept {
    if (!key.pairwise) {
        key.group_message_number = key.ack ? 1 : 2;  // group key handshake (12.7.7)
        return;
    }
    if (key.ack)
        key.message_number = key.install ? 3 : 1;
    else
        key.message_number = key.key_data_length != 0 ? 2 : 4;
}

// Walks the Key Data field as elements and KDEs (12.7.2, Figure 12-34) for the PMKID KDE: type 0xdd, length,
// OUI 00-0F-AC, data type 4, PMKID. A 0xdd octet followed by zeros is padding and ends the walk.
void find_pmkid(EapolKey& key) noexcept {
    ByteCursor cursor(key.key_data);
    std::uint8_t type = 0;
    std::uint8_t length = 0;
    while (cursor.read_u8(type) && cursor.read_u8(length)) {
        std::span<const std::uint8_t> value;
        if (!cursor.read_bytes(length, value)) return;
        if (type == 0xdd && length == 0) return;
        if (type == 0xdd && value.size() >= 4 + 16 && value[0] == 0x00 && value[1] == 0x0f && value[2] == 0xac &&
            value[3] == 4) {
            std::array<std::uint8_t, 16> pmkid{};
            std::copy_n(value.begin() + 4, pmkid.size(), pmkid.begin());
            key.pmkid = pmkid;
            return;
        }
    }
}

}  // namespace

DissectError dissect_eapol(std::span<const std::uint8_t> llc_payload_or_eapol, EapolKey& out) noexcept {
    detail::reset_to_default(out);
    const auto eapol = strip_llc_snap(llc_payload_or_eapol);
    const std::size_t base = llc_payload_or_eapol.size() - eapol.size();  // offsets reported from the input start

    // EAPOL header (802.1X-2004 7.5): Protocol Version, Packet Type, Packet Body Length (big-endian).
    ByteCursor header(eapol);
    if (!header.read_u8(out.protocol_version) || !header.read_u8(out.packet_type) ||
        !header.read_be16(out.packet_body_length))
        return dissect_error(DissectStatus::truncated, "EAPOL header cut short", base + header.offset());
    if (out.packet_type != eapol_packet_type::kKey) return kDissectOk;

    // Read within the declared body; what the capture holds past it is padding.
    const bool complete = header.remaining() >= out.packet_body_length;
    const auto descriptor = header.rest().first(std::min<std::size_t>(out.packet_body_length, header.remaining()));
    const std::size_t descriptor_base = base + header.offset();
    auto cut = [&](const char* reason, std::size_t offset) {
        return dissect_error(complete ? DissectStatus::malformed : DissectStatus::truncated, reason,
                             descriptor_base + offset);
    };

    ByteCursor cursor(descriptor);
    if (!cursor.read_u8(out.descriptor_type)) return cut("EAPOL-Key descriptor type missing", 0);
    if (out.descriptor_type != eapol_descriptor::kRsn && out.descriptor_type != eapol_descriptor::kWpa)
        return kDissectOk;  // RC4 (WEP 802.1X) and unknown descriptors: header only

    std::uint64_t reserved_key_id = 0;
    if (!cursor.read_be16(out.key_information) || !cursor.read_be16(out.key_length) ||
        !cursor.read_be64(out.replay_counter) || !read_array(cursor, out.nonce) || !read_array(cursor, out.key_iv) ||
        !read_array(cursor, out.key_rsc) || !cursor.read_be64(reserved_key_id))
        return cut("EAPOL-Key descriptor fixed fields cut short", cursor.offset());

    const std::uint16_t info = out.key_information;
    out.descriptor_version = static_cast<std::uint8_t>(info & key_info::kDescriptorVersionMask);
    out.pairwise = (info & key_info::kPairwise) != 0;
    out.install = (info & key_info::kInstall) != 0;
    out.ack = (info & key_info::kAck) != 0;
    out.mic_present = (info & key_info::kMic) != 0;
    out.secure = (info & key_info::kSecure) != 0;
    out.error = (info & key_info::kError) != 0;
    out.request = (info & key_info::kRequest) != 0;
    out.encrypted_key_data = (info & key_info::kEncryptedKeyData) != 0;

    const std::size_t mic_length = guess_mic_length(descriptor, out.packet_body_length);
    if (!cursor.read_bytes(mic_length, out.mic) || !cursor.read_be16(out.key_data_length))
        return cut("EAPOL-Key MIC or key data length cut short", cursor.offset());
    if (!cursor.read_bytes(out.key_data_length, out.key_data))
        return cut("EAPOL-Key key data longer than the frame", cursor.offset());
    out.has_key_descriptor = true;

    classify_message(out);
    if (!out.encrypted_key_data) find_pmkid(out);
    return kDissectOk;
}

}  // namespace kismetcore::dissect
