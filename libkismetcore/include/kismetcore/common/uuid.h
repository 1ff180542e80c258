// UUIDs as Kismet prints and reads them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kismetcore {

using Uuid = std::array<std::uint8_t, 16>;

// Upper case, 8-4-4-4-12 ("4E1D07C3-0000-0000-0000-0000ABC80AC1"), as Kismet prints UUIDs.
std::string uuid_text(const Uuid& uuid);
void append_uuid_text(std::string& out, const Uuid& uuid);
// 8-4-4-4-12 hex digits in either case; nullopt for anything else.
std::optional<Uuid> parse_uuid(std::string_view text) noexcept;

}  // namespace kismetcore
