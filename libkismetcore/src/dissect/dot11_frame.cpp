// The 802.11 frame dissector's entry point: Frame Control, Duration/ID and dispatch by frame type.
#include "kismetcore/dissect/dot11_frame.h"

#include <array>

#include "dissect/dot11_frame_parts.h"
#include "dissect/reset_to_default.h"
#include "kismetcore/common/byte_cursor.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::dissect {
namespace {

// Names by type * 16 + subtype, IEEE 802.11-2020 Table 9-1 (Trigger from 802.11ax-2021).
constexpr std::array<const char*, 64> kTypeNames{
    // management
    "assoc_request", "assoc_response", "reassoc_request", "reassoc_response", "probe_request", "probe_response",
    "timing_advertisement", "reserved", "beacon", "atim", "disassociation", "authentication", "deauthentication",
    "action", "action_no_ack", "reserved",
    // control
    "reserved", "reserved", "trigger", "reserved", "beamforming_report_poll", "vht_ndp_announcement",
    "control_frame_extension", "control_wrapper", "block_ack_request", "block_ack", "ps_poll", "rts", "cts", "ack",
    "cf_end", "cf_end_ack",
    // data
    "data", "data_cf_ack", "data_cf_poll", "data_cf_ack_poll", "null", "cf_ack", "cf_poll", "cf_ack_poll", "qos_data",
    "qos_data_cf_ack", "qos_data_cf_poll", "qos_data_cf_ack_poll", "qos_null", "reserved", "qos_cf_poll",
    "qos_cf_ack_poll",
    // extension
    "dmg_beacon", "s1g_beacon", "reserved", "reserved", "reserved", "reserved", "reserved", "reserved", "reserved",
    "reserved", "reserved", "reserved", "reserved", "reserved", "reserved", "reserved"};

// The flag octet (B8-B15 of Frame Control) as Dot11Frame's eight bools, for each value: one 8-byte copy instead of
// eight shift-and-mask stores. The members run in bit order, B8 (ToDS) to B15 (Order).
struct FlagBools {
    bool to_ds, from_ds, more_fragments, retry, power_management, more_data, protected_frame, order;
};
constexpr auto kFlagBools = [] {
    namespace fc = dot11::fc_flag;
    std::array<FlagBools, 256> table{};
    for (unsigned flags = 0; flags < table.size(); ++flags)
        table[flags] = FlagBools{(flags & fc::kToDs) != 0,
                                 (flags & fc::kFromDs) != 0,
                                 (flags & fc::kMoreFragments) != 0,
                                 (flags & fc::kRetry) != 0,
                                 (flags & fc::kPowerManagement) != 0,
                                 (flags & fc::kMoreData) != 0,
                                 (flags & fc::kProtected) != 0,
                                 (flags & fc::kOrder) != 0};
    return table;
}();

}  // namespace

const char* dot11_type_name(std::uint8_t type, std::uint8_t subtype) noexcept {
    return kTypeNames[static_cast<std::size_t>(((type & 0x3) << 4) | (subtype & 0xf))];
}

const char* Dot11Frame::type_name() const noexcept {
    return dot11_type_name(type, subtype);
}

DissectError dissect_dot11_frame(std::span<const std::uint8_t> frame, Dot11Frame& out) noexcept {
    detail::reset_to_default(out);
    ByteCursor cursor(frame);

    // Frame Control (9.2.4.1): B0-B1 protocol version, B2-B3 type, B4-B7 subtype, B8-B15 flags. The tests below
    // read these locals, not `out`: reloading fields just stored in pieces would stall on store forwarding.
    std::uint16_t frame_control = 0;
    if (!cursor.read_le16(frame_control)) return detail::truncated_at("802.11 frame control cut short", 0);
    const auto version = static_cast<std::uint8_t>(frame_control & 0x3);
    const auto type = static_cast<std::uint8_t>((frame_control >> 2) & 0x3);
    const auto subtype = static_cast<std::uint8_t>((frame_control >> 4) & 0xf);
    const auto flags = static_cast<std::uint8_t>(frame_control >> 8);
    out.frame_control = frame_control;
    out.version = version;
    out.type = type;
    out.subtype = subtype;
    out.flags = flags;

    // PV1 frames (S1G short frames, 9.8) have a different header altogether.
    if (version != 0) return dissect_error(DissectStatus::unsupported_version, "802.11 protocol version is not 0", 0);

    // In an S1G beacon B8-B15 are S1G beacon flags (9.2.4.1.1, Figure 9-4); in a control frame extension B8-B11
    // carry the Control Frame Extension value (Table 9-2). Neither has ToDS, FromDS, More Fragments or Retry.
    const bool s1g_beacon = type == dot11::kTypeExtension && subtype == dot11::extension::kS1gBeacon;
    if (!s1g_beacon) {
        const FlagBools& bools = kFlagBools[flags];
        out.to_ds = bools.to_ds;
        out.from_ds = bools.from_ds;
        out.more_fragments = bools.more_fragments;
        out.retry = bools.retry;
        out.power_management = bools.power_management;
        out.more_data = bools.more_data;
        out.protected_frame = bools.protected_frame;
        out.order = bools.order;
        if (type == dot11::kTypeControl && subtype == dot11::control::kControlFrameExtension) {
            out.to_ds = out.from_ds = out.more_fragments = out.retry = false;
            out.control_frame_extension = static_cast<std::uint8_t>(flags & 0x0f);
        }
    }

    // Duration/ID (9.2.4.2).
    if (!cursor.read_le16(out.duration_id)) return detail::truncated_at("802.11 duration cut short", cursor.offset());

    switch (type) {
        case dot11::kTypeManagement:
            return detail::dissect_management(frame, out);
        case dot11::kTypeControl:
            return detail::dissect_control(frame, out);
        case dot11::kTypeData:
            return detail::dissect_data(frame, out);
        default:
            return detail::dissect_extension(frame, out);
    }
}

namespace detail {

void read_security_header(Dot11Frame& out) noexcept {
    const auto body = out.body;
    // WEP: IV (3 octets) then the key ID octet, whose B5 is ExtIV (12.3.2.2, Figure 12-3).
    if (body.size() < 4) {
        out.protection = FrameProtection::unreadable;
        return;
    }
    const std::uint8_t key_octet = body[3];
    out.key_id = static_cast<std::uint8_t>(key_octet >> 6);
    if ((key_octet & dot11::kExtendedIvBit) == 0) {
        out.protection = FrameProtection::wep;
        return;
    }
    // TKIP (12.5.2.2, Figure 12-16): TSC1, WEPSeed, TSC0, key ID, TSC2-TSC5.
    // CCMP (12.5.3.2, Figure 12-20) and GCMP (12.5.5.2): PN0, PN1, reserved (0), key ID, PN2-PN5.
    // When both patterns match (1 CCMP frame in 256) tshark says TKIP, and so does kismetcore.
    const bool tkip = body[1] == ((body[0] | 0x20) & 0x7f);
    out.protection = tkip ? FrameProtection::tkip : FrameProtection::ccmp;
    if (body.size() < 8) return;
    // Octets 4-7 hold the high 32 bits, least significant first; GCC turns these four into one load.
    std::uint64_t number = std::uint64_t{body[4]} | (std::uint64_t{body[5]} << 8) | (std::uint64_t{body[6]} << 16) |
                           (std::uint64_t{body[7]} << 24);
    if (tkip)
        number = (number << 16) | (std::uint64_t{body[0]} << 8) | body[2];
    else
        number = (number << 16) | (std::uint64_t{body[1]} << 8) | body[0];
    out.packet_number = number;
}

}  // namespace detail
}  // namespace kismetcore::dissect
