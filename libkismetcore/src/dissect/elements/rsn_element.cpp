// RSN element (IEEE 802.11-2020 9.4.2.25) and the WPA vendor element with the same layout.
#include "kismetcore/dissect/elements/rsn_element.h"

#include <algorithm>

#include "element_reading.h"

namespace kismetcore::dissect {
namespace {

bool read_suite(ByteCursor& cursor, SuiteSelector& out) noexcept {
    std::uint32_t value = 0;
    if (!cursor.read_be32(value)) return false;
    out = value;
    return true;
}

// A suite list: a 2-octet count, then that many 4-octet selectors. The count is kept as sent even when the
// list does not fit, and the selectors that do fit are kept. One length check covers the whole list.
template <std::size_t Capacity>
bool read_suite_list(ByteCursor& cursor, std::uint16_t count, FixedList<SuiteSelector, Capacity>& list) noexcept {
    const std::size_t fitting = std::min<std::size_t>(count, cursor.remaining() / 4);
    std::span<const std::uint8_t> suites;
    cursor.read_bytes(fitting * 4, suites);  // fits by construction
    for (std::size_t i = 0; i < fitting; ++i) list.push(detail::be32(suites.subspan(4 * i).first<4>()));
    return fitting == count;
}

// Reads the fields both elements share, Version up to RSN Capabilities, stopping cleanly at any field
// boundary. Both elements define version 1 only (9.4.2.25.1; WPA 1.0).
ElementProblem parse_common(ByteCursor& cursor, RsnElement& out) noexcept {
    if (!cursor.read_le16(out.version)) return out.mark("security element without a version");
    if (out.version != 1) return out.mark("security element version is not 1");
    if (cursor.empty()) return nullptr;

    SuiteSelector group = 0;
    if (!read_suite(cursor, group)) return out.mark("security element ends inside the group cipher suite");
    out.group_cipher = group;
    if (cursor.empty()) return nullptr;

    if (!cursor.read_le16(out.pairwise_count)) return out.mark("security element ends inside the pairwise count");
    if (!read_suite_list(cursor, out.pairwise_count, out.pairwise_ciphers))
        return out.mark("pairwise cipher suite count runs past the element");
    if (cursor.empty()) return nullptr;

    if (!cursor.read_le16(out.akm_count)) return out.mark("security element ends inside the AKM count");
    if (!read_suite_list(cursor, out.akm_count, out.akm_suites))
        return out.mark("AKM suite count runs past the element");
    if (cursor.empty()) return nullptr;

    std::uint16_t capabilities = 0;
    if (!cursor.read_le16(capabilities)) return out.mark("security element ends inside its capabilities");
    out.capabilities = capabilities;
    return nullptr;
}

}  // namespace

ElementProblem parse_rsn_element(std::span<const std::uint8_t> body, RsnElement& out) noexcept {
    ByteCursor cursor(body);
    if (auto problem = parse_common(cursor, out); problem != nullptr || cursor.empty()) return problem;

    if (!cursor.read_le16(out.pmkid_count)) return out.mark("RSN element ends inside the PMKID count");
    for (std::uint16_t i = 0; i < out.pmkid_count; ++i) {
        std::span<const std::uint8_t> pmkid;
        if (!cursor.read_bytes(kPmkidLength, pmkid)) return out.mark("PMKID count runs past the element");
        out.pmkids.push(pmkid);
    }
    if (cursor.empty()) return nullptr;

    SuiteSelector group_management = 0;
    if (!read_suite(cursor, group_management))
        return out.mark("RSN element ends inside the group management cipher suite");
    out.group_management_cipher = group_management;
    // Octets after the last known field are left for future amendments (9.4.2.25.1), not an error.
    return nullptr;
}

ElementProblem parse_wpa_element(std::span<const std::uint8_t> body, WpaElement& out) noexcept {
    ByteCursor cursor(body);
    return parse_common(cursor, out);
}

}  // namespace kismetcore::dissect
