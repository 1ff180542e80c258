// Kismet's device key: the phy name's hash and the MAC, printed as "4202770D00000000_85A4C2860B00".
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "kismetcore/common/mac_address.h"

namespace kismetcore {

// Kismet's Adler-32 variant over a phy name: both sums start at 0, no modulo; names shorter than 4 bytes hash
// to 0 (kismet-reference.md 2.1).
std::uint32_t kismet_phy_hash(std::string_view phy_name) noexcept;

class DeviceKey {
public:
    // Room for two 16-digit halves, the underscore and a NUL.
    static constexpr std::size_t kMaxTextLength = 33;

    constexpr DeviceKey() noexcept = default;
    constexpr DeviceKey(std::uint32_t phy_hash, MacAddress mac) noexcept : phy_hash_(phy_hash), mac_(mac) {}
    DeviceKey(std::string_view phy_name, MacAddress mac) noexcept : DeviceKey(kismet_phy_hash(phy_name), mac) {}

    // Accepts Kismet's "%llx_%llx" form in either case, as Kismet's own parser does.
    static std::optional<DeviceKey> parse(std::string_view text) noexcept;

    [[nodiscard]] constexpr std::uint32_t phy_hash() const noexcept { return phy_hash_; }
    [[nodiscard]] constexpr const MacAddress& mac() const noexcept { return mac_; }

    // Kismet prints each half as a byte-swapped u64 in upper-case hex without padding, so MAC octets come out
    // reversed and a MAC ending in :00 gives fewer than 12 digits.
    std::string_view format(std::array<char, kMaxTextLength>& out) const noexcept;
    [[nodiscard]] std::string to_string() const;

    friend constexpr auto operator<=>(const DeviceKey&, const DeviceKey&) noexcept = default;

private:
    std::uint32_t phy_hash_ = 0;
    MacAddress mac_;
};

// The phy hash of "IEEE802.11", the only phy kismetcore tracks today.
inline constexpr std::uint32_t kDot11PhyHash = 0x0D770242;
inline constexpr std::string_view kDot11PhyName = "IEEE802.11";

}  // namespace kismetcore

template <>
struct std::hash<kismetcore::DeviceKey> {
    std::size_t operator()(const kismetcore::DeviceKey& key) const noexcept {
        return std::hash<kismetcore::MacAddress>{}(key.mac()) ^ (static_cast<std::size_t>(key.phy_hash()) << 1);
    }
};
