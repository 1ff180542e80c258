// The element list of a management frame (IEEE 802.11-2020 9.4.2) walked once into plain structs.
#pragma once

#include <array>
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
//
// The walk is lazy for the heavy elements (RSN, WPA, WMM, WPS, country, supported channels, HT/VHT/HE): it only
// records where the first of each is, and the accessor of that name (rsn(), country(), ...) decodes it on the
// first call and caches the result in the struct. Everything else is decoded by the walk. The accessors and
// malformed() are const but fill those caches: one InformationElements must not be read from two threads at once.
struct InformationElements {
    SsidElement ssid;
    RatesElement supported_rates;
    RatesElement extended_rates;
    std::optional<std::uint8_t> ds_channel;  // DS Parameter Set (9.4.2.4): the current channel
    std::optional<TimElement> tim;
    std::optional<std::uint8_t> power_constraint;  // Power Constraint (9.4.2.14), dB below the regulatory limit
    std::optional<PowerCapabilityElement> power_capability;
    std::optional<TpcReportElement> tpc_report;
    std::optional<BssLoadElement> bss_load;
    std::optional<MobilityDomainElement> mobility_domain;
    std::optional<ExtendedCapabilitiesElement> extended_capabilities;
    std::optional<MultipleBssidElement> multiple_bssid;
    std::optional<CiscoCcx1Element> cisco_ccx1;
    MeshIdElement mesh_id;

    std::size_t wmm_tspec_count = 0;  // every WMM TSPEC, malformed ones included (wmm_tspec() is the first)

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

    // The whole element list as given, for checksums (Kismet's ietag_checksum).
    std::span<const std::uint8_t> raw;

    // The lazily decoded elements, each decoded on the first call (allocation-free, noexcept).
    [[nodiscard]] const std::optional<CountryElement>& country() const noexcept { return get(country_, kCountry); }
    [[nodiscard]] const std::optional<SupportedChannelsElement>& supported_channels() const noexcept {
        return get(supported_channels_, kSupportedChannels);
    }
    [[nodiscard]] const std::optional<RsnElement>& rsn() const noexcept { return get(rsn_, kRsn); }
    // Vendor 00-50-F2 type 1.
    [[nodiscard]] const std::optional<WpaElement>& wpa() const noexcept { return get(wpa_, kWpa); }
    // Vendor 00-50-F2 type 2, information or parameter subtype.
    [[nodiscard]] const std::optional<WmmElement>& wmm() const noexcept { return get(wmm_, kWmm); }
    // The first WMM TSPEC.
    [[nodiscard]] const std::optional<WmmTspecElement>& wmm_tspec() const noexcept {
        return get(wmm_tspec_, kWmmTspec);
    }
    // Vendor 00-50-F2 type 4; an attribute set split over several vendor elements is gathered into one.
    [[nodiscard]] const std::optional<WpsElement>& wps() const noexcept { return get(wps_, kWps); }
    [[nodiscard]] const std::optional<HtCapabilitiesElement>& ht_capabilities() const noexcept {
        return get(ht_capabilities_, kHtCapabilities);
    }
    [[nodiscard]] const std::optional<HtOperationElement>& ht_operation() const noexcept {
        return get(ht_operation_, kHtOperation);
    }
    [[nodiscard]] const std::optional<VhtCapabilitiesElement>& vht_capabilities() const noexcept {
        return get(vht_capabilities_, kVhtCapabilities);
    }
    [[nodiscard]] const std::optional<VhtOperationElement>& vht_operation() const noexcept {
        return get(vht_operation_, kVhtOperation);
    }
    [[nodiscard]] const std::optional<HeCapabilitiesElement>& he_capabilities() const noexcept {
        return get(he_capabilities_, kHeCapabilities);
    }
    [[nodiscard]] const std::optional<HeOperationElement>& he_operation() const noexcept {
        return get(he_operation_, kHeOperation);
    }

    // Elements whose bodies contradicted their formats (the walk continued past each), in the order sent. The
    // first call decodes every lazy element to find them.
    [[nodiscard]] const FixedList<MalformedElement, 8>& malformed() const noexcept {
        if (!validated_) validate();
        return malformed_;
    }
    [[nodiscard]] std::size_t malformed_count() const noexcept {
        if (!validated_) validate();
        return malformed_count_;
    }

    // Back to the state of a default-constructed struct, as parse_information_elements() needs it, without
    // rewriting the ~3.5 KB of list storage: each optional is disengaged and each list emptied; the lazy caches
    // are invalidated by two stores. Every member above must be reset here (the test "a reused
    // InformationElements keeps nothing from the previous walk" checks them).
    void clear() noexcept;

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

    // The lazily decoded kinds, in bit order of the presence and decoded masks.
    enum LazyElement : unsigned {
        kCountry,
        kSupportedChannels,
        kRsn,
        kWpa,
        kWmm,
        kWmmTspec,
        kWps,
        kHtCapabilities,
        kHtOperation,
        kVhtCapabilities,
        kVhtOperation,
        kHeCapabilities,
        kHeOperation,
        kLazyElementCount
    };

private:
    friend struct ElementWalk;  // parse_information_elements' helpers (information_elements.cpp)

    std::uint32_t lazy_present_ = 0;                              // bit per LazyElement: the walk saw one
    std::array<std::uint32_t, kLazyElementCount> lazy_offset_{};  // its ID octet's offset in `raw`, when present
    FixedList<MalformedElement, 8> walk_malformed_;               // found by the walk itself (eager elements)
    std::size_t walk_malformed_count_ = 0;

    template <typename Element>
    const std::optional<Element>& get(const std::optional<Element>& cache, LazyElement kind) const noexcept {
        // An absent element never touches its cache, which may still hold an earlier walk's element.
        static constexpr std::optional<Element> kAbsent;
        const std::uint32_t bit = 1u << kind;
        if ((lazy_present_ & bit) == 0) return kAbsent;
        if ((lazy_decoded_ & bit) == 0) decode(kind);
        return cache;
    }
    void decode(LazyElement kind) const noexcept;
    void validate() const noexcept;

    mutable std::uint32_t lazy_decoded_ = 0;  // bit per LazyElement: its cache below holds this walk's element
    mutable bool validated_ = false;          // malformed_ and malformed_count_ are current
    mutable std::optional<CountryElement> country_;
    mutable std::optional<SupportedChannelsElement> supported_channels_;
    mutable std::optional<RsnElement> rsn_;
    mutable std::optional<WpaElement> wpa_;
    mutable std::optional<WmmElement> wmm_;
    mutable std::optional<WmmTspecElement> wmm_tspec_;
    mutable std::optional<WpsElement> wps_;
    mutable std::optional<HtCapabilitiesElement> ht_capabilities_;
    mutable std::optional<HtOperationElement> ht_operation_;
    mutable std::optional<VhtCapabilitiesElement> vht_capabilities_;
    mutable std::optional<VhtOperationElement> vht_operation_;
    mutable std::optional<HeCapabilitiesElement> he_capabilities_;
    mutable std::optional<HeOperationElement> he_operation_;
    mutable FixedList<MalformedElement, 8> malformed_;
    mutable std::size_t malformed_count_ = 0;
};

// Walks `elements` (the bytes after a management frame's fixed fields) into `out`, which is reset first.
//
// - An element whose Length runs past the end stops the walk: the result is DissectStatus::truncated with the
//   offset of that element's ID octet, and everything before it stays decoded.
// - An element whose body contradicts its format (an RSN suite count past its length, a 3-octet HT Operation)
//   is marked malformed in its own struct, listed in `out.malformed()`, and the walk continues; the result is
//   still ok (the heavy elements are checked when first read: see InformationElements). kDissectOk therefore means
//   "every element was visited", not "every element was well formed".
//
// Offsets are relative to `elements`; add the frame's elements_offset for a packet offset.
// Allocates nothing, throws nothing.
DissectError parse_information_elements(std::span<const std::uint8_t> elements, InformationElements& out) noexcept;

// The operating channel width the elements announce, read from the first that defines one: the 6 GHz
// information of HE Operation, the VHT operation information inside HE Operation, VHT Operation, HT Operation.
// nullopt when the frame carries none of them.
[[nodiscard]] std::optional<ChannelWidth> operating_channel_width(const InformationElements& elements) noexcept;

}  // namespace kismetcore::dissect
