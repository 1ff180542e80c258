// Runs the 802.11 frame, information element, EAPOL-Key and DHCP dissectors over one packet.
#include "kismetcore/dissect/dot11_packet.h"

#include "dissect/reset_to_default.h"
#include "kismetcore/dissect/crypt_set.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::dissect {

std::uint64_t Dot11Packet::crypt_bits() const noexcept {
    const bool advertises_bss =
        has_elements && frame.type == dot11::kTypeManagement &&
        (frame.subtype == dot11::management::kBeacon || frame.subtype == dot11::management::kProbeResponse);
    if (!advertises_bss) return 0;
    const bool privacy = (frame.capability_info.value_or(0) & dot11::capability::kPrivacy) != 0;
    return dissect::crypt_bits(privacy, elements);
}

DissectError dissect_dot11_packet(std::span<const std::uint8_t> frame_bytes, Dot11Packet& out) noexcept {
    out.has_elements = false;
    out.elements_error = kDissectOk;
    out.has_eapol = false;
    out.eapol_error = kDissectOk;
    out.has_dhcp = false;
    out.dhcp_error = kDissectOk;
    // Kept although it costs a dozen stores: a stale EapolKey would hold spans into an earlier packet's bytes.
    detail::reset_to_default(out.eapol);  // `= EapolKey{}` compiles to a rep stos and a rep movs

    const DissectError frame_error = dissect_dot11_frame(frame_bytes, out.frame);
    const Dot11Frame& frame = out.frame;

    if (frame.elements_offset != 0) {
        out.elements_error = parse_information_elements(frame.elements, out.elements);
        if (!out.elements_error.ok())  // packet-relative
            out.elements_error.offset += static_cast<std::uint32_t>(frame.elements_offset);
        out.has_elements = true;
    }

    if (frame.ethertype == dot11::kEthertypeEapol) {
        out.eapol_error = dissect_eapol(frame.llc_payload, out.eapol);
        if (!out.eapol_error.ok())
            out.eapol_error.offset += static_cast<std::uint32_t>(frame.llc_payload.data() - frame_bytes.data());
        out.has_eapol = out.eapol_error.ok() && out.eapol.has_key_descriptor;
    } else if (frame.ethertype == dot11::kEthertypeIpv4 && carries_dhcp(frame.llc_payload)) {
        const DhcpDissection dhcp = dissect_dhcp(frame.llc_payload, out.dhcp);
        out.dhcp_error = dhcp.error;
        if (!out.dhcp_error.ok())
            out.dhcp_error.offset += static_cast<std::uint32_t>(frame.llc_payload.data() - frame_bytes.data());
        out.has_dhcp = dhcp.decoded;
    }
    return frame_error;
}

}  // namespace kismetcore::dissect
