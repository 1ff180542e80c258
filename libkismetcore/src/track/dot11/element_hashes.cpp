// SSID hashes, IE fingerprints: Kismet's exact arithmetic, so keys and fingerprints agree with a real Kismet.
#include "kismetcore/track/dot11/element_hashes.h"

// The state struct is needed on the stack (no allocation per packet); 0.8 declares it only on request.
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <array>
#include <charconv>
#include <cstring>
#include <functional>
#include <string>

namespace kismetcore::track::dot11 {
namespace {

constexpr std::uint8_t kVendorSpecific = 221;
constexpr std::uint8_t kVendorSpecificOld = 150;

bool parse_hex(std::string_view text, std::uint32_t& out) {
    if (text.empty()) return false;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out, 16);
    return ec == std::errc() && ptr == end;
}

}  // namespace

std::uint32_t ssid_hash(std::span<const std::uint8_t> ssid) noexcept {
    XXH32_state_t state;
    XXH32_reset(&state, 0);
    XXH32_update(&state, ssid.data(), ssid.size());
    const auto length = static_cast<std::uint32_t>(ssid.size());
    std::array<std::uint8_t, 4> length_le{static_cast<std::uint8_t>(length), static_cast<std::uint8_t>(length >> 8),
                                          static_cast<std::uint8_t>(length >> 16),
                                          static_cast<std::uint8_t>(length >> 24)};
    XXH32_update(&state, length_le.data(), length_le.size());
    return XXH32_digest(&state);
}

std::vector<FingerprintElement> parse_fingerprint_list(std::string_view list) {
    std::vector<FingerprintElement> result;
    while (!list.empty()) {
        const auto comma = list.find(',');
        std::string_view entry = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
        while (!entry.empty() && entry.back() == ' ') entry.remove_suffix(1);
        FingerprintElement element;
        const auto dash = entry.find('-');
        std::uint32_t number = 0;
        const std::string_view number_text = entry.substr(0, dash);
        auto [ptr, ec] = std::from_chars(number_text.data(), number_text.data() + number_text.size(), number);
        if (ec != std::errc() || ptr != number_text.data() + number_text.size() || number > 255) continue;
        element.number = static_cast<std::uint8_t>(number);
        if (dash != std::string_view::npos) {
            const std::string_view rest = entry.substr(dash + 1);
            const auto second_dash = rest.find('-');
            std::uint32_t oui = 0;
            std::uint32_t type = 0;
            if (second_dash == std::string_view::npos || !parse_hex(rest.substr(0, second_dash), oui) ||
                !parse_hex(rest.substr(second_dash + 1), type) || oui > 0xffffff || type > 0xff)
                continue;
            element.oui = oui;
            element.oui_type = static_cast<std::uint8_t>(type);
        }
        result.push_back(element);
    }
    return result;
}

std::uint32_t element_fingerprint(std::span<const FingerprintElement> list,
                                  std::span<const std::uint8_t> elements) noexcept {
    XXH32_state_t state;
    XXH32_reset(&state, 0);
    for (const FingerprintElement& wanted : list) {
        std::size_t at = 0;
        while (at + 2 <= elements.size()) {
            const std::uint8_t number = elements[at];
            const std::size_t length = elements[at + 1];
            if (at + 2 + length > elements.size()) break;
            const std::span<const std::uint8_t> body = elements.subspan(at + 2, length);
            at += 2 + length;
            if (number != wanted.number) continue;
            if (number == kVendorSpecific || number == kVendorSpecificOld) {
                if (body.size() < 4) continue;
                const std::uint32_t oui = (std::uint32_t{body[0]} << 16) | (std::uint32_t{body[1]} << 8) | body[2];
                if (oui != wanted.oui || body[3] != wanted.oui_type) continue;
            }
            // libstdc++ hashes a string with _Hash_bytes; std::hash<std::string_view> is the same function.
            const std::size_t hash = std::hash<std::string_view>{}(
                std::string_view(reinterpret_cast<const char*>(body.data()), body.size()));
            const auto low = static_cast<std::uint32_t>(hash);
            const std::array<std::uint8_t, 4> low_le{
                static_cast<std::uint8_t>(low), static_cast<std::uint8_t>(low >> 8),
                static_cast<std::uint8_t>(low >> 16), static_cast<std::uint8_t>(low >> 24)};
            XXH32_update(&state, low_le.data(), low_le.size());
        }
    }
    return XXH32_digest(&state);
}

}  // namespace kismetcore::track::dot11
