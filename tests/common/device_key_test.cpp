// Device keys against the key/MAC pairs of kismet-reference.md 2.1 and Kismet's own samples.
#include <catch2/catch.hpp>

#include "kismetcore/common/device_key.h"

using kismetcore::DeviceKey;
using kismetcore::MacAddress;

namespace {
MacAddress mac(const char* text) {
    return *MacAddress::parse(text);
}
}  // namespace

TEST_CASE("the phy hash of every phy Kismet registers matches the reference's prefixes", "[common]") {
    CHECK(kismetcore::kismet_phy_hash("IEEE802.11") == 0x0D770242u);
    CHECK(kismetcore::kismet_phy_hash("Bluetooth") == 0x11E003B6u);
    CHECK(kismetcore::kismet_phy_hash("BTLE") == 0x02E10127u);
    CHECK(kismetcore::kismet_phy_hash("RFSENSOR") == 0x0AE60272u);
    CHECK(kismetcore::kismet_phy_hash("802.15.4") == 0x07150190u);
    CHECK(kismetcore::kismet_phy_hash("ADS") == 0u);
    CHECK(kismetcore::kismet_phy_hash("IEEE802.11") == kismetcore::kDot11PhyHash);
}

TEST_CASE("a device key prints the phy hash and the MAC byte-swapped without padding", "[common]") {
    CHECK(DeviceKey("IEEE802.11", mac("01:23:45:67:89:AB")).to_string() == "4202770D00000000_AB8967452301");
    CHECK(DeviceKey("IEEE802.11", mac("68:B9:D3:13:C4:4D")).to_string() == "4202770D00000000_4DC413D3B968");
    CHECK(DeviceKey("IEEE802.11", mac("00:0B:86:C2:A4:85")).to_string() == "4202770D00000000_85A4C2860B00");
    // From Kismet's wpa-psk-linksys sample: a MAC ending in :00 loses its leading zero digit.
    CHECK(DeviceKey("IEEE802.11", mac("00:0F:66:E3:E4:01")).to_string() == "4202770D00000000_1E4E3660F00");
    CHECK(DeviceKey("Bluetooth", mac("01:23:45:67:89:AB")).to_string() == "B603E01100000000_AB8967452301");
    // From Kismet's wpa3-psk sample: the MAC half has no minimum width, the phy half has two digits.
    CHECK(DeviceKey("IEEE802.11", mac("02:00:00:00:00:00")).to_string() == "4202770D00000000_2");
    CHECK(DeviceKey(0u, mac("00:00:00:00:00:00")).to_string() == "00_0");
}

TEST_CASE("a device key parses back from Kismet's text in either case", "[common]") {
    for (const char* text :
         {"4202770D00000000_85A4C2860B00", "4202770d00000000_1e4e3660f00", "B603E01100000000_AB8967452301"}) {
        auto key = DeviceKey::parse(text);
        REQUIRE(key);
        std::string upper(text);
        for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CHECK(key->to_string() == upper);
    }
    CHECK(DeviceKey::parse("4202770D00000000_1E4E3660F00")->mac() == mac("00:0F:66:E3:E4:01"));
    CHECK_FALSE(DeviceKey::parse("4202770D00000000"));
    CHECK_FALSE(DeviceKey::parse("_85A4C2860B00"));
    CHECK_FALSE(DeviceKey::parse("4202770D00000000_85A4C2860B0G"));
    CHECK_FALSE(DeviceKey::parse("4202770D00000000_85A4C2860B00112233"));
}
