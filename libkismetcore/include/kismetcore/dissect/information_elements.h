// The element list of a management frame (IEEE 802.11-2020 9.4.2): walked once, decoded into plain structs on demand.
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
// `tags()` and counted in `duplicate_count()` but not decoded.
//
// The walk only checks that every element fits and notes where the first element of each kind kismetcore knows
// is (a presence bit and an offset); it decodes nothing. Each accessor decodes what it answers on its first call
// and caches it in the struct: the element of its name, the index of vendor and extension elements (p2p(),
// wpa(), he_operation(), ...: one pass over them answers them all), the vendor list, the tag list, or the
// duplicate and malformed census. Only raw() and element_count() come from the walk itself. Every accessor is
// const, noexcept and allocation-free, but most of them fill caches: one InformationElements must not be read
// from two threads at once.
struct InformationElements {
    [[nodiscard]] const SsidElement& ssid() const noexcept { return get(ssid_, kSsid); }
    [[nodiscard]] const RatesElement& supported_rates() const noexcept {
        return get(supported_rates_, kSupportedRates);
    }
    [[nodiscard]] const RatesElement& extended_rates() const noexcept { return get(extended_rates_, kExtendedRates); }
    // DS Parameter Set (9.4.2.4): the current channel. Not set when no DS element has a length of 1.
    [[nodiscard]] const std::optional<std::uint8_t>& ds_channel() const noexcept {
        return get(ds_channel_, kDsChannel);
    }
    [[nodiscard]] const std::optional<TimElement>& tim() const noexcept { return get(tim_, kTim); }
    // Power Constraint (9.4.2.14), dB below the regulatory limit.
    [[nodiscard]] const std::optional<std::uint8_t>& power_constraint() const noexcept {
        return get(power_constraint_, kPowerConstraint);
    }
    [[nodiscard]] const std::optional<PowerCapabilityElement>& power_capability() const noexcept {
        return get(power_capability_, kPowerCapability);
    }
    [[nodiscard]] const std::optional<TpcReportElement>& tpc_report() const noexcept {
        return get(tpc_report_, kTpcReport);
    }
    [[nodiscard]] const std::optional<BssLoadElement>& bss_load() const noexcept { return get(bss_load_, kBssLoad); }
    [[nodiscard]] const std::optional<MobilityDomainElement>& mobility_domain() const noexcept {
        return get(mobility_domain_, kMobilityDomain);
    }
    [[nodiscard]] const std::optional<ExtendedCapabilitiesElement>& extended_capabilities() const noexcept {
        return get(extended_capabilities_, kExtendedCapabilities);
    }
    [[nodiscard]] const std::optional<MultipleBssidElement>& multiple_bssid() const noexcept {
        return get(multiple_bssid_, kMultipleBssid);
    }
    [[nodiscard]] const std::optional<CiscoCcx1Element>& cisco_ccx1() const noexcept {
        return get(cisco_ccx1_, kCiscoCcx1);
    }
    [[nodiscard]] const MeshIdElement& mesh_id() const noexcept { return get(mesh_id_, kMeshId); }
    [[nodiscard]] const std::optional<CountryElement>& country() const noexcept { return get(country_, kCountry); }
    [[nodiscard]] const std::optional<SupportedChannelsElement>& supported_channels() const noexcept {
        return get(supported_channels_, kSupportedChannels);
    }
    [[nodiscard]] const std::optional<RsnElement>& rsn() const noexcept { return get(rsn_, kRsn); }
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

    // From the vendor (221) and extension (255) elements.
    // Vendor 00-50-F2 type 1.
    [[nodiscard]] const std::optional<WpaElement>& wpa() const noexcept { return get_vendor(wpa_, kWpa); }
    // Vendor 00-50-F2 type 2, information or parameter subtype.
    [[nodiscard]] const std::optional<WmmElement>& wmm() const noexcept { return get_vendor(wmm_, kWmm); }
    // The first WMM TSPEC.
    [[nodiscard]] const std::optional<WmmTspecElement>& wmm_tspec() const noexcept {
        return get_vendor(wmm_tspec_, kWmmTspec);
    }
    // Every WMM TSPEC, malformed ones included (wmm_tspec() is the first).
    [[nodiscard]] std::size_t wmm_tspec_count() const noexcept { return vendor_index().wmm_tspec_count_; }
    // Vendor 00-50-F2 type 4; an attribute set split over several vendor elements is gathered into one.
    [[nodiscard]] const std::optional<WpsElement>& wps() const noexcept { return get_vendor(wps_, kWps); }
    // Vendor 50-6F-9A type 28.
    [[nodiscard]] const std::optional<OweTransitionElement>& owe_transition() const noexcept {
        return get_vendor(owe_transition_, kOweTransition);
    }
    // Vendor 50-6F-9A type 9 (Wi-Fi Direct).
    [[nodiscard]] bool p2p() const noexcept { return vendor_index().p2p_; }
    // Vendor OUI 26-37-12.
    [[nodiscard]] bool dji_droneid() const noexcept { return vendor_index().dji_droneid_; }
    // Vendor 00-40-96 type 0x14: client MFP enabled.
    [[nodiscard]] std::optional<bool> cisco_client_mfp() const noexcept { return vendor_index().cisco_client_mfp_; }
    [[nodiscard]] const std::optional<HeCapabilitiesElement>& he_capabilities() const noexcept {
        return get_vendor(he_capabilities_, kHeCapabilities);
    }
    [[nodiscard]] const std::optional<HeOperationElement>& he_operation() const noexcept {
        return get_vendor(he_operation_, kHeOperation);
    }
    // Every vendor element, decoded or not, in the order sent.
    [[nodiscard]] const FixedList<VendorElement, 24>& vendors() const noexcept {
        if ((passes_ & kVendorsListed) == 0) list_vendors();
        return vendors_;
    }

    // Every complete element in the order sent.
    [[nodiscard]] const FixedList<ElementTag, 64>& tags() const noexcept {
        if ((passes_ & kTagsListed) == 0) list_tags();
        return tags_;
    }
    // Complete elements walked (tags() may have overflowed).
    [[nodiscard]] std::size_t element_count() const noexcept { return element_count_; }
    [[nodiscard]] std::size_t duplicate_count() const noexcept { return census().duplicate_count_; }

    // The whole element list as given, for checksums (Kismet's ietag_checksum).
    [[nodiscard]] std::span<const std::uint8_t> raw() const noexcept { return raw_; }

    // Elements whose bodies contradicted their formats (the walk continued past each), in the order sent. The
    // first call decodes every element to find them.
    [[nodiscard]] const FixedList<MalformedElement, 8>& malformed() const noexcept { return census().malformed_; }
    [[nodiscard]] std::size_t malformed_count() const noexcept { return census().malformed_count_; }

    // Back to the state of a default-constructed struct: a few stores, since every cache is reached only through
    // the presence, done and pass masks this zeroes.
    void clear() noexcept;

    [[nodiscard]] bool has_tag(std::uint8_t number) const noexcept {
        for (const auto& tag : tags())
            if (tag.number == number) return true;
        return false;
    }
    [[nodiscard]] bool has_vendor(std::uint32_t vendor_oui, std::uint8_t type) const noexcept {
        for (const auto& vendor : vendors())
            if (vendor.oui == vendor_oui && vendor.type == type) return true;
        return false;
    }

    // The kinds of element located, in bit order of the presence and done masks. The walk locates those up to
    // kVendorOrExtension (the first element 221 or 255) and kNeighborReport; the vendor index locates the rest.
    enum Kind : unsigned {
        kSsid,
        kSupportedRates,
        kExtendedRates,
        kMeshId,
        kDsChannel,
        kPowerConstraint,
        kTim,
        kPowerCapability,
        kTpcReport,
        kBssLoad,
        kMobilityDomain,
        kExtendedCapabilities,
        kMultipleBssid,
        kCiscoCcx1,
        kCountry,
        kSupportedChannels,
        kRsn,
        kHtCapabilities,
        kHtOperation,
        kVhtCapabilities,
        kVhtOperation,
        kVendorOrExtension,
        kWpa,
        kWmm,
        kWmmTspec,
        kWps,
        kOweTransition,
        kHeCapabilities,
        kHeOperation,
        kNeighborReport,  // located only, never decoded: see first_body()
        kKindCount
    };

    // The undecoded body of the first element of a kind the walk locates (up to kVendorOrExtension, and
    // kNeighborReport), nullopt when the list has none: for checks that read raw octets, as the WIDS rules do.
    [[nodiscard]] std::optional<std::span<const std::uint8_t>> first_body(Kind kind) const noexcept {
        if ((present_ & (1u << kind)) == 0) return std::nullopt;
        return raw_.subspan(offset_[kind] + 2, raw_[offset_[kind] + 1]);
    }
    // Whether the list holds more than one element of a kind the walk locates (for kVendorOrExtension: more than
    // one element 221 or 255 in all). While it is false, first_body() is the only element of its kind.
    [[nodiscard]] bool repeated(Kind kind) const noexcept { return (repeated_ & (1u << kind)) != 0; }
    // The longest body of the Microsoft type 2 vendor elements (WMM information, parameter and TSPEC), 0 without
    // one. Kismet's WMMOVERFLOW looks for one over 24 octets.
    [[nodiscard]] std::size_t longest_wmm_body() const noexcept { return vendor_index().longest_wmm_body_; }

private:
    friend struct ElementWalk;  // the walk and the decoders (information_elements.cpp, element_census.cpp)

    // Bits of passes_: which of the passes over the whole list have run.
    static constexpr std::uint8_t kVendorsIndexed = 1u << 0;
    static constexpr std::uint8_t kVendorsListed = 1u << 1;
    static constexpr std::uint8_t kTagsListed = 1u << 2;
    static constexpr std::uint8_t kCensused = 1u << 3;
    static_assert(kKindCount <= 32, "a presence bit per kind");

    template <typename Element>
    const Element& get(const Element& cache, Kind kind) const noexcept {
        // An absent element never touches its cache, which may still hold an earlier walk's element.
        static constexpr Element kAbsent{};
        const std::uint32_t bit = 1u << kind;
        if ((present_ & bit) == 0) return kAbsent;
        if ((done_ & bit) == 0) decode(kind);
        return cache;
    }
    template <typename Element>
    const Element& get_vendor(const Element& cache, Kind kind) const noexcept {
        vendor_index();
        return get(cache, kind);
    }
    const InformationElements& vendor_index() const noexcept {
        if ((passes_ & kVendorsIndexed) == 0) index_vendors();
        return *this;
    }
    const InformationElements& census() const noexcept {
        if ((passes_ & kCensused) == 0) take_census();
        return *this;
    }
    void decode(Kind kind) const noexcept;
    void index_vendors() const noexcept;
    void list_vendors() const noexcept;
    void list_tags() const noexcept;
    void take_census() const noexcept;

    // Set by the walk.
    std::span<const std::uint8_t> raw_;
    std::size_t element_count_ = 0;
    mutable std::uint32_t present_ = 0;  // bit per Kind: the list holds one
    mutable std::uint32_t done_ = 0;     // bit per Kind: its cache holds this list's element
    std::uint32_t repeated_ = 0;         // bit per walk-located Kind: the list holds more than one
    mutable std::uint8_t passes_ = 0;    // bit per pass over the list: it has run
    // The first one's ID octet in raw_, when present; the last slot is the walk's scratch for other IDs.
    mutable std::array<std::uint32_t, 32> offset_{};

    // Caches, each valid only under its bit in done_.
    mutable SsidElement ssid_;
    mutable RatesElement supported_rates_;
    mutable RatesElement extended_rates_;
    mutable MeshIdElement mesh_id_;
    mutable std::optional<std::uint8_t> ds_channel_;
    mutable std::optional<std::uint8_t> power_constraint_;
    mutable std::optional<TimElement> tim_;
    mutable std::optional<PowerCapabilityElement> power_capability_;
    mutable std::optional<TpcReportElement> tpc_report_;
    mutable std::optional<BssLoadElement> bss_load_;
    mutable std::optional<MobilityDomainElement> mobility_domain_;
    mutable std::optional<ExtendedCapabilitiesElement> extended_capabilities_;
    mutable std::optional<MultipleBssidElement> multiple_bssid_;
    mutable std::optional<CiscoCcx1Element> cisco_ccx1_;
    mutable std::optional<CountryElement> country_;
    mutable std::optional<SupportedChannelsElement> supported_channels_;
    mutable std::optional<RsnElement> rsn_;
    mutable std::optional<HtCapabilitiesElement> ht_capabilities_;
    mutable std::optional<HtOperationElement> ht_operation_;
    mutable std::optional<VhtCapabilitiesElement> vht_capabilities_;
    mutable std::optional<VhtOperationElement> vht_operation_;
    mutable std::optional<WpaElement> wpa_;
    mutable std::optional<WmmElement> wmm_;
    mutable std::optional<WmmTspecElement> wmm_tspec_;
    mutable std::optional<WpsElement> wps_;
    mutable std::optional<OweTransitionElement> owe_transition_;
    mutable std::optional<HeCapabilitiesElement> he_capabilities_;
    mutable std::optional<HeOperationElement> he_operation_;

    // Filled by index_vendors().
    mutable std::size_t wmm_tspec_count_ = 0;
    mutable std::uint8_t longest_wmm_body_ = 0;
    mutable bool p2p_ = false;
    mutable bool dji_droneid_ = false;
    mutable std::optional<bool> cisco_client_mfp_;
    // Filled by list_vendors() and list_tags().
    mutable FixedList<VendorElement, 24> vendors_;
    mutable FixedList<ElementTag, 64> tags_;
    // Filled by take_census().
    mutable std::size_t duplicate_count_ = 0;
    mutable FixedList<MalformedElement, 8> malformed_;
    mutable std::size_t malformed_count_ = 0;
};

// Walks `elements` (the bytes after a management frame's fixed fields) into `out`, which is reset first.
//
// - An element whose Length runs past the end stops the walk: the result is DissectStatus::truncated with the
//   offset of that element's ID octet, and everything before it stays decoded.
// - An element whose body contradicts its format (an RSN suite count past its length, a 3-octet HT Operation)
//   is marked malformed in its own struct and listed in `out.malformed()`; the result is still ok (bodies are
//   checked when first read: see InformationElements). kDissectOk therefore means "every element was visited",
//   not "every element was well formed".
//
// Offsets are relative to `elements`; add the frame's elements_offset for a packet offset.
// Allocates nothing, throws nothing.
DissectError parse_information_elements(std::span<const std::uint8_t> elements, InformationElements& out) noexcept;

// The operating channel width the elements announce, read from the first that defines one: the 6 GHz
// information of HE Operation, the VHT operation information inside HE Operation, VHT Operation, HT Operation.
// nullopt when the frame carries none of them.
[[nodiscard]] std::optional<ChannelWidth> operating_channel_width(const InformationElements& elements) noexcept;

}  // namespace kismetcore::dissect
