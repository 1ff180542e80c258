// The passes over a whole element list that run on demand: the vendor and extension index, the tag list, and
// the census of duplicates and malformed elements.
#include <algorithm>

#include "dissect/element_walk.h"
#include "kismetcore/dissect/information_elements.h"

namespace kismetcore::dissect {
namespace {

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

constexpr bool is_singleton(unsigned kind) noexcept {
    return kind != InformationElements::kWmmTspec && kind != InformationElements::kWps;
}

}  // namespace

void InformationElements::index_vendors() const noexcept {
    passes_ |= kVendorsIndexed;
    wmm_tspec_count_ = 0;
    longest_wmm_body_ = 0;
    p2p_ = false;
    dji_droneid_ = false;
    cisco_client_mfp_.reset();
    if ((present_ & (1u << kVendorOrExtension)) == 0) return;
    rewalk(raw_, offset_[kVendorOrExtension],
           [&](std::size_t start, std::uint8_t id, std::span<const std::uint8_t> body) {
               if (const unsigned kind = vendor_or_extension_kind(id, body); kind != kNotLocated) {
                   if ((present_ & (1u << kind)) == 0) {
                       present_ |= 1u << kind;
                       offset_[kind] = static_cast<std::uint32_t>(start);
                   }
                   if (kind == kWmmTspec) ++wmm_tspec_count_;
                   if (kind == kWmm || kind == kWmmTspec)
                       longest_wmm_body_ = std::max(longest_wmm_body_, static_cast<std::uint8_t>(body.size()));
                   return;
               }
               if (id != element_id::kVendorSpecific || body.size() < 3) return;
               const std::uint32_t vendor_oui = read_oui(body);
               if (vendor_oui == oui::kDjiDroneId) dji_droneid_ = true;
               if (body.size() < 4) return;
               if (vendor_oui == oui::kWifiAlliance && body[3] == vendor_type::kP2p) p2p_ = true;
               if (vendor_oui == oui::kCisco && body[3] == vendor_type::kCiscoClientMfp && body.size() > 4 &&
                   !cisco_client_mfp_)
                   cisco_client_mfp_ = (body[4] & 0x01) != 0;
           });
}

void InformationElements::list_vendors() const noexcept {
    passes_ |= kVendorsListed;
    vendors_.clear();
    if ((present_ & (1u << kVendorOrExtension)) == 0) return;
    rewalk(raw_, offset_[kVendorOrExtension], [&](std::size_t, std::uint8_t id, std::span<const std::uint8_t> body) {
        // 9.4.2.24: an OUI (or a longer OUI-36/CID, which kismetcore reads as its first three octets), then
        // vendor-defined content, conventionally starting with a type octet.
        if (id != element_id::kVendorSpecific || body.size() < 3) return;
        VendorElement vendor;
        vendor.oui = read_oui(body);
        vendor.payload = body.subspan(3);
        if (body.size() >= 4) vendor.type = body[3];
        vendors_.push(vendor);
    });
}

void InformationElements::list_tags() const noexcept {
    passes_ |= kTagsListed;
    tags_.clear();
    rewalk(raw_, 0,
           [&](std::size_t, std::uint8_t id, std::span<const std::uint8_t> body) { tags_.push(make_tag(id, body)); });
}

// Decodes every element once more, in the order sent, as a walk that decoded everything would: the first of
// each singleton is decoded (into its cache) and a later copy counted, every WPS piece and TSPEC is checked.
void InformationElements::take_census() const noexcept {
    vendor_index();
    passes_ |= kCensused;
    duplicate_count_ = 0;
    malformed_.clear();
    malformed_count_ = 0;
    bool one_octet_seen[2] = {false, false};  // a well-formed DS Parameter Set, Power Constraint
    rewalk(raw_, 0, [&](std::size_t start, std::uint8_t id, std::span<const std::uint8_t> body) {
        ElementProblem problem = nullptr;
        unsigned kind = kKindOfElementId[id];
        if (kind == kDsChannel || kind == kPowerConstraint) {
            bool& seen = one_octet_seen[kind == kDsChannel ? 0 : 1];
            if (seen)
                ++duplicate_count_;
            else if (body.size() == 1)
                seen = true;
            else
                problem = kind == kDsChannel ? "DS parameter set not 1 octet" : "power constraint not 1 octet";
        } else {
            if (kind == kVendorOrExtension) {
                if (id == element_id::kVendorSpecific && body.size() < 3) {
                    problem = "vendor element shorter than its OUI";
                } else if (id == element_id::kVendorSpecific && body.size() == 4 && read_oui(body) == oui::kCisco &&
                           body[3] == vendor_type::kCiscoClientMfp) {
                    problem = "Cisco client MFP element without its flags";
                } else if (id == element_id::kExtension && body.empty()) {
                    problem = "extension element without an extension ID";
                }
                kind = vendor_or_extension_kind(id, body);
            }
            if (kind != kNotLocated && problem == nullptr) {
                if (start == offset_[kind]) {
                    done_ |= 1u << kind;
                    problem = ElementWalk::decode_at(*this, static_cast<Kind>(kind), start);
                } else if (kind == kWps) {
                    problem = parse_wps_element(body.subspan(4), *wps_);
                } else if (kind == kWmmTspec) {
                    WmmTspecElement ignored;
                    problem = parse_wmm_tspec_element(body.subspan(4), ignored);
                } else if (is_singleton(kind)) {
                    ++duplicate_count_;
                }
            }
        }
        if (problem != nullptr) {
            ++malformed_count_;
            malformed_.push(MalformedElement{make_tag(id, body), start, problem});
        }
    });
}

}  // namespace kismetcore::dissect
