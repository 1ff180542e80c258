// The element list of a management frame (IEEE 802.11-2020 9.4.2) walked once into plain structs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/dissect/dissect_status.h"
#include "kismetcore/dissect/elements/country_element.h"
#include "kismetcore/dissect/elements/element_ids.h"
#include "kismetcore/dissect/elements/element_list.h"
#include "kismetcore/dissect/elements/element_status.h"
#include "kismetcore/dissect/elements/he_elements.h"
#include "kismetcore/dissect/elements/ht_elements.h"
#include "kismetcore/dissect/elements/rates_element.h"
#include "kismetcore/dissect/elements/rsn_element.h"
#include "kismetcore/dissect/elements/small_elements.h"
#include "kismetcore/dissect/elements/ssid_element.h"
#include "kismetcore/dissect/elements/vendor_elements.h"
#include "kismetcore/dissect/elements/vht_elements.h"
#include "kismetcore/dissect/elements/wmm_element.h"
#include "kismetcore/dissect/elements/wps_element.h"

namespace kismetcore::dissect {

// One entry of the element list in the order sent, for fingerprints (Kismet's dot11_*_ie_fingerprint and
// ie_tag_list): the Element ID, the extension ID of element 255, and the OUI and vendor type of element 221.
struct ElementTag {
    std::uint8_t number = 0;
    std::uint8_t extension_id = 0;  // element 255 only
    std::uint32_t vendor_oui = 0;   // element 221 only
    std::uint8_t vendor_type = 0;   // element 221 only, when the body has a fourth octet

    friend constexpr bool operator==(const ElementTag&, const ElementTag&) = default;
};

// An element whose body contradicted its format; the walk went on past it.
struct MalformedElement {
    ElementTag tag;
    std::size_t offset = 0;  // of the element's ID octet, within the span given to parse_information_elements
    const char* reason = "";
};

// Everything kismetcore reads from one element list. Spans point into the packet, so the struct is valid only
// while the packet's bytes are. Singleton elements keep their first occurrence; a later copy is listed in
// `tags` and counted in `duplicate_count` but not decoded.
struct InformationElements {
    SsidElement ssid;
    RatesElement supported_rates;
    RatesElement extended_rates;
    std::optional<std::uint8_t> ds_channel;  // DS Parameter Set (9.4.2.4): the current channel
    std::optional<TimElement> tim;
    std::optional<CountryElement> country;
    std::optional<std::uint8_t> power_constraint;  // Power Constraint (9.4.2.14), dB below the regulatory limit
    std::optional<PowerCapabilityElement> power_capability;
    std::optional<TpcReportElement> tpc_report;
    std::optional<SupportedChannelsElement> supported_channels;
    std::optional<BssLoadElement> bss_load;
    std::optional<MobilityDomainElement> mobility_domain;
    std::optional<ExtendedCapabilitiesElement> extended_capabilities;
    std::optional<MultipleBssidElement> multiple_bssid;
    std::optional<CiscoCcx1Element> cisco_ccx1;
    MeshIdElement mesh_id;

    std::optional<RsnElement> rsn;
    std::optional<WpaElement> wpa;             // vendor 00-50-F2 type 1
    std::optional<WmmElement> wmm;             // vendor 00-50-F2 type 2, information or parameter subtype
    std::optional<WmmTspecElement> wmm_tspec;  // the first TSPEC
    std::size_t wmm_tspec_count = 0;           // every TSPEC, malformed ones included
    std::optional<WpsElement> wps;             // vendor 00-50-F2 type 4

    std::optional<HtCapabilitiesElement> ht_capabilities;
    std::optional<HtOperationElement> ht_operation;
    std::optional<VhtCapabilitiesElement> vht_capabilities;
    std::optional<VhtOperationElement> vht_operation;
    std::optional<HeCapabilitiesElement> he_capabilities;
    std::optional<HeOperationElement> he_operation;

    std::optional<OweTransitionElement> owe_transition;  // vendor 50-6F-9A type 28
    bool p2p = false;                                    // vendor 50-6F-9A type 9 (Wi-Fi Direct)
    bool dji_droneid = false;                            // vendor OUI 26-37-12
    std::optional<bool> cisco_client_mfp;                // vendor 00-40-96 type 0x14: client MFP enabled

    // Every vendor element, decoded or not, in the order sent.
    FixedList<VendorElement, 24> vendors;
    // Every complete element in the order sent.
    FixedList<ElementTag, 64> tags;
    std::size_t element_count = 0;  // complete elements walked (tags may have overflowed)
    std::size_t duplicate_count = 0;

    // Elements whose bodies contradicted their formats (the walk continued past each).
    FixedList<MalformedElement, 8> malformed;
    std::size_t malformed_count = 0;

    // The whole element list as given, for checksums (Kismet's ietag_checksum).
    std::span<const std::uint8_t> raw;

    [[nodiscard]] constexpr bool has_tag(std::uint8_t number) const noexcept {
        for (const auto& tag : tags)
            if (tag.number == number) return true;
        return false;
    }
    [[nodiscard]] constexpr bool has_vendor(std::uint32_t vendor_oui, std::uint8_t type) const noexcept {
        for (const auto& vendor : vendors)
            if (vendor.oui == vendor_oui && vendor.type == type) return true;
        return false;
    }
};

// Walks `elements` (the bytes after a management frame's fixed fields) into `out`, which is reset first.
//
// - An element whose Length runs past the end stops the walk: the result is DissectStatus::truncated with the
//   offset of that element's ID octet, and everything before it stays decoded.
// - An element whose body contradicts its format (an RSN suite count past its length, a 3-octet HT Operation)
//   is marked malformed in its own struct, listed in `out.malformed`, and the walk continues; the result is
//   still ok. kDissectOk therefore means "every element was visited", not "every element was well formed".
//
// Offsets are relative to `elements`; add the frame's elements_offset for a packet offset.
// Allocates nothing, throws nothing.
DissectError parse_information_elements(std::span<const std::uint8_t> elements, InformationElements& out) noexcept;

// The operating channel width the elements announce, read from the first that defines one: the 6 GHz
// information of HE Operation, the VHT operation information inside HE Operation, VHT Operation, HT Operation.
// nullopt when the frame carries none of them.
[[nodiscard]] std::optional<ChannelWidth> operating_channel_width(const InformationElements& elements) noexcept;

}  // namespace kismetcore::dissect
