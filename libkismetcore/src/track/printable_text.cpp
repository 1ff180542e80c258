// Kismet's munge_to_printable, byte for byte.
#include "kismetcore/track/printable_text.h"

#include <algorithm>

#include "kismetcore/common/hex_digits.h"

namespace kismetcore::track {
namespace {

// RFC 3629 well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::span<const std::uint8_t> bytes) noexcept {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::uint8_t lead = bytes[i];
        std::size_t extra = 0;
        std::uint8_t low = 0x80;
        std::uint8_t high = 0xbf;
        if (lead <= 0x7f) {
            ++i;
            continue;
        } else if (lead >= 0xc2 && lead <= 0xdf) {
            extra = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            extra = 2;
            if (lead == 0xe0) low = 0xa0;
            if (lead == 0xed) high = 0x9f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            extra = 3;
            if (lead == 0xf0) low = 0x90;
            if (lead == 0xf4) high = 0x8f;
        } else {
            return false;
        }
        if (i + extra >= bytes.size()) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const std::uint8_t next = bytes[i + k];
            const std::uint8_t min = k == 1 ? low : 0x80;
            const std::uint8_t max = k == 1 ? high : 0xbf;
            if (next < min || next > max) return false;
        }
        i += extra + 1;
    }
    return true;
}

constexpr const char* kUpperHex = hex::kUpperDigits;
constexpr const char* kLowerHex = hex::kLowerDigits;

// Printable ASCII other than the two escaped characters: kept as it is whether or not the text is UTF-8.
bool kept_as_is(std::uint8_t byte) noexcept {
    return byte >= 0x20 && byte <= 0x7e && byte != '"' && byte != '\\';
}

}  // namespace

std::string munge_to_printable(std::span<const std::uint8_t> bytes) {
    // Most SSIDs are plain ASCII: one copy instead of a byte-by-byte build.
    if (std::all_of(bytes.begin(), bytes.end(), kept_as_is))
        return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    const bool utf8 = is_valid_utf8(bytes);
    std::string text;
    text.reserve(bytes.size());
    for (const std::uint8_t byte : bytes) {
        switch (byte) {
            case '"':
                text += "\\\"";
                continue;
            case '\\':
                text += "\\\\";
                continue;
            case '\b':
                text += "\\b";
                continue;
            case '\f':
                text += "\\f";
                continue;
            case '\n':
                text += "\\n";
                continue;
            case '\r':
                text += "\\r";
                continue;
            case '\t':
                text += "\\t";
                continue;
            default:
                break;
        }
        if (utf8) {
            if (byte <= 0x1f) {
                text += "\\u00";
                text += kLowerHex[byte >> 4];
                text += kLowerHex[byte & 0x0f];
            } else {
                text += static_cast<char>(byte);
            }
        } else if (byte >= 32 && byte <= 126) {
            text += static_cast<char>(byte);
        } else {
            text += "\\x";
            text += kUpperHex[byte >> 4];
            text += kUpperHex[byte & 0x0f];
        }
    }
    return text;
}

}  // namespace kismetcore::track
