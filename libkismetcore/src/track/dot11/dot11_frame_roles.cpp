// Address roles of management and data frames, following Kismet's packet_dot11_dissector.
#include "dot11_frame_roles.h"

#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::track::dot11 {
namespace {

MacAddress or_zero(const std::optional<MacAddress>& mac) noexcept {
    return mac.value_or(MacAddress{});
}

bool has_fixed_capability(std::uint8_t subtype) noexcept {
    namespace m = dissect::dot11::management;
    return subtype == m::kBeacon || subtype == m::kProbeResponse || subtype == m::kAssociationRequest ||
           subtype == m::kAssociationResponse || subtype == m::kReassociationRequest ||
           subtype == m::kReassociationResponse || subtype == m::kAtim;
}

}  // namespace

FrameRoles frame_roles(const dissect::Dot11Frame& frame) noexcept {
    FrameRoles roles;
    const MacAddress a1 = or_zero(frame.address1);
    const MacAddress a2 = or_zero(frame.address2);
    const MacAddress a3 = or_zero(frame.address3);
    if (frame.type == dissect::dot11::kTypeManagement) {
        roles.destination = a1;
        roles.source = a2;
        roles.bssid = a3;
        if (frame.subtype == dissect::dot11::management::kProbeRequest) roles.distribution = Distribution::to_ds;
        if (has_fixed_capability(frame.subtype) && frame.capability_info) {
            const bool ess = (*frame.capability_info & dissect::dot11::capability::kEss) != 0;
            const bool ibss = (*frame.capability_info & dissect::dot11::capability::kIbss) != 0;
            roles.ibss = ibss;
            if (!ess && ibss) roles.distribution = Distribution::adhoc;
        }
        return roles;
    }
    // Data frames.
    if (!frame.to_ds && !frame.from_ds) {
        roles.destination = a1;
        roles.source = a2;
        roles.bssid = a3.is_zero() ? a2 : a3;
        roles.distribution = Distribution::adhoc;
    } else if (frame.from_ds && !frame.to_ds) {
        roles.destination = a1;
        roles.bssid = a2;
        roles.source = a3;
        roles.distribution = Distribution::from_ds;
    } else if (frame.to_ds && !frame.from_ds) {
        roles.bssid = a1;
        roles.source = a2;
        roles.destination = a3;
        roles.distribution = Distribution::to_ds;
    } else {
        roles.receiver = a1;
        roles.transmitter = a2;
        roles.destination = a3;
        roles.source = or_zero(frame.address4);
        roles.distribution = Distribution::inter_ds;
    }
    return roles;
}

bool too_short_for_kismet(const dissect::Dot11Frame& frame, std::size_t length) noexcept {
    namespace mgmt = dissect::dot11::management;
    if (length < 24) return true;
    if (frame.type == dissect::dot11::kTypeManagement) {
        switch (frame.subtype) {
            // Kismet's limit for association frames is 36 bytes, though their fixed fields need fewer.
            case mgmt::kAssociationRequest:
            case mgmt::kAssociationResponse:
            case mgmt::kReassociationRequest:
            case mgmt::kProbeResponse:
            case mgmt::kBeacon:
            case mgmt::kAtim:
                return length < 36;
            case mgmt::kAction:
                return length < 30;
            default:
                return false;
        }
    }
    return frame.type == dissect::dot11::kTypeData && frame.to_ds && frame.from_ds && length < 30;
}

}  // namespace kismetcore::track::dot11
