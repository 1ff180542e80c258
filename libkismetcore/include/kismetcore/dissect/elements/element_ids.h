// Element IDs, extension IDs, vendor OUIs and suite selectors that the element dissectors and builders share.
#pragma once

#include <cstdint>

namespace kismetcore::dissect {

// Element IDs, IEEE 802.11-2020 9.4.2.1, Table 9-92.
namespace element_id {
inline constexpr std::uint8_t kSsid = 0;
inline constexpr std::uint8_t kSupportedRates = 1;
inline constexpr std::uint8_t kDsParameterSet = 3;
inline constexpr std::uint8_t kTim = 5;
inline constexpr std::uint8_t kCountry = 7;
inline constexpr std::uint8_t kBssLoad = 11;  // Kismet's "QBSS load"
inline constexpr std::uint8_t kPowerConstraint = 32;
inline constexpr std::uint8_t kPowerCapability = 33;
inline constexpr std::uint8_t kTpcReport = 35;
inline constexpr std::uint8_t kSupportedChannels = 36;
inline constexpr std::uint8_t kHtCapabilities = 45;
inline constexpr std::uint8_t kRsn = 48;
inline constexpr std::uint8_t kExtendedSupportedRates = 50;
inline constexpr std::uint8_t kNeighborReport = 52;
inline constexpr std::uint8_t kMobilityDomain = 54;
inline constexpr std::uint8_t kHtOperation = 61;
inline constexpr std::uint8_t kMultipleBssid = 71;
inline constexpr std::uint8_t kMeshConfiguration = 113;
inline constexpr std::uint8_t kMeshId = 114;
inline constexpr std::uint8_t kExtendedCapabilities = 127;
inline constexpr std::uint8_t kCiscoCcx1 = 133;  // Cisco proprietary (CCX1 "Aironet" element), not in the standard
inline constexpr std::uint8_t kVhtCapabilities = 191;
inline constexpr std::uint8_t kVhtOperation = 192;
inline constexpr std::uint8_t kVendorSpecific = 221;
inline constexpr std::uint8_t kExtension = 255;
}  // namespace element_id

// Element ID Extensions carried in the first body octet of element 255 (Table 9-92; IEEE 802.11ax-2021).
namespace extension_id {
inline constexpr std::uint8_t kHeCapabilities = 35;
inline constexpr std::uint8_t kHeOperation = 36;
}  // namespace extension_id

// Organizationally unique identifiers of the vendor elements kismetcore decodes, as 24-bit big-endian values.
namespace oui {
inline constexpr std::uint32_t kIeee80211 = 0x000FAC;           // suite selectors of the RSN element (9.4.2.25.2)
inline constexpr std::uint32_t kMicrosoft = 0x0050F2;           // WPA (type 1), WMM (type 2), WPS (type 4)
inline constexpr std::uint32_t kWifiAlliance = 0x506F9A;        // P2P (type 9), OWE transition (type 28)
inline constexpr std::uint32_t kCisco = 0x004096;               // Cisco client MFP (type 0x14)
inline constexpr std::uint32_t kDjiDroneId = 0x263712;          // DJI DroneID telemetry
inline constexpr std::uint32_t kWpsVendorExtension = 0x00372A;  // WFA vendor extension inside WPS
}  // namespace oui

namespace vendor_type {
inline constexpr std::uint8_t kWpa = 1;
inline constexpr std::uint8_t kWmm = 2;
inline constexpr std::uint8_t kWps = 4;
inline constexpr std::uint8_t kP2p = 9;
inline constexpr std::uint8_t kOweTransition = 28;
inline constexpr std::uint8_t kCiscoClientMfp = 0x14;
}  // namespace vendor_type

// A cipher or AKM suite selector: the OUI in the upper 24 bits and the suite type in the low 8, as it is sent
// (00-0F-AC:4 is 0x000FAC04). The same encoding serves the RSN element and the WPA vendor element.
using SuiteSelector = std::uint32_t;

constexpr SuiteSelector make_suite(std::uint32_t suite_oui, std::uint8_t type) noexcept {
    return (suite_oui << 8) | type;
}
constexpr std::uint32_t suite_oui(SuiteSelector selector) noexcept {
    return selector >> 8;
}
constexpr std::uint8_t suite_type(SuiteSelector selector) noexcept {
    return static_cast<std::uint8_t>(selector);
}

// Cipher suite types, 9.4.2.25.2 Table 9-149 (type 3 was AES-OCB in drafts; Kismet still names it so).
namespace cipher {
inline constexpr std::uint8_t kUseGroup = 0;
inline constexpr std::uint8_t kWep40 = 1;
inline constexpr std::uint8_t kTkip = 2;
inline constexpr std::uint8_t kOcb = 3;
inline constexpr std::uint8_t kCcmp128 = 4;
inline constexpr std::uint8_t kWep104 = 5;
inline constexpr std::uint8_t kBipCmac128 = 6;
inline constexpr std::uint8_t kGroupNotAllowed = 7;
inline constexpr std::uint8_t kGcmp128 = 8;
inline constexpr std::uint8_t kGcmp256 = 9;
inline constexpr std::uint8_t kCcmp256 = 10;
inline constexpr std::uint8_t kBipGmac128 = 11;
inline constexpr std::uint8_t kBipGmac256 = 12;
inline constexpr std::uint8_t kBipCmac256 = 13;
}  // namespace cipher

// AKM suite types, 9.4.2.25.3 Table 9-151 (PASN from IEEE 802.11az).
namespace akm {
inline constexpr std::uint8_t kIeee8021x = 1;
inline constexpr std::uint8_t kPsk = 2;
inline constexpr std::uint8_t kFtIeee8021x = 3;
inline constexpr std::uint8_t kFtPsk = 4;
inline constexpr std::uint8_t kIeee8021xSha256 = 5;
inline constexpr std::uint8_t kPskSha256 = 6;
inline constexpr std::uint8_t kTdls = 7;
inline constexpr std::uint8_t kSae = 8;
inline constexpr std::uint8_t kFtSae = 9;
inline constexpr std::uint8_t kApPeerKey = 10;
inline constexpr std::uint8_t kSuiteBSha256 = 11;
inline constexpr std::uint8_t kSuiteBSha384 = 12;
inline constexpr std::uint8_t kFtIeee8021xSha384 = 13;
inline constexpr std::uint8_t kFilsSha256 = 14;
inline constexpr std::uint8_t kFilsSha384 = 15;
inline constexpr std::uint8_t kFtFilsSha256 = 16;
inline constexpr std::uint8_t kFtFilsSha384 = 17;
inline constexpr std::uint8_t kOwe = 18;
inline constexpr std::uint8_t kFtPskSha384 = 19;
inline constexpr std::uint8_t kPskSha384 = 20;
inline constexpr std::uint8_t kPasn = 21;
}  // namespace akm

}  // namespace kismetcore::dissect
