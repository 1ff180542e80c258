// The element walk (IEEE 802.11-2020 9.4.2.1): one pass that checks every element fits and locates the first of
// each known kind, and the on-demand decoders behind InformationElements' accessors.
#include "kismetcore/dissect/information_elements.h"

#include "dissect/element_walk.h"
#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::dissect {

DissectError ElementWalk::run(std::span<const std::uint8_t> elements, InformationElements& out) noexcept {
    // Nothing but the presence mask, the first offsets and the count is written: every cache hides behind a
    // presence or done bit. The mask and the count live in registers until the end.
    // The loop indexes the span itself: two ByteCursor reads per element cost more than the rest of the loop.
    std::uint32_t present = 0;
    std::uint32_t repeated = 0;
    std::size_t walked = 0;
    const std::size_t size = elements.size();
    std::size_t start = 0;  // never past `size`: an element is taken only when it ends within the list
    // An element starts before the last octet, which leaves room for its ID and length. An empty list has none.
    const std::size_t last_octet = size != 0 ? size - 1 : 0;
    while (start < last_octet) {
        // Both octets are read before the offset store below, which may alias them (uint8_t is a character type)
        // and would otherwise make the compiler read them again.
        const std::uint8_t id = elements[start];
        const std::size_t next = start + 2u + elements[start + 1];
        if (next > size) break;
        // Keeps the first offset of each kind without a branch: a kind seen before sends its offset to the scratch
        // slot, which IDs of no kind share.
        const unsigned slot = kWalkSlotOfElementId[id];
        const std::uint32_t bit = 1u << slot;
        out.offset_[(present & bit) != 0 ? kScratchSlot : slot] = static_cast<std::uint32_t>(start);
        repeated |= present & bit;
        present |= bit;
        ++walked;
        start = next;
    }
    out.raw_ = elements;
    out.element_count_ = walked;
    out.present_ = present & ~(1u << kScratchSlot);
    out.repeated_ = repeated & ~(1u << kScratchSlot);
    out.done_ = 0;
    out.passes_ = 0;
    // Stopped short of the end: one octet left over, or an element whose length runs past the list.
    if (start != size)
        return dissect_error(DissectStatus::truncated, "information element runs past the end of the frame", start);
    return kDissectOk;
}

std::optional<std::uint8_t> ElementWalk::first_one_octet(const InformationElements& ie, std::uint8_t id,
                                                         std::size_t from) noexcept {
    // The element at `from` is the first of its kind: when it is the only one, no walk is needed.
    if (!ie.repeated(static_cast<ElementKind>(kKindOfElementId[id]))) {
        if (ie.raw_[from + 1] != 1) return std::nullopt;
        return ie.raw_[from + 2];
    }
    std::optional<std::uint8_t> value;
    rewalk(ie.raw_, from, [&](std::size_t, std::uint8_t element, std::span<const std::uint8_t> body) {
        // Fixed one-octet elements are not trusted at any other length (Kismet raises BADFIXLENIE for DS).
        if (element == id && body.size() == 1 && !value) value = body[0];
    });
    return value;
}

ElementProblem ElementWalk::decode_at(const InformationElements& ie, ElementKind kind, std::size_t start) noexcept {
    const std::uint8_t length = ie.raw_[start + 1];
    const auto body = ie.raw_.subspan(start + 2, length);
    switch (kind) {
        case InformationElements::kSsid:
            ie.ssid_ = SsidElement{};
            return parse_ssid_element(body, ie.ssid_);
        case InformationElements::kSupportedRates:
            ie.supported_rates_ = RatesElement{};
            return parse_rates_element(body, ie.supported_rates_);
        case InformationElements::kExtendedRates:
            ie.extended_rates_ = RatesElement{};
            return parse_rates_element(body, ie.extended_rates_);
        case InformationElements::kMeshId:
            ie.mesh_id_ = MeshIdElement{};
            return parse_mesh_id_element(body, ie.mesh_id_);
        case InformationElements::kDsChannel:
            ie.ds_channel_ = first_one_octet(ie, element_id::kDsParameterSet, start);
            return length == 1 ? nullptr : "DS parameter set not 1 octet";
        case InformationElements::kPowerConstraint:
            ie.power_constraint_ = first_one_octet(ie, element_id::kPowerConstraint, start);
            return length == 1 ? nullptr : "power constraint not 1 octet";
        case InformationElements::kTim:
            return parse_tim_element(body, ie.tim_.emplace());
        case InformationElements::kPowerCapability:
            return parse_power_capability_element(body, ie.power_capability_.emplace());
        case InformationElements::kTpcReport:
            return parse_tpc_report_element(body, ie.tpc_report_.emplace());
        case InformationElements::kBssLoad:
            return parse_bss_load_element(body, ie.bss_load_.emplace());
        case InformationElements::kMobilityDomain:
            return parse_mobility_domain_element(body, ie.mobility_domain_.emplace());
        case InformationElements::kExtendedCapabilities:
            return parse_extended_capabilities_element(body, ie.extended_capabilities_.emplace());
        case InformationElements::kMultipleBssid:
            return parse_multiple_bssid_element(body, ie.multiple_bssid_.emplace());
        case InformationElements::kCiscoCcx1:
            return parse_cisco_ccx1_element(body, ie.cisco_ccx1_.emplace());
        case InformationElements::kCountry:
            return parse_country_element(body, ie.country_.emplace());
        case InformationElements::kSupportedChannels:
            return parse_supported_channels_element(body, ie.supported_channels_.emplace());
        case InformationElements::kRsn:
            return parse_rsn_element(body, ie.rsn_.emplace());
        case InformationElements::kHtCapabilities:
            return parse_ht_capabilities_element(body, ie.ht_capabilities_.emplace());
        case InformationElements::kHtOperation:
            return parse_ht_operation_element(body, ie.ht_operation_.emplace());
        case InformationElements::kVhtCapabilities:
            return parse_vht_capabilities_element(body, ie.vht_capabilities_.emplace());
        case InformationElements::kVhtOperation:
            return parse_vht_operation_element(body, ie.vht_operation_.emplace());
        case InformationElements::kWpa:
            return parse_wpa_element(body.subspan(4), ie.wpa_.emplace());
        case InformationElements::kWmm:
            return parse_wmm_element(body.subspan(4), length, ie.wmm_.emplace());
        case InformationElements::kWmmTspec:
            return parse_wmm_tspec_element(body.subspan(4), ie.wmm_tspec_.emplace());
        case InformationElements::kWps:
            return parse_wps_element(body.subspan(4), ie.wps_.emplace());
        case InformationElements::kOweTransition:
            return parse_owe_transition_element(body.subspan(4), ie.owe_transition_.emplace());
        case InformationElements::kHeCapabilities:
            return parse_he_capabilities_element(body.subspan(1), ie.he_capabilities_.emplace());
        case InformationElements::kHeOperation:
            return parse_he_operation_element(body.subspan(1), ie.he_operation_.emplace());
        case InformationElements::kVendorOrExtension:
        case InformationElements::kNeighborReport:  // located only
        case InformationElements::kKindCount:
            break;
    }
    return nullptr;
}

// Only called for a kind the list holds (get() answers the others).
void InformationElements::decode(Kind kind) const noexcept {
    done_ |= 1u << kind;
    ElementWalk::decode_at(*this, kind, offset_[kind]);
    if (kind == kWps) ElementWalk::gather_wps(*this, [](std::size_t, std::uint8_t, auto, ElementProblem) {});
}

void InformationElements::clear() noexcept {
    raw_ = {};
    element_count_ = 0;
    present_ = 0;
    repeated_ = 0;
    done_ = 0;
    passes_ = 0;
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
