// Private to the element walk: how an element's ID (and vendor or extension header) maps to a located kind, the
// re-walk the on-demand passes share, and the decoder of one located element.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "kismetcore/common/byte_cursor.h"
#include "kismetcore/dissect/information_elements.h"

namespace kismetcore::dissect {

using ElementKind = InformationElements::Kind;

// Not a located kind (also the table's entry for every element ID kismetcore does not decode).
inline constexpr std::uint8_t kNotLocated = 0xFF;

// The kind the walk locates for each Element ID. Every kind up to kVendorOrExtension is a singleton.
inline constexpr std::array<std::uint8_t, 256> kKindOfElementId = [] {
    namespace e = element_id;
    std::array<std::uint8_t, 256> table{};
    table.fill(kNotLocated);
    const auto set = [&](std::uint8_t id, ElementKind kind) { table[id] = static_cast<std::uint8_t>(kind); };
    set(e::kSsid, InformationElements::kSsid);
    set(e::kSupportedRates, InformationElements::kSupportedRates);
    set(e::kExtendedSupportedRates, InformationElements::kExtendedRates);
    set(e::kMeshId, InformationElements::kMeshId);
    set(e::kDsParameterSet, InformationElements::kDsChannel);
    set(e::kPowerConstraint, InformationElements::kPowerConstraint);
    set(e::kTim, InformationElements::kTim);
    set(e::kPowerCapability, InformationElements::kPowerCapability);
    set(e::kTpcReport, InformationElements::kTpcReport);
    set(e::kBssLoad, InformationElements::kBssLoad);
    set(e::kMobilityDomain, InformationElements::kMobilityDomain);
    set(e::kExtendedCapabilities, InformationElements::kExtendedCapabilities);
    set(e::kMultipleBssid, InformationElements::kMultipleBssid);
    set(e::kCiscoCcx1, InformationElements::kCiscoCcx1);
    set(e::kCountry, InformationElements::kCountry);
    set(e::kSupportedChannels, InformationElements::kSupportedChannels);
    set(e::kRsn, InformationElements::kRsn);
    set(e::kHtCapabilities, InformationElements::kHtCapabilities);
    set(e::kHtOperation, InformationElements::kHtOperation);
    set(e::kVhtCapabilities, InformationElements::kVhtCapabilities);
    set(e::kVhtOperation, InformationElements::kVhtOperation);
    set(e::kVendorSpecific, InformationElements::kVendorOrExtension);
    set(e::kExtension, InformationElements::kVendorOrExtension);
    return table;
}();

// The walk's table: the same kinds, plus the Neighbor Report it only locates (kKindOfElementId leaves it out, so
// the census neither decodes it nor counts a second one as a duplicate), with every other ID sent to a scratch
// slot (so the walk needs no branch).
inline constexpr unsigned kScratchSlot = 31;
static_assert(InformationElements::kKindCount <= kScratchSlot, "the scratch slot is past every kind");
inline constexpr std::array<std::uint8_t, 256> kWalkSlotOfElementId = [] {
    std::array<std::uint8_t, 256> table = kKindOfElementId;
    table[element_id::kNeighborReport] = InformationElements::kNeighborReport;
    for (auto& slot : table)
        if (slot == kNotLocated) slot = kScratchSlot;
    return table;
}();

constexpr std::uint32_t read_oui(std::span<const std::uint8_t> body) noexcept {
    return static_cast<std::uint32_t>((body[0] << 16) | (body[1] << 8) | body[2]);
}

// The kind of a vendor (221) or extension (255) element that the vendor index locates, or kNotLocated.
constexpr unsigned vendor_or_extension_kind(std::uint8_t id, std::span<const std::uint8_t> body) noexcept {
    if (id == element_id::kExtension) {
        if (body.empty()) return kNotLocated;
        if (body[0] == extension_id::kHeCapabilities) return InformationElements::kHeCapabilities;
        if (body[0] == extension_id::kHeOperation) return InformationElements::kHeOperation;
        return kNotLocated;
    }
    if (id != element_id::kVendorSpecific || body.size() < 4) return kNotLocated;
    const std::uint32_t vendor_oui = read_oui(body);
    if (vendor_oui == oui::kWifiAlliance) {
        if (body[3] == vendor_type::kOweTransition) return InformationElements::kOweTransition;
        return kNotLocated;
    }
    if (vendor_oui != oui::kMicrosoft) return kNotLocated;
    if (body[3] == vendor_type::kWpa) return InformationElements::kWpa;
    if (body[3] == vendor_type::kWps) return InformationElements::kWps;
    if (body[3] != vendor_type::kWmm) return kNotLocated;
    if (body.size() > 4 && body[4] == wmm_subtype::kTspec) return InformationElements::kWmmTspec;
    return InformationElements::kWmm;
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
        visit(start, header[0], body);
    }
}

// The walk, and the decoders behind the accessors, with access to InformationElements' private state.
struct ElementWalk {
    static DissectError run(std::span<const std::uint8_t> elements, InformationElements& out) noexcept;

    // Decodes the element of `kind` whose ID octet is at `start` into its cache, replacing what the cache held,
    // and returns its problem, if any. The later pieces of a split WPS element are not gathered here.
    static ElementProblem decode_at(const InformationElements& ie, ElementKind kind, std::size_t start) noexcept;

    // The first element of `id` with a one-octet body from `from` on, as DS Parameter Set and Power Constraint
    // are read (an element of another length is malformed and skipped, not a duplicate).
    static std::optional<std::uint8_t> first_one_octet(const InformationElements& ie, std::uint8_t id,
                                                       std::size_t from) noexcept;

    // Adds the later pieces of a split WPS attribute set to the first, which decode_at has decoded; calls
    // on_problem(start, id, body, problem) for each piece that is malformed.
    template <typename OnProblem>
    static void gather_wps(const InformationElements& ie, OnProblem on_problem) noexcept {
        const std::size_t first_offset = ie.offset_[InformationElements::kWps];
        rewalk(ie.raw_, first_offset, [&](std::size_t start, std::uint8_t id, std::span<const std::uint8_t> body) {
            if (start == first_offset || vendor_or_extension_kind(id, body) != InformationElements::kWps) return;
            if (auto problem = parse_wps_element(body.subspan(4), *ie.wps_)) on_problem(start, id, body, problem);
        });
    }
};

}  // namespace kismetcore::dissect
