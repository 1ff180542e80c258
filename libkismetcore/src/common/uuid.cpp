// UUID text in Kismet's form.
#include "kismetcore/common/uuid.h"

#include "kismetcore/common/hex_digits.h"

namespace kismetcore {
namespace {

constexpr bool dash_before(std::size_t byte_index) noexcept {
    return byte_index == 4 || byte_index == 6 || byte_index == 8 || byte_index == 10;
}

}  // namespace

void append_uuid_text(std::string& out, const Uuid& uuid) {
    for (std::size_t i = 0; i < uuid.size(); ++i) {
        if (dash_before(i)) out += '-';
        out += hex::kUpperDigits[uuid[i] >> 4];
        out += hex::kUpperDigits[uuid[i] & 0x0f];
    }
}

std::string uuid_text(const Uuid& uuid) {
    std::string text;
    text.reserve(36);
    append_uuid_text(text, uuid);
    return text;
}

std::optional<Uuid> parse_uuid(std::string_view text) noexcept {
    if (text.size() != 36) return std::nullopt;
    Uuid uuid{};
    std::size_t at = 0;
    for (std::size_t i = 0; i < uuid.size(); ++i) {
        if (dash_before(i) && text[at++] != '-') return std::nullopt;
        const int high = hex::digit_value(text[at++]);
        const int low = hex::digit_value(text[at++]);
        if (high < 0 || low < 0) return std::nullopt;
        uuid[i] = static_cast<std::uint8_t>(high << 4 | low);
    }
    return uuid;
}

}  // namespace kismetcore
