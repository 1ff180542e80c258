// Pins read_ip_data: Kismet's fixed-offset tests for CDP, ARP, UDP and TCP on a cleartext data frame's body.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kismetcore/craft/arp_builder.h"
#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/dissect/ip_data.h"

namespace craft = kismetcore::craft;
using kismetcore::Ipv4Address;
using kismetcore::dissect::IpData;
using kismetcore::dissect::read_ip_data;

namespace {

using Bytes = std::vector<std::uint8_t>;

void put_be16(Bytes& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value & 0xff));
}

// A CDP element: type, length (counting its 4-octet header), value.
void cdp_element(Bytes& out, std::uint16_t type, std::string_view value) {
    put_be16(out, type);
    put_be16(out, static_cast<std::uint16_t>(value.size() + 4));
    out.insert(out.end(), value.begin(), value.end());
}

// LLC/SNAP with Cisco's OUI and protocol 0x2000, a CDP header of `version`, then `elements`.
Bytes cdp_frame(std::uint8_t version, const Bytes& elements) {
    Bytes out{0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, 0x20, 0x00, version, 180, 0x12, 0x34};
    if (version != 2) out.insert(out.end(), 3, 0);  // Kismet reads older versions' elements from octet 15
    out.insert(out.end(), elements.begin(), elements.end());
    return out;
}

std::string text(const std::optional<std::span<const std::uint8_t>>& bytes) {
    REQUIRE(bytes.has_value());
    return {bytes->begin(), bytes->end()};
}

// An IPv4 packet of `protocol` between 10.0.0.2 and 10.0.0.1 with `payload` octets after a 20-octet header.
Bytes ipv4(std::uint8_t protocol, std::size_t payload) {
    Bytes packet{0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, protocol, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1};
    packet.resize(packet.size() + payload, 0x11);
    return packet;
}

// An IPv4 ARP request from 10.0.0.2 for 10.0.0.1, plus `padding` octets.
Bytes arp(std::size_t padding) {
    return craft::llc_snap(
        craft::kEthertypeArp,
        craft::arp_packet({.sender_hardware = kismetcore::MacAddress{std::array<std::uint8_t, 6>{2, 0, 0, 0, 0, 0x0b}},
                           .sender_address = {10, 0, 0, 2},
                           .target_address = {10, 0, 0, 1},
                           .padding = padding}));
}

}  // namespace

TEST_CASE("CDP frames give their device and port IDs", "[dot11][ipdata]") {
    Bytes elements;
    cdp_element(elements, 0x0001, "switch-3.example");
    cdp_element(elements, 0x0005, "IOS 15.2");  // software version: not read
    cdp_element(elements, 0x0003, "GigabitEthernet0/7");
    for (const std::uint8_t version : {std::uint8_t{2}, std::uint8_t{1}}) {
        // A last octet past the final element: Kismet stops at an element that reaches the end of the frame.
        auto frame = cdp_frame(version, elements);
        frame.push_back(0);
        const IpData data = read_ip_data(frame);
        CHECK(data.protocol == IpData::Protocol::none);
        CHECK(text(data.cdp_device) == "switch-3.example");
        CHECK(text(data.cdp_port) == "GigabitEthernet0/7");
    }
}

TEST_CASE("a CDP element that ends the frame exactly is not read, as in Kismet", "[dot11][ipdata]") {
    Bytes elements;
    cdp_element(elements, 0x0001, "switch");
    const IpData data = read_ip_data(cdp_frame(2, elements));
    CHECK_FALSE(data.cdp_device.has_value());
}

TEST_CASE("a CDP ID element shorter than its header drops the frame's IP data", "[dot11][ipdata][malformed]") {
    Bytes elements;
    cdp_element(elements, 0x0001, "switch");
    put_be16(elements, 0x0003);
    put_be16(elements, 2);  // shorter than the type and length themselves
    elements.insert(elements.end(), 4, 0);
    const IpData data = read_ip_data(cdp_frame(2, elements));
    CHECK_FALSE(data.cdp_device.has_value());
    CHECK_FALSE(data.cdp_port.has_value());
    CHECK(data.protocol == IpData::Protocol::none);
}

TEST_CASE("ARP gives the sender's address only with more than 36 octets, as Kismet tests", "[dot11][ipdata]") {
    CHECK(arp(0).size() == 36);
    CHECK(read_ip_data(arp(0)).protocol == IpData::Protocol::none);
    const IpData padded = read_ip_data(arp(1));
    CHECK(padded.protocol == IpData::Protocol::arp);
    CHECK(padded.source == Ipv4Address{10, 0, 0, 2});
}

TEST_CASE("TCP gives both addresses; UDP and ICMP give nothing", "[dot11][ipdata]") {
    const IpData tcp = read_ip_data(craft::llc_snap(0x0800, ipv4(6, 20)));
    CHECK(tcp.protocol == IpData::Protocol::tcp);
    CHECK(tcp.source == Ipv4Address{10, 0, 0, 2});
    CHECK(tcp.destination == Ipv4Address{10, 0, 0, 1});
    CHECK(read_ip_data(craft::llc_snap(0x0800, ipv4(17, 20))).protocol == IpData::Protocol::none);
    CHECK(read_ip_data(craft::llc_snap(0x0800, ipv4(1, 20))).protocol == IpData::Protocol::none);
    // Kismet needs more than 32 octets: LLC/SNAP, a 20-octet IPv4 header and both TCP ports.
    CHECK(read_ip_data(craft::llc_snap(0x0800, ipv4(6, 4))).protocol == IpData::Protocol::none);
    CHECK(read_ip_data(craft::llc_snap(0x0800, ipv4(6, 5))).protocol == IpData::Protocol::tcp);
}

TEST_CASE("every cut of an IP-data frame is read inside its bytes", "[dot11][ipdata][malformed]") {
    Bytes elements;
    cdp_element(elements, 0x0001, "switch-3.example");
    cdp_element(elements, 0x0003, "Gi0/7");
    elements.push_back(0);
    for (const auto& whole : {cdp_frame(2, elements), arp(8), craft::llc_snap(0x0800, ipv4(6, 40))}) {
        for (std::size_t length = 0; length <= whole.size(); ++length) {
            // A buffer of exactly `length` octets, so that AddressSanitizer sees any read past it.
            const Bytes prefix(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(length));
            const IpData data = read_ip_data(prefix);
            for (const auto& name : {data.cdp_device, data.cdp_port}) {
                if (!name) continue;
                CHECK(name->data() >= prefix.data());
                CHECK(name->data() + name->size() <= prefix.data() + prefix.size());
            }
        }
    }
}
