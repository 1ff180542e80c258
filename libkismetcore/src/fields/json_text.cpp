// Kismet's JSON value text. RapidJSON's writer is not used: its escapes differ from Kismet's (upper-case \u
// digits), and std::to_chars already formats numbers without allocating.
#include "json_text.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "kismetcore/common/hex_digits.h"
#include "kismetcore/common/uuid.h"

namespace kismetcore::fields::json_text {
namespace {

constexpr const char* kUpperHex = hex::kUpperDigits;
constexpr const char* kLowerHex = hex::kLowerDigits;

// Doubles Kismet prints through a cast to long long; beyond that range the cast is undefined, so print the
// integral value in full instead.
constexpr double kLongLongLimit = 9.2e18;

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    const auto byte = static_cast<unsigned char>(c);
                    out += "\\u00";
                    out += kLowerHex[byte >> 4];
                    out += kLowerHex[byte & 0x0f];
                } else {
                    out += c;
                }
        }
    }
}

void append_unsigned(std::string& out, std::uint64_t value) {
    std::array<char, 24> buffer;
    auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    out.append(buffer.data(), result.ptr);
}

void append_signed(std::string& out, std::int64_t value) {
    std::array<char, 24> buffer;
    auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    out.append(buffer.data(), result.ptr);
}

void append_double(std::string& out, double value) {
    if (std::isnan(value) || std::isinf(value)) {
        out += '0';
        return;
    }
    std::array<char, 352> buffer;  // %f of the largest double needs 309 digits plus ".000000"
    if (std::floor(value) == value) {
        if (std::fabs(value) < kLongLongLimit) {
            append_signed(out, static_cast<std::int64_t>(value));
            return;
        }
        auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, 0);
        out.append(buffer.data(), result.ptr);
        return;
    }
    auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, 6);
    out.append(buffer.data(), result.ptr);
}

void append_mac(std::string& out, const MacAddress& mac) {
    std::array<char, MacAddress::kTextLength + 1> buffer;
    out += mac.format_upper(buffer);
}

void append_uuid(std::string& out, const UuidBytes& uuid) {
    append_uuid_text(out, uuid);
}

void append_hex(std::string& out, std::span<const std::uint8_t> bytes) {
    for (auto byte : bytes) {
        out += kUpperHex[byte >> 4];
        out += kUpperHex[byte & 0x0f];
    }
}

void append_ipv4(std::string& out, std::uint64_t address) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        append_unsigned(out, (address >> shift) & 0xff);
        if (shift != 0) out += '.';
    }
}

void append_scalar(std::string& out, const ScalarValue& value) {
    switch (value.type) {
        case FieldType::string:
            out += '"';
            append_escaped(out, value.text);
            out += '"';
            return;
        case FieldType::int8:
        case FieldType::int16:
        case FieldType::int32:
        case FieldType::int64:
            append_signed(out, value.signed_value);
            return;
        case FieldType::uint8:
        case FieldType::uint16:
        case FieldType::uint32:
        case FieldType::uint64:
            append_unsigned(out, value.unsigned_value);
            return;
        case FieldType::float32:
        case FieldType::float64:
            append_double(out, value.double_value);
            return;
        case FieldType::geopoint:
            out += '[';
            append_double(out, value.geopoint.first);
            out += ", ";
            append_double(out, value.geopoint.second);
            out += ']';
            return;
        default:
            break;
    }
    out += '"';
    append_text_form(out, value);
    out += '"';
}

void append_text_form(std::string& out, const ScalarValue& value) {
    switch (value.type) {
        case FieldType::string:
            out += value.text;
            break;
        case FieldType::mac:
            append_mac(out, value.mac);
            break;
        case FieldType::uuid:
            append_uuid(out, value.uuid);
            break;
        case FieldType::byte_array:
            append_hex(out, value.bytes);
            break;
        case FieldType::ipv4:
            append_ipv4(out, value.unsigned_value);
            break;
        case FieldType::device_key: {
            std::array<char, DeviceKey::kMaxTextLength> key_text;
            out += value.key.format(key_text);
            break;
        }
        default:
            break;
    }
}

std::string_view scalar_text(const ScalarValue& value, std::string& buffer) {
    switch (value.type) {
        case FieldType::string:
            return value.text;
        case FieldType::mac:
        case FieldType::uuid:
        case FieldType::byte_array:
        case FieldType::ipv4:
        case FieldType::device_key:
            buffer.clear();
            append_text_form(buffer, value);
            return buffer;
        default:
            return {};
    }
}

void append_key(std::string& out, const ScalarValue& key, KeyKind kind) {
    switch (kind) {
        case KeyKind::signed_hash:
            // Kismet casts the size_t hash to long, so hashes above 2^63 come out negative.
            append_signed(out, static_cast<std::int64_t>(key.unsigned_value));
            return;
        case KeyKind::floating: {
            const double value = key.double_value;
            if (std::isnan(value) || std::isinf(value)) {
                out += '0';
                return;
            }
            append_double(out, value);
            return;
        }
        case KeyKind::integer:
            if (key.type >= FieldType::int8 && key.type <= FieldType::int64 &&
                (static_cast<int>(key.type) - static_cast<int>(FieldType::int8)) % 2 == 0)
                append_signed(out, key.signed_value);
            else
                append_unsigned(out, key.unsigned_value);
            return;
        case KeyKind::string:
            append_escaped(out, key.text);
            return;
        default:
            break;
    }
    append_text_form(out, key);
}

}  // namespace kismetcore::fields::json_text
