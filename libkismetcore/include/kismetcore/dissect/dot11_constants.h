// Numbers from IEEE 802.11-2020 that the 802.11 dissector and the frame builders share.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace kismetcore::dissect::dot11 {

// Frame types, IEEE 802.11-2020 9.2.4.1.3 and Table 9-1.
inline constexpr std::uint8_t kTypeManagement = 0;
inline constexpr std::uint8_t kTypeControl = 1;
inline constexpr std::uint8_t kTypeData = 2;
inline constexpr std::uint8_t kTypeExtension = 3;

// Management subtypes (Table 9-1, type 00).
namespace management {
inline constexpr std::uint8_t kAssociationRequest = 0;
inline constexpr std::uint8_t kAssociationResponse = 1;
inline constexpr std::uint8_t kReassociationRequest = 2;
inline constexpr std::uint8_t kReassociationResponse = 3;
inline constexpr std::uint8_t kProbeRequest = 4;
inline constexpr std::uint8_t kProbeResponse = 5;
inline constexpr std::uint8_t kTimingAdvertisement = 6;
inline constexpr std::uint8_t kBeacon = 8;
inline constexpr std::uint8_t kAtim = 9;
inline constexpr std::uint8_t kDisassociation = 10;
inline constexpr std::uint8_t kAuthentication = 11;
inline constexpr std::uint8_t kDeauthentication = 12;
inline constexpr std::uint8_t kAction = 13;
inline constexpr std::uint8_t kActionNoAck = 14;
}  // namespace management

// Control subtypes (Table 9-1, type 01). Trigger comes from IEEE 802.11ax-2021; 0011 (TACK) is S1G-only and
// kismetcore names it "reserved", as the list of names Kismet-facing code uses has no entry for it.
namespace control {
inline constexpr std::uint8_t kTrigger = 2;
inline constexpr std::uint8_t kTack = 3;
inline constexpr std::uint8_t kBeamformingReportPoll = 4;
inline constexpr std::uint8_t kVhtNdpAnnouncement = 5;
inline constexpr std::uint8_t kControlFrameExtension = 6;
inline constexpr std::uint8_t kControlWrapper = 7;
inline constexpr std::uint8_t kBlockAckRequest = 8;
inline constexpr std::uint8_t kBlockAck = 9;
inline constexpr std::uint8_t kPsPoll = 10;
inline constexpr std::uint8_t kRts = 11;
inline constexpr std::uint8_t kCts = 12;
inline constexpr std::uint8_t kAck = 13;
inline constexpr std::uint8_t kCfEnd = 14;
inline constexpr std::uint8_t kCfEndAck = 15;

// Control Frame Extension values (Table 9-2), carried in B8-B11 of the Frame Control field (DMG).
inline constexpr std::uint8_t kExtensionPoll = 2;
inline constexpr std::uint8_t kExtensionSpr = 3;
inline constexpr std::uint8_t kExtensionGrant = 4;
inline constexpr std::uint8_t kExtensionDmgCts = 5;
inline constexpr std::uint8_t kExtensionDmgDts = 6;
inline constexpr std::uint8_t kExtensionGrantAck = 7;
inline constexpr std::uint8_t kExtensionSsw = 8;
inline constexpr std::uint8_t kExtensionSswFeedback = 9;
inline constexpr std::uint8_t kExtensionSswAck = 10;
}  // namespace control

// Data subtypes (Table 9-1, type 10). B3 of the subtype marks a QoS subtype, B2 a subtype without a body.
namespace data {
inline constexpr std::uint8_t kData = 0;
inline constexpr std::uint8_t kDataCfAck = 1;
inline constexpr std::uint8_t kDataCfPoll = 2;
inline constexpr std::uint8_t kDataCfAckPoll = 3;
inline constexpr std::uint8_t kNull = 4;
inline constexpr std::uint8_t kCfAck = 5;
inline constexpr std::uint8_t kCfPoll = 6;
inline constexpr std::uint8_t kCfAckPoll = 7;
inline constexpr std::uint8_t kQosData = 8;
inline constexpr std::uint8_t kQosDataCfAck = 9;
inline constexpr std::uint8_t kQosDataCfPoll = 10;
inline constexpr std::uint8_t kQosDataCfAckPoll = 11;
inline constexpr std::uint8_t kQosNull = 12;
inline constexpr std::uint8_t kQosCfPoll = 14;
inline constexpr std::uint8_t kQosCfAckPoll = 15;

inline constexpr std::uint8_t kQosSubtypeBit = 0x08;
inline constexpr std::uint8_t kNoBodySubtypeBit = 0x04;
}  // namespace data

// Extension subtypes (Table 9-1, type 11).
namespace extension {
inline constexpr std::uint8_t kDmgBeacon = 0;
inline constexpr std::uint8_t kS1gBeacon = 1;
}  // namespace extension

// The flags octet of the Frame Control field (9.2.4.1.1, Figure 9-3), B8 to B15.
namespace fc_flag {
inline constexpr std::uint8_t kToDs = 0x01;
inline constexpr std::uint8_t kFromDs = 0x02;
inline constexpr std::uint8_t kMoreFragments = 0x04;
inline constexpr std::uint8_t kRetry = 0x08;
inline constexpr std::uint8_t kPowerManagement = 0x10;
inline constexpr std::uint8_t kMoreData = 0x20;
inline constexpr std::uint8_t kProtected = 0x40;
inline constexpr std::uint8_t kOrder = 0x80;  // +HTC in QoS data and management frames (9.2.4.1.10)
}  // namespace fc_flag

// Capability Information bits (9.4.1.4) the dissector and builders name.
namespace capability {
inline constexpr std::uint16_t kEss = 0x0001;
inline constexpr std::uint16_t kIbss = 0x0002;
inline constexpr std::uint16_t kPrivacy = 0x0010;
inline constexpr std::uint16_t kShortPreamble = 0x0020;
inline constexpr std::uint16_t kShortSlotTime = 0x0400;
}  // namespace capability

// Authentication Algorithm Number field (9.4.1.1).
namespace auth_algorithm {
inline constexpr std::uint16_t kOpenSystem = 0;
inline constexpr std::uint16_t kSharedKey = 1;
inline constexpr std::uint16_t kFastBssTransition = 2;
inline constexpr std::uint16_t kSae = 3;
inline constexpr std::uint16_t kFilsSharedKey = 4;
inline constexpr std::uint16_t kFilsSharedKeyPfs = 5;
inline constexpr std::uint16_t kFilsPublicKey = 6;
}  // namespace auth_algorithm

// Category values of action frames (9.4.1.11, Table 9-51) that the dissector looks into.
namespace action_category {
inline constexpr std::uint8_t kSpectrumManagement = 0;
inline constexpr std::uint8_t kQos = 1;
inline constexpr std::uint8_t kBlockAck = 3;
inline constexpr std::uint8_t kPublic = 4;
inline constexpr std::uint8_t kRadioMeasurement = 5;
inline constexpr std::uint8_t kFastBssTransition = 6;
inline constexpr std::uint8_t kHt = 7;
inline constexpr std::uint8_t kSaQuery = 8;
inline constexpr std::uint8_t kWnm = 10;
inline constexpr std::uint8_t kVendorSpecificProtected = 126;
inline constexpr std::uint8_t kVendorSpecific = 127;

// Radio Measurement action field values (9.6.6.1, Table 9-347).
inline constexpr std::uint8_t kNeighborReportResponse = 5;
}  // namespace action_category

// MAC header sizes (9.3.1, 9.3.2.1, 9.3.3.2).
inline constexpr std::size_t kFrameControlLength = 2;
inline constexpr std::size_t kDurationLength = 2;
inline constexpr std::size_t kAddressLength = 6;
inline constexpr std::size_t kSequenceControlLength = 2;
inline constexpr std::size_t kQosControlLength = 2;
inline constexpr std::size_t kHtControlLength = 4;
inline constexpr std::size_t kFcsLength = 4;
inline constexpr std::size_t kThreeAddressHeaderLength = 24;  // FC, duration, A1-A3, sequence control
inline constexpr std::size_t kFourAddressHeaderLength = 30;

// The key ID octet of the WEP IV and of the TKIP/CCMP/GCMP headers (12.3.2.2, 12.5.2.2, 12.5.3.2).
inline constexpr std::uint8_t kExtendedIvBit = 0x20;

// LLC/SNAP encapsulation of MSDUs (IEEE 802.2 / RFC 1042, bridge tunnel per IEEE 802.1H).
inline constexpr std::array<std::uint8_t, 6> kRfc1042Header{0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00};
inline constexpr std::array<std::uint8_t, 6> kBridgeTunnelHeader{0xaa, 0xaa, 0x03, 0x00, 0x00, 0xf8};
inline constexpr std::size_t kLlcSnapLength = 8;  // the 6 octets above plus the EtherType
inline constexpr std::uint16_t kEthertypeEapol = 0x888e;
inline constexpr std::uint16_t kEthertypeIpv4 = 0x0800;

}  // namespace kismetcore::dissect::dot11
