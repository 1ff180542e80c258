// Small vendor elements: OWE Transition Mode (Wi-Fi Alliance OWE specification 2.2, 50-6F-9A type 28).
#include "kismetcore/dissect/elements/vendor_elements.h"

#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::dissect {

ElementProblem parse_owe_transition_element(std::span<const std::uint8_t> body, OweTransitionElement& out) noexcept {
    // BSSID (6), SSID Length (1), SSID, then optionally Band Info: operating class (1) and channel (1).
    ByteCursor cursor(body);
    std::span<const std::uint8_t> bssid;
    std::uint8_t ssid_length = 0;
    if (!cursor.read_bytes(MacAddress::kLength, bssid) || !cursor.read_u8(ssid_length) ||
        !cursor.read_bytes(ssid_length, out.ssid))
        return out.mark("OWE transition element shorter than its BSSID and SSID");
    out.bssid = MacAddress::from_bytes(bssid.first<MacAddress::kLength>());
    if (cursor.empty()) return nullptr;
    std::uint8_t operating_class = 0, channel = 0;
    if (!cursor.read_u8(operating_class) || !cursor.read_u8(channel))
        return out.mark("OWE transition element cut inside its band information");
    out.operating_class = operating_class;
    out.channel = channel;
    return nullptr;
}

}  // namespace kismetcore::dissect
