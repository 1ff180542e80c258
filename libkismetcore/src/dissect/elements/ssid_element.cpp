// SSID and Mesh ID elements (IEEE 802.11-2020 9.4.2.2, 9.4.2.99).
#include "kismetcore/dissect/elements/ssid_element.h"

#include <cstring>

namespace kismetcore::dissect {

bool is_valid_utf8(std::span<const std::uint8_t> bytes) noexcept {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::uint8_t lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint8_t low = 0x80, high = 0xbf;  // allowed range of the second octet (RFC 3629 section 4)
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            if (lead == 0xe0) low = 0xa0;   // no overlong forms
            if (lead == 0xed) high = 0x9f;  // no UTF-16 surrogates
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            if (lead == 0xf0) low = 0x90;   // no overlong forms
            if (lead == 0xf4) high = 0x8f;  // nothing above U+10FFFF
        } else {
            return false;
        }
        if (bytes.size() - i < length) return false;
        if (bytes[i + 1] < low || bytes[i + 1] > high) return false;
        for (std::size_t k = 2; k < length; ++k)
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return false;
        i += length;
    }
    return true;
}

ElementProblem parse_ssid_element(std::span<const std::uint8_t> body, SsidElement& out) noexcept {
    // The OR of every octet, eight at a time, answers both questions for the usual SSID: zero means hidden, no
    // high bit means ASCII, which is valid UTF-8 without decoding it.
    std::uint64_t any = 0;
    std::size_t i = 0;
    for (; i + 8 <= body.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, body.subspan(i, 8).data(), sizeof(word));
        any |= word;
    }
    for (; i < body.size(); ++i) any |= body[i];
    out.present = true;
    out.bytes = body;
    out.hidden = any == 0;
    out.over_long = body.size() > kMaxSsidLength;
    out.valid_utf8 = (any & 0x8080808080808080ull) == 0 || is_valid_utf8(body);
    return out.over_long ? "SSID longer than 32 octets" : nullptr;
}

ElementProblem parse_mesh_id_element(std::span<const std::uint8_t> body, MeshIdElement& out) noexcept {
    out.present = true;
    out.bytes = body;
    out.over_long = body.size() > kMaxSsidLength;
    return out.over_long ? "Mesh ID longer than 32 octets" : nullptr;
}

}  // namespace kismetcore::dissect
