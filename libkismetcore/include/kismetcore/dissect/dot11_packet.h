// A whole 802.11 packet dissected in one call: the frame, its information elements, its EAPOL-Key frame and its
// DHCP message.
#pragma once

#include <cstdint>
#include <span>

#include "kismetcore/dissect/dhcp_message.h"
#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/dot11_frame.h"
#include "kismetcore/dissect/eapol_key.h"
#include "kismetcore/dissect/information_elements.h"

namespace kismetcore::dissect {

struct Dot11Packet {
    Dot11Frame frame;
    // The frame's element list parsed (management frames, DMG and S1G beacons, neighbor report responses).
    // has_elements is set whenever the frame has an element list, even an empty or damaged one;
    // elements_error says how parsing it went. A damaged element list does not fail the packet. `elements` is
    // left as it was when has_elements is false (resetting it for every data frame would cost time).
    InformationElements elements;
    bool has_elements = false;
    DissectError elements_error;
    // The EAPOL-Key frame of a data frame whose LLC/SNAP EtherType is 0x888e. has_eapol is set only for a WPA or
    // RSN key descriptor that decoded; eapol_error says why an EAPOL frame did not.
    EapolKey eapol;
    bool has_eapol = false;
    DissectError eapol_error;
    // The DHCP message of a cleartext data frame whose LLC/SNAP EtherType is IPv4 and that carries_dhcp().
    // has_dhcp is set when its fixed part decoded (the options read before any damage are kept); dhcp_error says
    // what was wrong with it. Offsets are packet-relative. `dhcp` is reset for every frame that carries_dhcp(), and
    // may be partly filled when has_dhcp is false; for other frames it keeps what it held (spans into an earlier
    // packet), so read it only when has_dhcp is set.
    DhcpMessage dhcp;
    bool has_dhcp = false;
    DissectError dhcp_error;

    // crypt_bits(privacy, elements) for beacons and probe responses, 0 for every other frame. Computed on each
    // call rather than by dissect_dot11_packet, since most packets are never asked: it decodes the RSN element
    // and indexes the vendor elements for WPA, which `elements` then caches. Like the element accessors it reads
    // the packet's bytes, so call it while they are unchanged, and from one thread at a time. Allocates nothing.
    [[nodiscard]] std::uint64_t crypt_bits() const noexcept;
};

// Dissects the frame, then its elements (management frames), then EAPOL (data frames carrying LLC/SNAP 888e) or
// DHCP (LLC/SNAP 0800). Returns the frame's status: element, EAPOL and DHCP problems are reported in
// elements_error, eapol_error and dhcp_error.
// `frame_bytes` excludes the FCS. Allocates nothing, throws nothing.
DissectError dissect_dot11_packet(std::span<const std::uint8_t> frame_bytes, Dot11Packet& out) noexcept;

}  // namespace kismetcore::dissect
