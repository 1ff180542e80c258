// A device's behaviour as a client of one access point (dot11.client.*), kept in its dot11.device.client_map.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "kismetcore/common/device_key.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/track/ip_data_record.h"
#include "kismetcore/track/location_record.h"

namespace kismetcore::track::dot11 {

// dot11.client.type: how the client was seen talking to the BSSID (Kismet's dot11_client_type enum).
namespace client_type {
inline constexpr std::uint32_t kUnknown = 0;
inline constexpr std::uint32_t kFromDs = 1;
inline constexpr std::uint32_t kToDs = 2;
inline constexpr std::uint32_t kInterDs = 3;
inline constexpr std::uint32_t kEstablished = 4;
inline constexpr std::uint32_t kAdhoc = 5;
}  // namespace client_type

// What a client's cleartext traffic said about it: DHCP, EAP and CDP names and an IPv4 address
// (dot11.client.dhcp_host, dhcp_vendor, eap_identity, cdp_device, cdp_port, ipdata, all dynamic in Kismet). Only
// clients of open networks say any of it, so a client record holds it behind a pointer.
struct ClientIdentity {
    std::optional<std::string> dhcp_host;
    std::optional<std::string> dhcp_vendor;
    std::optional<std::string> eap_identity;
    std::optional<std::string> cdp_device;
    std::optional<std::string> cdp_port;
    std::unique_ptr<IpDataRecord> ipdata;
};

struct ClientRecord {
    // Members are ordered for packing; the field schema gives Kismet's order.
    DeviceKey bssid_key;
    MacAddress bssid;
    std::uint8_t decrypted = 0;
    std::uint32_t type = client_type::kUnknown;
    std::uint64_t first_time = 0;
    std::uint64_t last_time = 0;
    std::unique_ptr<ClientIdentity> identity;
    std::uint64_t datasize = 0;
    std::uint64_t datasize_retry = 0;
    std::uint64_t num_fragments = 0;
    std::uint64_t num_retries = 0;
    std::unique_ptr<LocationRecord> location;  // dot11.client.location, dynamic: made by the first fix of 2D or better
};

}  // namespace kismetcore::track::dot11
