// The element walk (IEEE 802.11-2020 9.4.2.1): one pass, each element handed to its own parser.
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

// Singleton elements keep their first occurrence. Returns the slot to fill, or nullptr for a repeat.
template <typename Element>
Element* first(std::optional<Element>& slot, InformationElements& out) noexcept {
    if (slot.has_value()) {
        ++out.duplicate_count;
        return nullptr;
    }
    return &slot.emplace();
}

ElementProblem parse_one_octet(std::span<const std::uint8_t> body, std::optional<std::uint8_t>& slot,
                               InformationElements& out, ElementProblem wrong_length) noexcept {
    if (slot.has_value()) {
        ++out.duplicate_count;
        return nullptr;
    }
    // Fixed one-octet elements are not trusted at any other length (Kismet raises BADFIXLENIE for DS).
    if (body.size() != 1) return wrong_length;
    slot = body[0];
    return nullptr;
}

ElementProblem parse_microsoft(std::uint8_t type, std::span<const std::uint8_t> rest, std::uint8_t length,
                               InformationElements& out) noexcept {
    switch (type) {
        case vendor_type::kWpa: {
            auto* wpa = first(out.wpa, out);
            return wpa ? parse_wpa_element(rest, *wpa) : nullptr;
        }
        case vendor_type::kWmm: {
            if (!rest.empty() && rest[0] == wmm_subtype::kTspec) {
                ++out.wmm_tspec_count;
                if (out.wmm_tspec.has_value()) {
                    WmmTspecElement ignored;
                    return parse_wmm_tspec_element(rest, ignored);
                }
                return parse_wmm_tspec_element(rest, out.wmm_tspec.emplace());
            }
            auto* wmm = first(out.wmm, out);
            return wmm ? parse_wmm_element(rest, length, *wmm) : nullptr;
        }
        case vendor_type::kWps: {
            // A long WPS attribute set may be split over consecutive vendor elements: later ones add to the first.
            auto& wps = out.wps.has_value() ? *out.wps : out.wps.emplace();
            return parse_wps_element(rest, wps);
        }
        default:
            return nullptr;
    }
}

ElementProblem parse_vendor(std::span<const std::uint8_t> body, std::uint8_t length,
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
            return parse_microsoft(*vendor.type, rest, length, out);
        case oui::kWifiAlliance:
            if (*vendor.type == vendor_type::kP2p) out.p2p = true;
            if (*vendor.type == vendor_type::kOweTransition) {
                auto* owe = first(out.owe_transition, out);
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

ElementProblem parse_extension(std::span<const std::uint8_t> body, InformationElements& out) noexcept {
    if (body.empty()) return "extension element without an extension ID";
    const auto rest = body.subspan(1);
    switch (body[0]) {
        case extension_id::kHeCapabilities: {
            auto* he = first(out.he_capabilities, out);
            return he ? parse_he_capabilities_element(rest, *he) : nullptr;
        }
        case extension_id::kHeOperation: {
            auto* he = first(out.he_operation, out);
            return he ? parse_he_operation_element(rest, *he) : nullptr;
        }
        default:
            return nullptr;
    }
}

template <typename Element, typename Parser>
ElementProblem parse_singleton(std::optional<Element>& slot, InformationElements& out,
                               std::span<const std::uint8_t> body, Parser parser) noexcept {
    auto* element = first(slot, out);
    return element ? parser(body, *element) : nullptr;
}

ElementProblem parse_element(std::uint8_t id, std::uint8_t length, std::span<const std::uint8_t> body,
                             InformationElements& out) noexcept {
    namespace e = element_id;
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
            return parse_one_octet(body, out.ds_channel, out, "DS parameter set not 1 octet");
        case e::kPowerConstraint:
            return parse_one_octet(body, out.power_constraint, out, "power constraint not 1 octet");
        case e::kTim:
            return parse_singleton(out.tim, out, body, parse_tim_element);
        case e::kCountry:
            return parse_singleton(out.country, out, body, parse_country_element);
        case e::kBssLoad:
            return parse_singleton(out.bss_load, out, body, parse_bss_load_element);
        case e::kPowerCapability:
            return parse_singleton(out.power_capability, out, body, parse_power_capability_element);
        case e::kTpcReport:
            return parse_singleton(out.tpc_report, out, body, parse_tpc_report_element);
        case e::kSupportedChannels:
            return parse_singleton(out.supported_channels, out, body, parse_supported_channels_element);
        case e::kHtCapabilities:
            return parse_singleton(out.ht_capabilities, out, body, parse_ht_capabilities_element);
        case e::kRsn:
            return parse_singleton(out.rsn, out, body, parse_rsn_element);
        case e::kMobilityDomain:
            return parse_singleton(out.mobility_domain, out, body, parse_mobility_domain_element);
        case e::kHtOperation:
            return parse_singleton(out.ht_operation, out, body, parse_ht_operation_element);
        case e::kMultipleBssid:
            return parse_singleton(out.multiple_bssid, out, body, parse_multiple_bssid_element);
        case e::kExtendedCapabilities:
            return parse_singleton(out.extended_capabilities, out, body, parse_extended_capabilities_element);
        case e::kCiscoCcx1:
            return parse_singleton(out.cisco_ccx1, out, body, parse_cisco_ccx1_element);
        case e::kVhtCapabilities:
            return parse_singleton(out.vht_capabilities, out, body, parse_vht_capabilities_element);
        case e::kVhtOperation:
            return parse_singleton(out.vht_operation, out, body, parse_vht_operation_element);
        case e::kVendorSpecific:
            return parse_vendor(body, length, out);
        case e::kExtension:
            return parse_extension(body, out);
        default:
            return nullptr;
    }
    ++out.duplicate_count;  // a repeated SSID, rates or Mesh ID element
    return nullptr;
}

}  // namespace

DissectError parse_information_elements(std::span<const std::uint8_t> elements, InformationElements& out) noexcept {
    out = InformationElements{};
    out.raw = elements;
    ByteCursor cursor(elements);
    while (!cursor.empty()) {
        const std::size_t start = cursor.offset();
        std::uint8_t id = 0, length = 0;
        std::span<const std::uint8_t> body;
        if (!cursor.read_u8(id) || !cursor.read_u8(length) || !cursor.read_bytes(length, body))
            return dissect_error(DissectStatus::truncated, "information element runs past the end of the frame", start);
        const ElementTag tag = make_tag(id, body);
        out.tags.push(tag);
        ++out.element_count;
        if (const ElementProblem problem = parse_element(id, length, body, out); problem != nullptr) {
            ++out.malformed_count;
            out.malformed.push(MalformedElement{tag, start, problem});
        }
    }
    return kDissectOk;
}

std::optional<ChannelWidth> operating_channel_width(const InformationElements& elements) noexcept {
    if (elements.he_operation && !elements.he_operation->malformed) {
        if (elements.he_operation->six_ghz_operation) return elements.he_operation->six_ghz_operation->width();
        if (elements.he_operation->vht_operation) {
            if (auto width = elements.he_operation->vht_operation->width()) return width;
        }
    }
    if (elements.vht_operation && !elements.vht_operation->malformed) {
        if (auto width = elements.vht_operation->width()) return width;
    }
    if (elements.ht_operation && !elements.ht_operation->malformed) return elements.ht_operation->width();
    return std::nullopt;
}

}  // namespace kismetcore::dissect
