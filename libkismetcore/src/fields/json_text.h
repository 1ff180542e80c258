// Kismet's JSON text for single values: its string escaping, number forms, MACs, UUIDs, keys and hex.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "kismetcore/fields/record_schema.h"
#include "kismetcore/fields/scalar_value.h"

namespace kismetcore::fields::json_text {

// Kismet's sanitize_string: \" \\ \b \f \n \r \t, other bytes below 0x20 as \u00xx (lower-case hex), every
// other byte (including UTF-8 and DEL) unchanged.
void append_escaped(std::string& out, std::string_view text);
// Integral values without decimals, others as printf %f, NaN and infinities as 0.
void append_double(std::string& out, double value);
void append_unsigned(std::string& out, std::uint64_t value);
void append_signed(std::string& out, std::int64_t value);
void append_mac(std::string& out, const MacAddress& mac);                // upper case
void append_uuid(std::string& out, const UuidBytes& uuid);               // upper case 8-4-4-4-12
void append_hex(std::string& out, std::span<const std::uint8_t> bytes);  // upper case
void append_ipv4(std::string& out, std::uint64_t address);

// The value as Kismet writes it (strings quoted and escaped, numbers bare, geopoints "[a, b]").
void append_scalar(std::string& out, const ScalarValue& value);
// The unquoted text of MACs, UUIDs, device keys, byte arrays (hex), IPv4 addresses and strings (unescaped).
void append_text_form(std::string& out, const ScalarValue& value);
// The unquoted, unescaped text of a value as regex filters and search see it; empty for numbers and
// geopoints. `buffer` backs the result for MACs, keys, UUIDs and hex.
std::string_view scalar_text(const ScalarValue& value, std::string& buffer);
// A map key's text inside its quotes (already escaped).
void append_key(std::string& out, const ScalarValue& key, KeyKind kind);

}  // namespace kismetcore::fields::json_text
