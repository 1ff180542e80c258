// SSID hashes, IE fingerprints: Kismet's exact arithmetic, so keys and fingerprints agree with a real Kismet.
#include "kismetcore/track/dot11/element_hashes.h"

// The state struct is needed on the stack (no allocation per packet); 0.8 declares it only on request.
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <algorithm>
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

// An element body is at most 255 bytes (IEEE 802.11-2020 9.4.2.1: one length octet).
constexpr std::size_t kMaxElementBody = 255;
// Element tables longer than this (only padding-like runs of empty elements) take the byte walk instead.
constexpr std::size_t kListedElements = 96;

constexpr std::uint8_t kEndOfChain = 0xFF;
static_assert(kListedElements < kEndOfChain);

// A complete element of the list: where its body is, and the next element with the same number.
struct ElementSpan {
    std::uint16_t offset;
    std::uint8_t length;
    std::uint8_t next;
};

bool matches(const FingerprintElement& wanted, std::span<const std::uint8_t> body) noexcept {
    if (wanted.number != kVendorSpecific && wanted.number != kVendorSpecificOld) return true;
    if (body.size() < 4) return false;
    const std::uint32_t oui = (std::uint32_t{body[0]} << 16) | (std::uint32_t{body[1]} << 8) | body[2];
    return oui == wanted.oui && body[3] == wanted.oui_type;
}

// The fingerprint's XXH32 input, gathered on the stack and hashed at once; XXH32 of the concatenation equals the
// streamed digest, and a streaming state takes over only when the buffer fills.
class DigestInput {
public:
    void add(std::span<const std::uint8_t> body) noexcept {
        // libstdc++ hashes a string with _Hash_bytes; std::hash<std::string_view> is the same function.
        const auto low = static_cast<std::uint32_t>(
            std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(body.data()), body.size())));
        if (size_ + 4 > buffer_.size()) {
            if (!streamed_) XXH32_reset(&state_, 0);
            XXH32_update(&state_, buffer_.data(), size_);
            size_ = 0;
            streamed_ = true;
        }
        buffer_[size_] = static_cast<std::uint8_t>(low);
        buffer_[size_ + 1] = static_cast<std::uint8_t>(low >> 8);
        buffer_[size_ + 2] = static_cast<std::uint8_t>(low >> 16);
        buffer_[size_ + 3] = static_cast<std::uint8_t>(low >> 24);
        size_ += 4;
    }

    std::uint32_t digest() noexcept {
        if (!streamed_) return XXH32(buffer_.data(), size_, 0);
        XXH32_update(&state_, buffer_.data(), size_);
        return XXH32_digest(&state_);
    }

private:
    // Left uninitialized: zeroing them cost more than the typical fingerprint's own input. The buffer is read
    // only up to size_, and the state only after XXH32_reset.
    XXH32_state_t state_;
    std::array<std::uint8_t, 128> buffer_;
    std::size_t size_ = 0;
    bool streamed_ = false;
};

// Kismet's order, element by element for each list entry: the fallback when the element table overflows.
std::uint32_t element_fingerprint_by_walk(std::span<const FingerprintElement> list,
                                          std::span<const std::uint8_t> elements) noexcept {
    DigestInput input;
    for (const FingerprintElement& wanted : list) {
        std::size_t at = 0;
        while (at + 2 <= elements.size()) {
            const std::uint8_t number = elements[at];
            const std::size_t length = elements[at + 1];
            if (at + 2 + length > elements.size()) break;
            const std::span<const std::uint8_t> body = elements.subspan(at + 2, length);
            at += 2 + length;
            if (number == wanted.number && matches(wanted, body)) input.add(body);
        }
    }
    return input.digest();
}

}  // namespace

std::uint32_t ssid_hash(std::span<const std::uint8_t> ssid) noexcept {
    // One-shot XXH32 over a copy equals the streaming digest, without the streaming state's bookkeeping.
    std::array<std::uint8_t, kMaxElementBody + 4> input;
    const std::size_t size = std::min(ssid.size(), kMaxElementBody);
    if (size != 0) std::memcpy(input.data(), ssid.data(), size);  // an empty span may hold no pointer
    const auto length = static_cast<std::uint32_t>(ssid.size());
    input[size] = static_cast<std::uint8_t>(length);
    input[size + 1] = static_cast<std::uint8_t>(length >> 8);
    input[size + 2] = static_cast<std::uint8_t>(length >> 16);
    input[size + 3] = static_cast<std::uint8_t>(length >> 24);
    if (size == ssid.size()) return XXH32(input.data(), size + 4, 0);
    XXH32_state_t state;
    XXH32_reset(&state, 0);
    XXH32_update(&state, ssid.data(), ssid.size());
    XXH32_update(&state, input.data() + size, 4);
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
    // One walk chains the complete elements by number (first of each number, then the next of the same number),
    // so each list entry visits only its own elements, in frame order.
    std::array<ElementSpan, kListedElements> listed;
    std::array<std::uint8_t, 256> first_of;
    std::array<std::uint8_t, 256> last_of;
    std::array<std::uint64_t, 4> present{};
    std::size_t count = 0;
    std::size_t at = 0;
    while (at + 2 <= elements.size()) {
        const std::uint8_t number = elements[at];
        const std::size_t length = elements[at + 1];
        if (at + 2 + length > elements.size()) break;
        if (count == listed.size()) return element_fingerprint_by_walk(list, elements);
        const auto index = static_cast<std::uint8_t>(count++);
        listed[index] = ElementSpan{static_cast<std::uint16_t>(at + 2), static_cast<std::uint8_t>(length), kEndOfChain};
        std::uint64_t& word = present[number >> 6];
        const std::uint64_t bit = std::uint64_t{1} << (number & 63u);
        if ((word & bit) == 0) {
            word |= bit;
            first_of[number] = index;
        } else {
            listed[last_of[number]].next = index;
        }
        last_of[number] = index;
        at += 2 + length;
    }

    DigestInput input;
    for (const FingerprintElement& wanted : list) {
        if ((present[wanted.number >> 6] & (std::uint64_t{1} << (wanted.number & 63u))) == 0) continue;
        for (std::uint8_t i = first_of[wanted.number]; i != kEndOfChain; i = listed[i].next) {
            const auto body = elements.subspan(listed[i].offset, listed[i].length);
            if (matches(wanted, body)) input.add(body);
        }
    }
    return input.digest();
}

}  // namespace kismetcore::track::dot11
