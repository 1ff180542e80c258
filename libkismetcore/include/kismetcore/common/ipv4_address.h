// An IPv4 address as its four octets in network order, as packets carry it.
#pragma once

#include <array>
#include <cstdint>

namespace kismetcore {

using Ipv4Address = std::array<std::uint8_t, 4>;

}  // namespace kismetcore
