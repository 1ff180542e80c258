// MAC addresses print in Kismet's lower-case colon form and classify group and local addresses.
#include <catch2/catch.hpp>

#include "kismetcore/common/mac_address.h"

using kismetcore::MacAddress;

TEST_CASE("MAC address formats lower-case with colons and parses both separators") {
    const auto mac = MacAddress::parse("00:0F:66:09:17:AB");
    REQUIRE(mac);
    CHECK(mac->to_string() == "00:0f:66:09:17:ab");
    CHECK(MacAddress::parse("00-0f-66-09-17-ab") == mac);
    CHECK_FALSE(MacAddress::parse("00:0f:66:09:17"));
    CHECK_FALSE(MacAddress::parse("00:0f:66:09:17:zz"));
}

TEST_CASE("MAC address classifies broadcast, multicast and locally administered addresses") {
    CHECK(MacAddress::parse("ff:ff:ff:ff:ff:ff")->is_broadcast());
    CHECK(MacAddress::parse("01:00:5e:00:00:01")->is_multicast());
    CHECK(MacAddress::parse("02:11:22:33:44:55")->is_locally_administered());
    CHECK_FALSE(MacAddress::parse("00:11:22:33:44:55")->is_locally_administered());
    CHECK(MacAddress{}.is_zero());
}
