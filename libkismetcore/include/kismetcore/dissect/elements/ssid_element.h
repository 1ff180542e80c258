// SSID (IEEE 802.11-2020 9.4.2.2) and Mesh ID (9.4.2.99): byte strings kept exactly as sent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "kismetcore/dissect/elements/element_status.h"

namespace kismetcore::dissect {

inline constexpr std::size_t kMaxSsidLength = 32;

// The SSID is an octet string, not text: it may be empty, all NUL (a cloaked network), longer than the
// 32 octets the standard allows (an attack or a broken AP) or in a legacy encoding such as GBK. Nothing is
// dropped or rewritten; the flags say what the bytes are.
struct SsidElement {
    bool present = false;
    std::span<const std::uint8_t> bytes;
    bool hidden = false;     // zero length, or every octet NUL
    bool over_long = false;  // more than 32 octets (Kismet raises LONGSSID)
    bool valid_utf8 = true;  // the octets form valid UTF-8 (the empty SSID is valid)

    // The octets as characters, for printing or comparison; not necessarily UTF-8.
    [[nodiscard]] std::string_view text() const noexcept {
        return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
    }
};

// Mesh ID of an 802.11s mesh BSS; a mesh beacon carries it with a zero-length SSID.
struct MeshIdElement {
    bool present = false;
    std::span<const std::uint8_t> bytes;
    bool over_long = false;  // more than 32 octets

    [[nodiscard]] std::string_view text() const noexcept {
        return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
    }
};

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
[[nodiscard]] bool is_valid_utf8(std::span<const std::uint8_t> bytes) noexcept;

// Fills `out` from an SSID body. Returns nullptr, or a reason when the SSID is longer than 32 octets (the
// bytes are kept all the same).
ElementProblem parse_ssid_element(std::span<const std::uint8_t> body, SsidElement& out) noexcept;
ElementProblem parse_mesh_id_element(std::span<const std::uint8_t> body, MeshIdElement& out) noexcept;

}  // namespace kismetcore::dissect
