// The base device record's derived values.
#include "kismetcore/track/device.h"

#include "kismetcore/track/dot11/dot11_device.h"

namespace kismetcore::track {

Device::Device(DeviceKey device_key, std::string_view phy_name)
    : macaddr(device_key.mac()), key(device_key), phyname(phy_name) {}

Device::~Device() = default;

std::string Device::commonname() const {
    if (username && !username->empty()) return *username;
    if (!name.empty()) return name;
    return macaddr.to_upper_string();
}

}  // namespace kismetcore::track
