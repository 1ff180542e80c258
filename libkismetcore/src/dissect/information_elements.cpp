// The element walk (IEEE 802.11-2020 9.4.2.1): one pass that decodes the light elements and locates the heavy
// ones, and the on-demand decoders behind InformationElements' accessors.
#include "kismetcore/dissect/information_elements.h"

#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::dissect {
namespace {

constexpr std::uint32_t read_oui(std::span<const std::uint8_t> body) noexcept {
    return static_cast<std::uint32_t>((body[0] << 16) | (body[1] << 8) | body[2]);
}

ElementTag make_tag(std::uint8_t id, std::span<const std::uint8_t> body) noexcept {
    ElementTag tag;
    tag.number = id;
    if (id == element_id::kExtension && !body.empty()) tag.extension_id = body[0];
    if (id == element_id::kVendorSpecific && body.size() >= 3) {
        tag.vendor_oui = read_oui(body);
        if (body.size() >= 4) tag.vendor_type = body[3];
    }
    return tag;
}

// Writes the tag field by field straight into its slot. Building it in a temporary and copying it made GCC
// assemble the temporary on the stack with narrow stores and reload it with one wide load, which stalled every
// element on store forwarding.
void store_tag(ElementTag& slot, std::uint8_t id, std::span<const std::uint8_t> body) noexcept {
    std::uint8_t extension = 0, vendor_type = 0;
    std::uint32_t vendor_oui = 0;
    if (id == element_id::kExtension) {
        if (!body.empty()) extension = body[0];
    } else if (id == element_id::kVendorSpecific && body.size() >= 3) {
        vendor_oui = read_oui(body);
        if (body.size() >= 4) vendor_type = body[3];
    }
    slot.number = id;
    slot.extension_id = extension;
    slot.vendor_oui = vendor_oui;
    slot.vendor_type = vendor_type;
}

template <typename Element>
Element* first(std::optional<Element>& slot, std::size_t& duplicate_count) noexcept {
    if (slot.has_value()) {
        ++duplicate_count;
        return nullptr;
    }
    return &slot.emplace();
}

ElementProblem parse_one_octet(std::span<const std::uint8_t> body, std::optional<std::uint8_t>& slot,
                               std::size_t& duplicate_count, ElementProblem wrong_length) noexcept {
    if (slot.has_value()) {
        ++duplicate_count;
        return nullptr;
    }
    // Fixed one-octet elements are not trusted at any other length (Kismet raises BADFIXLENIE for DS).
    if (body.size() != 1) return wrong_length;
    slot = body[0];
    return nullptr;
}

template <typename Element, typename Parser>
ElementProblem parse_singleton(std::optional<Element>& slot, std::size_t& duplicate_count,
                               std::span<const std::uint8_t> body, Parser parser) noexcept {
    auto* element = first(slot, duplicate_count);
    return element ? parser(body, *element) : nullptr;
}

using LazyElement = InformationElements::LazyElement;
constexpr LazyElement kNotLazy = InformationElements::kLazyElementCount;

// Which lazily decoded element an element is, if any. The walk classifies the same way in its own switch.
LazyElement lazy_kind(std::uint8_t id, std::span<const std::uint8_t> body) noexcept {
    namespace e = element_id;
    switch (id) {
        case e::kCountry:
            return InformationElements::kCountry;
        case e::kSupportedChannels:
            return InformationElements::kSupportedChannels;
        case e::kRsn:
            return InformationElements::kRsn;
        case e::kHtCapabilities:
            return InformationElements::kHtCapabilities;
        case e::kHtOperation:
            return InformationElements::kHtOperation;
        case e::kVhtCapabilities:
            return InformationElements::kVhtCapabilities;
        case e::kVhtOperation:
            return InformationElements::kVhtOperation;
        case e::kVendorSpecific:
            if (body.size() < 4 || read_oui(body) != oui::kMicrosoft) return kNotLazy;
            if (body[3] == vendor_type::kWpa) return InformationElements::kWpa;
            if (body[3] == vendor_type::kWps) return InformationElements::kWps;
            if (body[3] != vendor_type::kWmm) return kNotLazy;
            return body.size() > 4 && body[4] == wmm_subtype::kTspec ? InformationElements::kWmmTspec
                                                                     : InformationElements::kWmm;
        case e::kExtension:
            if (body.empty()) return kNotLazy;
            if (body[0] == extension_id::kHeCapabilities) return InformationElements::kHeCapabilities;
            if (body[0] == extension_id::kHeOperation) return InformationElements::kHeOperation;
            return kNotLazy;
        default:
            return kNotLazy;
    }
}

// Calls visit(offset, id, body) for each complete element of `elements` from `from` (an element's ID octet) on,
// stopping where the walk stopped: at the end, or at an element that runs past it.
template <typename Visit>
void rewalk(std::span<const std::uint8_t> elements, std::size_t from, Visit visit) noexcept {
    ByteCursor cursor(elements.subspan(from));
    while (!cursor.empty()) {
        const std::size_t start = from + cursor.offset();
        std::span<const std::uint8_t> header, body;
        if (!cursor.read_bytes(2, header) || !cursor.read_bytes(header[1], body)) return;
        visit(start, header[0], header[1], body);
    }
}

}  // namespace

// The walk and the lazy decoders, with access to InformationElements' private bookkeeping.
struct ElementWalk {
    // Records the first element of a lazily decoded kind; a later copy of a singleton is a duplicate.
    static void note(InformationElements& out, LazyElement kind, std::size_t start, bool singleton) noexcept {
        const std::uint32_t bit = 1u << kind;
        if ((out.lazy_present_ & bit) != 0) {
            if (singleton) ++out.duplicate_count;
            return;
        }
        out.lazy_present_ |= bit;
        out.lazy_offset_[kind] = static_cast<std::uint32_t>(start);
    }

    static ElementProblem parse_vendor(std::span<const std::uint8_t> body, std::size_t start,
                                       InformationElements& out) noexcept {
        // 9.4.2.24: an OUI (or a longer OUI-36/CID, which kismetcore reads as its first three octets), then
        // vendor-defined content, conventionally starting with a type octet.
        if (body.size() < 3) return "vendor element shorter than its OUI";
        VendorElement vendor;
        vendor.oui = read_oui(body);
        vendor.payload = body.subspan(3);
        if (body.size() >= 4) vendor.type = body[3];
        out.vendors.push(vendor);

        if (vendor.oui == oui::kDjiDroneId) out.dji_droneid = true;
        if (!vendor.type.has_value()) return nullptr;
        const auto rest = body.subspan(4);
        switch (vendor.oui) {
            case oui::kMicrosoft:
                switch (*vendor.type) {
                    case vendor_type::kWpa:
                        note(out, InformationElements::kWpa, start, true);
                        return nullptr;
                    case vendor_type::kWmm:
                        if (!rest.empty() && rest[0] == wmm_subtype::kTspec) {
                            ++out.wmm_tspec_count;
                            note(out, InformationElements::kWmmTspec, start, false);
                        } else {
                            note(out, InformationElements::kWmm, start, true);
                        }
                        return nullptr;
                    case vendor_type::kWps:
                        // A long WPS attribute set may be split over consecutive vendor elements: wps() gathers them.
                        note(out, InformationElements::kWps, start, false);
                        return nullptr;
                    default:
                        return nullptr;
                }
            case oui::kWifiAlliance:
                if (*vendor.type == vendor_type::kP2p) out.p2p = true;
                if (*vendor.type == vendor_type::kOweTransition) {
                    auto* owe = first(out.owe_transition, out.duplicate_count);
                    return owe ? parse_owe_transition_element(rest, *owe) : nullptr;
                }
                return nullptr;
            case oui::kCisco:
                if (*vendor.type == vendor_type::kCiscoClientMfp) {
                    if (rest.empty()) return "Cisco client MFP element without its flags";
                    if (!out.cisco_client_mfp.has_value()) out.cisco_client_mfp = (rest[0] & 0x01) != 0;
                }
                return nullptr;
            default:
                return nullptr;
        }
    }

    [[gnu::always_inline]] static ElementProblem parse_element(std::uint8_t id, std::span<const std::uint8_t> body,
                                                               std::size_t start, InformationElements& out) noexcept {
        namespace e = element_id;
        auto& duplicates = out.duplicate_count;
        switch (id) {
            case e::kSsid:
                if (out.ssid.present) break;
                return parse_ssid_element(body, out.ssid);
            case e::kSupportedRates:
                if (out.supported_rates.present) break;
                return parse_rates_element(body, out.supported_rates);
            case e::kExtendedSupportedRates:
                if (out.extended_rates.present) break;
                return parse_rates_element(body, out.extended_rates);
            case e::kMeshId:
                if (out.mesh_id.present) break;
                return parse_mesh_id_element(body, out.mesh_id);
            case e::kDsParameterSet:
                return parse_one_octet(body, out.ds_channel, duplicates, "DS parameter set not 1 octet");
            case e::kPowerConstraint:
                return parse_one_octet(body, out.power_constraint, duplicates, "power constraint not 1 octet");
            case e::kTim:
                return parse_singleton(out.tim, duplicates, body, parse_tim_element);
            case e::kBssLoad:
                return parse_singleton(out.bss_load, duplicates, body, parse_bss_load_element);
            case e::kPowerCapability:
                return parse_singleton(out.power_capability, duplicates, body, parse_power_capability_element);
            case e::kTpcReport:
                return parse_singleton(out.tpc_report, duplicates, body, parse_tpc_report_element);
            case e::kMobilityDomain:
                return parse_singleton(out.mobility_domain, duplicates, body, parse_mobility_domain_element);
            case e::kMultipleBssid:
                return parse_singleton(out.multiple_bssid, duplicates, body, parse_multiple_bssid_element);
            case e::kExtendedCapabilities:
                return parse_singleton(out.extended_capabilities, duplicates, body,
                                       parse_extended_capabilities_element);
            case e::kCiscoCcx1:
                return parse_singleton(out.cisco_ccx1, duplicates, body, parse_cisco_ccx1_element);
            case e::kCountry:
                note(out, InformationElements::kCountry, start, true);
                return nullptr;
            case e::kSupportedChannels:
                note(out, InformationElements::kSupportedChannels, start, true);
                return nullptr;
            case e::kRsn:
                note(out, InformationElements::kRsn, start, true);
                return nullptr;
            case e::kHtCapabilities:
                note(out, InformationElements::kHtCapabilities, start, true);
                return nullptr;
            case e::kHtOperation:
                note(out, InformationElements::kHtOperation, start, true);
                return nullptr;
            case e::kVhtCapabilities:
                note(out, InformationElements::kVhtCapabilities, start, true);
                return nullptr;
            case e::kVhtOperation:
                note(out, InformationElements::kVhtOperation, start, true);
                return nullptr;
            case e::kVendorSpecific:
                return parse_vendor(body, start, out);
            case e::kExtension:
                if (body.empty()) return "extension element without an extension ID";
                if (const auto kind = lazy_kind(id, body); kind != kNotLazy) note(out, kind, start, true);
                return nullptr;
            default:
                return nullptr;
        }
        ++out.duplicate_count;  // a repeated SSID, rates or Mesh ID element
        return nullptr;
    }

    // Rare: kept out of the loop so that nothing of the tag has to survive the element parser's call.
    [[gnu::noinline, gnu::cold]] static void record_malformed(InformationElements& out, std::uint8_t id,
                                                              std::span<const std::uint8_t> body, std::size_t start,
                                                              ElementProblem problem) noexcept {
        ++out.walk_malformed_count_;
        out.walk_malformed_.push(MalformedElement{make_tag(id, body), start, problem});
    }

    static DissectError run(std::span<const std::uint8_t> elements, InformationElements& out) noexcept {
        out.clear();
        out.raw = elements;
        ByteCursor cursor(elements);
        DissectError result = kDissectOk;
        // The element count lives in a register and is written back once: storing it per element and reading it
        // back for the next tag stalled on store forwarding.
        std::size_t walked = 0;
        constexpr std::size_t kTagCapacity = decltype(out.tags)::kCapacity;
        while (!cursor.empty()) {
            const std::size_t start = cursor.offset();
            std::span<const std::uint8_t> header, body;
            if (!cursor.read_bytes(2, header) || !cursor.read_bytes(header[1], body)) {
                result = dissect_error(DissectStatus::truncated, "information element runs past the end of the frame",
                                       start);
                break;
            }
            const std::uint8_t id = header[0];
            if (walked < kTagCapacity) store_tag(out.tags.items[walked], id, body);
            ++walked;
            if (const ElementProblem problem = parse_element(id, body, start, out); problem != nullptr)
                record_malformed(out, id, body, start, problem);
        }
        out.element_count = walked;
        out.tags.count = walked < kTagCapacity ? walked : kTagCapacity;
        out.tags.overflow = walked > kTagCapacity;
        return result;
    }

    // Decodes the element of `kind` at `start` (its ID octet) into its cache, replacing what the cache held.
    // Returns the element's problem, if any.
    static ElementProblem decode_at(const InformationElements& ie, LazyElement kind, std::size_t start) noexcept {
        const std::uint8_t length = ie.raw[start + 1];
        const auto body = ie.raw.subspan(start + 2, length);
        switch (kind) {
            case InformationElements::kCountry:
                return parse_country_element(body, ie.country_.emplace());
            case InformationElements::kSupportedChannels:
                return parse_supported_channels_element(body, ie.supported_channels_.emplace());
            case InformationElements::kRsn:
                return parse_rsn_element(body, ie.rsn_.emplace());
            case InformationElements::kWpa:
                return parse_wpa_element(body.subspan(4), ie.wpa_.emplace());
            case InformationElements::kWmm:
                return parse_wmm_element(body.subspan(4), length, ie.wmm_.emplace());
            case InformationElements::kWmmTspec:
                return parse_wmm_tspec_element(body.subspan(4), ie.wmm_tspec_.emplace());
            case InformationElements::kWps:
                return parse_wps_element(body.subspan(4), ie.wps_.emplace());
            case InformationElements::kHtCapabilities:
                return parse_ht_capabilities_element(body, ie.ht_capabilities_.emplace());
            case InformationElements::kHtOperation:
                return parse_ht_operation_element(body, ie.ht_operation_.emplace());
            case InformationElements::kVhtCapabilities:
                return parse_vht_capabilities_element(body, ie.vht_capabilities_.emplace());
            case InformationElements::kVhtOperation:
                return parse_vht_operation_element(body, ie.vht_operation_.emplace());
            case InformationElements::kHeCapabilities:
                return parse_he_capabilities_element(body.subspan(1), ie.he_capabilities_.emplace());
            case InformationElements::kHeOperation:
                return parse_he_operation_element(body.subspan(1), ie.he_operation_.emplace());
            case InformationElements::kLazyElementCount:
                break;
        }
        return nullptr;
    }

    // The later WPS elements of a split attribute set add to the first (which decode_at has decoded).
    template <typename OnProblem>
    static void gather_wps(const InformationElements& ie, OnProblem on_problem) noexcept {
        const std::size_t first_offset = ie.lazy_offset_[InformationElements::kWps];
        rewalk(ie.raw, first_offset, [&](std::size_t start, std::uint8_t id, std::uint8_t, auto body) {
            if (start == first_offset || lazy_kind(id, body) != InformationElements::kWps) return;
            if (auto problem = parse_wps_element(body.subspan(4), *ie.wps_)) on_problem(start, id, body, problem);
        });
    }
};

// Only called for a kind the walk saw (get() answers the others).
void InformationElements::decode(LazyElement kind) const noexcept {
    lazy_decoded_ |= 1u << kind;
    ElementWalk::decode_at(*this, kind, lazy_offset_[kind]);
    if (kind == kWps) ElementWalk::gather_wps(*this, [](std::size_t, std::uint8_t, auto, ElementProblem) {});
}

void InformationElements::validate() const noexcept {
    // Decode every lazy element again, in the order sent, collecting the problems; later TSPECs are checked too.
    FixedList<MalformedElement, 8> found;
    std::size_t found_count = 0;
    const auto on_problem = [&](std::size_t start, std::uint8_t id, std::span<const std::uint8_t> body,
                                ElementProblem problem) {
        ++found_count;
        found.push(MalformedElement{make_tag(id, body), start, problem});
    };
    if (lazy_present_ != 0) {
        rewalk(raw, 0, [&](std::size_t start, std::uint8_t id, std::uint8_t, std::span<const std::uint8_t> body) {
            const LazyElement kind = lazy_kind(id, body);
            if (kind == kNotLazy || (lazy_present_ & (1u << kind)) == 0) return;
            ElementProblem problem = nullptr;
            if (start == lazy_offset_[kind]) {
                problem = ElementWalk::decode_at(*this, kind, start);
            } else if (kind == kWps) {
                problem = parse_wps_element(body.subspan(4), *wps_);
            } else if (kind == kWmmTspec) {
                WmmTspecElement ignored;
                problem = parse_wmm_tspec_element(body.subspan(4), ignored);
            }
            if (problem != nullptr) on_problem(start, id, body, problem);
        });
    }
    lazy_decoded_ = (1u << kLazyElementCount) - 1;

    // Merge the walk's problems and these, both in offset order. Each list keeps its first 8, so the first 8 of
    // the merge are exact even when one overflowed.
    malformed_.clear();
    std::size_t a = 0, b = 0;
    while (a < walk_malformed_.size() || b < found.size()) {
        const bool take_walk =
            b == found.size() || (a < walk_malformed_.size() && walk_malformed_[a].offset < found[b].offset);
        if (!malformed_.push(take_walk ? walk_malformed_[a++] : found[b++])) break;
    }
    malformed_count_ = walk_malformed_count_ + found_count;
    if (malformed_count_ > malformed_.size()) malformed_.overflow = true;
    validated_ = true;
}

void InformationElements::clear() noexcept {
    ssid = SsidElement{};
    supported_rates = RatesElement{};
    extended_rates = RatesElement{};
    ds_channel.reset();
    tim.reset();
    power_constraint.reset();
    power_capability.reset();
    tpc_report.reset();
    bss_load.reset();
    mobility_domain.reset();
    extended_capabilities.reset();
    multiple_bssid.reset();
    cisco_ccx1.reset();
    mesh_id = MeshIdElement{};
    wmm_tspec_count = 0;
    owe_transition.reset();
    p2p = false;
    dji_droneid = false;
    cisco_client_mfp.reset();
    vendors.clear();
    tags.clear();
    element_count = 0;
    duplicate_count = 0;
    raw = {};
    // The lazy caches are not touched: with the masks cleared an accessor answers "absent" or decodes anew.
    lazy_present_ = 0;
    lazy_decoded_ = 0;
    walk_malformed_.clear();
    walk_malformed_count_ = 0;
    validated_ = false;
}

DissectError parse_information_elements(std::span<const std::uint8_t> elements, InformationElements& out) noexcept {
    return ElementWalk::run(elements, out);
}

std::optional<ChannelWidth> operating_channel_width(const InformationElements& elements) noexcept {
    if (const auto& he = elements.he_operation(); he && !he->malformed) {
        if (he->six_ghz_operation) return he->six_ghz_operation->width();
        if (he->vht_operation) {
            if (auto width = he->vht_operation->width()) return width;
        }
    }
    if (const auto& vht = elements.vht_operation(); vht && !vht->malformed) {
        if (auto width = vht->width()) return width;
    }
    if (const auto& ht = elements.ht_operation(); ht && !ht->malformed) return ht->width();
    return std::nullopt;
}

}  // namespace kismetcore::dissect
