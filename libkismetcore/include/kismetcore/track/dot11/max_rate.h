// The highest data rate an access point advertises (dot11.advertisedssid.maxrate), from its rates, HT and VHT.
#pragma once

#include "kismetcore/dissect/information_elements.h"

namespace kismetcore::track::dot11 {

// Mb/s: the best of the legacy rates (Supported and Extended Supported Rates), the HT rate of the highest MCS the
// HT Capabilities element receives at its widest width and guard interval, and the same for VHT Capabilities
// (IEEE 802.11-2020 Tables 19-27 ff. and 21-30 ff.).
double max_rate_mbps(const dissect::InformationElements& elements) noexcept;

}  // namespace kismetcore::track::dot11
