// One 802.11 MAC frame (IEEE 802.11-2020 clause 9) decoded into a view over the packet's bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::dissect {

// QoS Control field (9.2.4.5, Table 9-6).
struct QosControl {
    std::uint16_t raw = 0;

    [[nodiscard]] constexpr std::uint8_t tid() const noexcept { return static_cast<std::uint8_t>(raw & 0x0f); }
    [[nodiscard]] constexpr bool eosp() const noexcept { return (raw & 0x0010) != 0; }
    [[nodiscard]] constexpr std::uint8_t ack_policy() const noexcept {
        return static_cast<std::uint8_t>((raw >> 5) & 0x03);
    }
    [[nodiscard]] constexpr bool amsdu_present() const noexcept { return (raw & 0x0080) != 0; }
    // B8-B15: TXOP limit, TXOP duration requested or queue size, depending on sender and subtype.
    [[nodiscard]] constexpr std::uint8_t high_octet() const noexcept { return static_cast<std::uint8_t>(raw >> 8); }
};

// HT Control field (9.2.4.6): B0 = 0 is the HT variant, B0-B1 = 10 the VHT variant, 11 the HE variant.
enum class HtControlVariant : std::uint8_t { ht, vht, he };

struct HtControl {
    std::uint32_t raw = 0;

    [[nodiscard]] constexpr HtControlVariant variant() const noexcept {
        if ((raw & 0x1) == 0) return HtControlVariant::ht;
        return (raw & 0x2) == 0 ? HtControlVariant::vht : HtControlVariant::he;
    }
};

// How a protected frame's body is encrypted, read from the security header that opens it. Kismet tells WEP from
// WPA by the ExtIV bit of the key ID octet (12.3.2.2 vs 12.5.2.2 / 12.5.3.2); kismetcore does the same and then
// guesses TKIP or CCMP/GCMP: TKIP repeats TSC1 in octet 1 as WEPSeed ((TSC1 | 0x20) & 0x7f), CCMP and GCMP keep
// octet 2 reserved at zero.
enum class FrameProtection : std::uint8_t {
    none,        // the Protected bit is clear
    wep,         // ExtIV clear: 3-octet IV + key ID, 4-octet ICV trailer
    tkip,        // ExtIV set, octet 1 is the WEPSeed of octet 0
    ccmp,        // ExtIV set otherwise (CCMP or GCMP: same 8-octet header)
    unreadable,  // the Protected bit is set but the body is too short to hold a security header
};

struct Dot11Frame {
    // Frame Control field (9.2.4.1).
    std::uint16_t frame_control = 0;
    std::uint8_t version = 0;
    std::uint8_t type = 0;
    std::uint8_t subtype = 0;
    std::uint8_t flags = 0;  // the second octet (B8-B15) as sent
    bool to_ds = false;
    bool from_ds = false;
    bool more_fragments = false;
    bool retry = false;
    bool power_management = false;
    bool more_data = false;
    bool protected_frame = false;
    bool order = false;  // +HTC in QoS data and management frames, "strictly ordered" in non-QoS data
    std::uint16_t duration_id = 0;

    // The address fields as they appear, and what they mean under the frame's type and DS bits (Table 9-26).
    // Names follow tshark's wlan.ra / wlan.ta / wlan.sa / wlan.da / wlan.bssid: a field is empty when tshark
    // leaves it empty (control frames have no SA, DA or BSSID except PS-Poll's BSSID; WDS has no BSSID).
    std::optional<MacAddress> address1, address2, address3, address4;
    std::optional<MacAddress> source, destination, transmitter, receiver, bssid;

    // Sequence Control field (9.2.4.4); absent in control and extension frames.
    std::optional<std::uint16_t> sequence_number;
    std::optional<std::uint8_t> fragment_number;

    std::optional<QosControl> qos_control;  // QoS data subtypes (and QoS Control of A-MSDU / mesh data)
    std::optional<HtControl> ht_control;    // management and QoS data frames with +HTC, control wrapper
    std::size_t header_length = 0;          // the MAC header's length: where the frame body starts

    // Management fixed fields (9.3.3), present only for the subtypes that carry them.
    std::optional<std::uint64_t> timestamp;        // beacon, probe response, timing advertisement, DMG/S1G
    std::optional<std::uint16_t> beacon_interval;  // beacon, probe response, DMG beacon (in TUs)
    std::optional<std::uint16_t> capability_info;  // beacon, probe response, (re)association, timing adv.
    std::optional<std::uint16_t> listen_interval;  // (re)association request
    std::optional<MacAddress> current_ap;          // reassociation request
    std::optional<std::uint16_t> status_code;      // (re)association response, authentication
    std::optional<std::uint16_t> association_id;   // (re)association response; PS-Poll's AID
    std::optional<std::uint16_t> auth_algorithm;   // authentication
    std::optional<std::uint16_t> auth_sequence;    // authentication
    std::optional<std::uint16_t> reason_code;      // deauthentication, disassociation
    std::optional<std::uint8_t> action_category;   // action, action no-ack
    std::optional<std::uint8_t> action_code;       // action, action no-ack (the octet after the category)

    // The element list of a management or extension frame (9.4.2) and its offset within the frame; offset 0
    // means the frame has no element list (control and data frames, action frames other than neighbor
    // report responses, SAE authentication, protected management frames).
    std::span<const std::uint8_t> elements;
    std::size_t elements_offset = 0;
    // Everything after the MAC header (FCS excluded: the caller strips it).
    std::span<const std::uint8_t> body;

    // Control frames.
    std::optional<std::uint16_t> block_ack_control;          // BAR and BA (9.3.1.7, 9.3.1.8)
    std::optional<std::uint16_t> starting_sequence_control;  // BAR and BA, basic and compressed variants
    std::optional<std::uint8_t> sounding_dialog_token;       // VHT NDP announcement
    std::optional<std::uint16_t> carried_frame_control;      // control wrapper (9.3.1.9)
    std::optional<std::uint8_t> control_frame_extension;     // control frame extension (DMG), Table 9-2

    // Data frames: the LLC/SNAP header of an unprotected, unfragmented MSDU (or of the first A-MSDU subframe).
    bool amsdu = false;
    std::optional<std::uint16_t> ethertype;
    std::span<const std::uint8_t> llc_payload;  // the bytes after the SNAP header

    // Protected frames: the security header at the start of the body.
    FrameProtection protection = FrameProtection::none;
    std::uint8_t key_id = 0;
    std::optional<std::uint64_t> packet_number;  // TKIP TSC or CCMP/GCMP PN (48 bits)

    // Snake-case name of the type and subtype ("beacon", "qos_data", "reserved", ...).
    [[nodiscard]] const char* type_name() const noexcept;

    [[nodiscard]] bool is_management() const noexcept { return type == dot11::kTypeManagement; }
    [[nodiscard]] bool is_control() const noexcept { return type == dot11::kTypeControl; }
    [[nodiscard]] bool is_data() const noexcept { return type == dot11::kTypeData; }
    [[nodiscard]] bool is_extension() const noexcept { return type == dot11::kTypeExtension; }
    [[nodiscard]] bool is_qos_data() const noexcept {
        return type == dot11::kTypeData && (subtype & dot11::data::kQosSubtypeBit) != 0;
    }
};

// Snake-case name of a type and subtype pair, as Dot11Frame::type_name() gives it.
[[nodiscard]] const char* dot11_type_name(std::uint8_t type, std::uint8_t subtype) noexcept;

// Decodes an 802.11 frame without its FCS. On an error the fields read before it stay filled: a frame whose
// fixed fields are cut still has its type and addresses. Allocates nothing, throws nothing.
DissectError dissect_dot11_frame(std::span<const std::uint8_t> frame, Dot11Frame& out) noexcept;

}  // namespace kismetcore::dissect
