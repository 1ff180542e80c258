// Kismet's munging of strings from the air (SSIDs, WPS names) into the text its records hold.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace kismetcore::track {

// As Kismet's munge_to_printable: `"` and `\` and \b \f \n \r \t are backslash-escaped; then, if the bytes are
// valid UTF-8, other control characters become \u00xx and everything else is kept; if not, printable ASCII is
// kept and every other byte becomes \xHH. The JSON serializer escapes the result again, as Kismet's does.
std::string munge_to_printable(std::span<const std::uint8_t> bytes);

}  // namespace kismetcore::track
