// SSID names that look like the ones a scanner sees in a city: operators, hotspots, home routers, printers.
#pragma once

#include <cstdint>
#include <string>

#include "random_source.h"

namespace kismetcore::synth {

// The name of network `index`. Different indexes always give different names (each generated name embeds
// its index), and every name fits the 32 octets IEEE 802.11-2020 9.4.2.2 allows.
std::string make_ssid(std::uint64_t index, RandomSource& random);

}  // namespace kismetcore::synth
