// Pins the DHCP dissector (RFC 2131, 2132 over IPv4/UDP): which packets carry DHCP, the fields Kismet's IP-data
// dissector reads from discovers and offers, the first-occurrence rule for options, and damaged messages.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/craft/dhcp_builder.h"
#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/dissect/dhcp_message.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/dissect/dot11_packet.h"
#include "support/dot11_frames.h"

namespace craft = kismetcore::craft;
namespace dhcp = kismetcore::dissect::dhcp;
using kismetcore::Ipv4Address;
using kismetcore::MacAddress;
using kismetcore::dissect::carries_dhcp;
using kismetcore::dissect::DhcpMessage;
using kismetcore::dissect::dissect_dhcp;
using kismetcore::dissect::dissect_dot11_packet;
using kismetcore::dissect::DissectStatus;
using kismetcore::dissect::Dot11Packet;
using namespace kismetcore::testing;

namespace {

constexpr MacAddress kBroadcast{std::array<std::uint8_t, 6>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};

std::string text(const std::optional<std::span<const std::uint8_t>>& bytes) {
    REQUIRE(bytes.has_value());
    return {bytes->begin(), bytes->end()};
}

craft::Bytes discover(std::string_view host, std::string_view vendor) {
    static const auto identifier = craft::dhcp_client_identifier(kClient);
    return craft::dhcp_ipv4_packet(
        {.client_hardware = kClient, .host_name = host, .vendor_class = vendor, .client_identifier = identifier});
}

// A client's discover as a ToDS data frame to the broadcast address.
craft::Bytes discover_frame(std::span<const std::uint8_t> ipv4, bool protected_frame = false) {
    const auto body = craft::llc_snap(kismetcore::dissect::dot11::kEthertypeIpv4, ipv4);
    return craft::data_frame(
        {.direction = craft::DsDirection::to_ap,
         .source = kClient,
         .destination = kBroadcast,
         .bssid = kAp,
         .body = body,
         .options = {.flags = protected_frame ? kismetcore::dissect::dot11::fc_flag::kProtected : std::uint8_t{0}}});
}

}  // namespace

TEST_CASE("a client's discover gives its host name, vendor class and client identifier", "[dot11][dhcp]") {
    const auto packet = discover("alices-laptop", "MSFT 5.0");
    REQUIRE(carries_dhcp(packet));
    DhcpMessage message;
    const auto dissection = dissect_dhcp(packet, message);
    CHECK(dissection.error.ok());
    CHECK(dissection.decoded);
    CHECK(message.source_port == 68);
    CHECK(message.destination_port == 67);
    CHECK(message.ip_source == Ipv4Address{0, 0, 0, 0});
    CHECK(message.ip_destination == Ipv4Address{255, 255, 255, 255});
    CHECK(message.op == 1);
    CHECK(message.message_type == dhcp::message_type::kDiscover);
    CHECK(message.client_hardware == kClient);
    CHECK(text(message.host_name) == "alices-laptop");
    CHECK(text(message.vendor_class) == "MSFT 5.0");
    REQUIRE(message.client_identifier_mac().has_value());
    CHECK(*message.client_identifier_mac() == kClient);
    CHECK_FALSE(message.subnet_mask.has_value());
}

TEST_CASE("a server's offer gives the offered address, subnet mask and router", "[dot11][dhcp]") {
    const auto packet = craft::dhcp_ipv4_packet({.ip_source = {192, 168, 1, 1},
                                                 .source_port = dhcp::kServerPort,
                                                 .destination_port = dhcp::kClientPort,
                                                 .op = 2,
                                                 .client_hardware = kClient,
                                                 .your_address = {192, 168, 1, 23},
                                                 .message_type = dhcp::message_type::kOffer,
                                                 .subnet_mask = Ipv4Address{255, 255, 255, 0},
                                                 .router = Ipv4Address{192, 168, 1, 1}});
    REQUIRE(carries_dhcp(packet));
    DhcpMessage message;
    REQUIRE(dissect_dhcp(packet, message).error.ok());
    CHECK(message.message_type == dhcp::message_type::kOffer);
    CHECK(message.your_address == Ipv4Address{192, 168, 1, 23});
    CHECK(message.subnet_mask == Ipv4Address{255, 255, 255, 0});
    CHECK(message.router == Ipv4Address{192, 168, 1, 1});
    CHECK_FALSE(message.host_name.has_value());
}

TEST_CASE("only the first fragment of a UDP datagram between the DHCP ports carries DHCP", "[dot11][dhcp]") {
    auto packet = discover("host", "vendor");
    CHECK(carries_dhcp(packet));

    auto other_ports = packet;
    other_ports[20 + 2] = 0;
    other_ports[20 + 3] = 53;  // to DNS
    CHECK_FALSE(carries_dhcp(other_ports));

    auto client_to_client = packet;
    client_to_client[20 + 3] = 68;  // 68 to 68
    CHECK_FALSE(carries_dhcp(client_to_client));

    auto tcp = packet;
    tcp[9] = 6;
    CHECK_FALSE(carries_dhcp(tcp));

    auto later_fragment = packet;
    later_fragment[7] = 0x20;  // fragment offset 32 octets
    CHECK_FALSE(carries_dhcp(later_fragment));

    auto ipv6_version = packet;
    ipv6_version[0] = 0x65;
    CHECK_FALSE(carries_dhcp(ipv6_version));

    CHECK_FALSE(carries_dhcp(std::span<const std::uint8_t>(packet).first(23)));
}

TEST_CASE("an IPv4 header with options moves the UDP header and the message", "[dot11][dhcp]") {
    const auto plain = discover("host", "vendor");
    // Insert one word of IPv4 options (four No-Operation octets) and fix the header length and total length.
    std::vector<std::uint8_t> with_options(plain.begin(), plain.begin() + 20);
    with_options.insert(with_options.end(), 4, 0x01);
    with_options.insert(with_options.end(), plain.begin() + 20, plain.end());
    with_options[0] = 0x46;
    const auto total = static_cast<std::uint16_t>(with_options.size());
    with_options[2] = static_cast<std::uint8_t>(total >> 8);
    with_options[3] = static_cast<std::uint8_t>(total & 0xff);

    REQUIRE(carries_dhcp(with_options));
    DhcpMessage message;
    REQUIRE(dissect_dhcp(with_options, message).error.ok());
    CHECK(text(message.host_name) == "host");
    CHECK(text(message.vendor_class) == "vendor");
}

TEST_CASE("the first occurrence of an option counts, and pad octets are skipped", "[dot11][dhcp]") {
    // Pad, a second host name, a second message type, then End and trailing pad (as senders fill a minimum size),
    // and after the pad a vendor class, which a walk that went on past End would read.
    const std::vector<std::uint8_t> extra{0, 0, 12, 5, 'l', 'a', 't', 'e', 'r', 53, 1, 3, 255, 0, 0, 60, 1, 'x'};
    const auto packet = craft::dhcp_ipv4_packet({.host_name = "first", .extra_options = extra, .end_option = false});
    DhcpMessage message;
    REQUIRE(dissect_dhcp(packet, message).error.ok());
    CHECK(text(message.host_name) == "first");
    CHECK(message.message_type == dhcp::message_type::kDiscover);
    CHECK_FALSE(message.vendor_class.has_value());
}

TEST_CASE("a client identifier names a MAC only in its 7-octet form", "[dot11][dhcp]") {
    for (const std::size_t length : {1u, 6u, 8u, 17u}) {
        std::vector<std::uint8_t> identifier(length, 0x42);
        const auto packet = craft::dhcp_ipv4_packet({.client_identifier = identifier});
        DhcpMessage message;
        REQUIRE(dissect_dhcp(packet, message).error.ok());
        REQUIRE(message.client_identifier.has_value());
        CHECK(message.client_identifier->size() == length);
        CHECK_FALSE(message.client_identifier_mac().has_value());
    }
    // Any type octet: Kismet reads the six octets after it whatever it says.
    const std::vector<std::uint8_t> typed{0xff, 1, 2, 3, 4, 5, 6};
    const auto packet = craft::dhcp_ipv4_packet({.client_identifier = typed});
    DhcpMessage message;
    REQUIRE(dissect_dhcp(packet, message).error.ok());
    REQUIRE(message.client_identifier_mac().has_value());
    CHECK(message.client_identifier_mac()->to_string() == "01:02:03:04:05:06");
}

TEST_CASE("damaged DHCP messages say what is wrong and keep what decoded", "[dot11][dhcp][malformed]") {
    const auto packet = discover("alices-laptop", "MSFT 5.0");
    DhcpMessage message;

    SECTION("without the magic cookie it is plain BOOTP, not DHCP") {
        auto no_cookie = packet;
        no_cookie[20 + 8 + 236] = 0;
        const auto dissection = dissect_dhcp(no_cookie, message);
        CHECK_FALSE(dissection.decoded);
        CHECK(dissection.error.status == DissectStatus::malformed);
        CHECK(dissection.error.offset == 20 + 8 + 236);
    }
    SECTION("an option cut short keeps the options before it") {
        // Remove End and the last octet of the vendor class (the last option): its length now runs past the end.
        const auto cut = std::span<const std::uint8_t>(packet).first(packet.size() - 2);
        auto shortened = std::vector<std::uint8_t>(cut.begin(), cut.end());
        const auto total = static_cast<std::uint16_t>(shortened.size());
        shortened[2] = static_cast<std::uint8_t>(total >> 8);
        shortened[3] = static_cast<std::uint8_t>(total & 0xff);
        shortened[20 + 4] = static_cast<std::uint8_t>((total - 20) >> 8);
        shortened[20 + 5] = static_cast<std::uint8_t>((total - 20) & 0xff);
        const auto dissection = dissect_dhcp(shortened, message);
        CHECK(dissection.decoded);
        CHECK(dissection.error.status == DissectStatus::truncated);
        CHECK(text(message.host_name) == "alices-laptop");
        CHECK_FALSE(message.vendor_class.has_value());
        // The vendor class option starts 10 octets (code, length, 8 octets) before the old End.
        CHECK(dissection.error.offset == packet.size() - 1 - 10);
    }
    SECTION("options that run to the end without End keep everything") {
        const auto no_end = craft::dhcp_ipv4_packet({.host_name = "h", .end_option = false});
        const auto dissection = dissect_dhcp(no_end, message);
        CHECK(dissection.decoded);
        CHECK(dissection.error.status == DissectStatus::truncated);
        CHECK(text(message.host_name) == "h");
    }
    SECTION("a total length shorter than the headers is malformed") {
        auto bad_total = packet;
        bad_total[2] = 0;
        bad_total[3] = 20;
        const auto dissection = dissect_dhcp(bad_total, message);
        CHECK_FALSE(dissection.decoded);
        CHECK(dissection.error.status == DissectStatus::malformed);
    }
    SECTION("a packet that is not DHCP at all") {
        const std::vector<std::uint8_t> junk(40, 0xaa);
        const auto dissection = dissect_dhcp(junk, message);
        CHECK_FALSE(dissection.decoded);
        CHECK_FALSE(dissection.error.ok());
    }
}

TEST_CASE("every cut of a discover fails cleanly inside the bytes it was given", "[dot11][dhcp][malformed]") {
    const auto packet = discover("alices-laptop", "MSFT 5.0");
    for (std::size_t length = 0; length < packet.size(); ++length) {
        // A buffer of exactly `length` octets, so that AddressSanitizer sees any read past it.
        const std::vector<std::uint8_t> prefix(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(length));
        if (!carries_dhcp(prefix)) continue;
        DhcpMessage message;
        const auto dissection = dissect_dhcp(prefix, message);
        INFO("length " << length);
        // The IPv4 total length promises the whole message, so every cut is damage, reported within the prefix.
        CHECK_FALSE(dissection.error.ok());
        CHECK(dissection.error.offset <= length);
    }
}

TEST_CASE("dissect_dot11_packet reads DHCP from cleartext first fragments only", "[dot11][dhcp]") {
    const auto ipv4 = discover("alices-laptop", "MSFT 5.0");
    Dot11Packet packet;

    // The packet's spans point into the frame, which must outlive them.
    const auto cleartext = discover_frame(ipv4);
    REQUIRE(dissect_dot11_packet(cleartext, packet).ok());
    REQUIRE(packet.has_dhcp);
    CHECK(packet.dhcp_error.ok());
    CHECK(text(packet.dhcp.host_name) == "alices-laptop");
    CHECK_FALSE(packet.has_eapol);

    // Encrypted: the body is ciphertext, so nothing is read (and has_dhcp does not linger from the packet before).
    const auto encrypted = discover_frame(ipv4, true);
    REQUIRE(dissect_dot11_packet(encrypted, packet).ok());
    CHECK_FALSE(packet.has_dhcp);

    // A damaged message in a cleartext frame: reported with a packet-relative offset, the frame still decodes.
    auto damaged = ipv4;
    damaged[20 + 8 + 236] = 0;  // no magic cookie
    const auto frame = discover_frame(damaged);
    REQUIRE(dissect_dot11_packet(frame, packet).ok());
    CHECK_FALSE(packet.has_dhcp);
    CHECK(packet.dhcp_error.status == DissectStatus::malformed);
    CHECK(packet.dhcp_error.offset == 24 + 8 + 20 + 8 + 236);  // 802.11 header, LLC/SNAP, IPv4, UDP, BOOTP
}
