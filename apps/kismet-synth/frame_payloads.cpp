// Data frame bodies: the small conversations open networks carry, and stand-ins for encrypted traffic.
#include "frame_payloads.h"

#include <array>
#include <string_view>

#include "kismetcore/common/ipv4_address.h"
#include "kismetcore/craft/arp_builder.h"

namespace kismetcore::synth {
namespace {

constexpr std::array<std::uint8_t, 6> kLlcSnap = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00};
constexpr std::uint16_t kEthertypeIpv4 = 0x0800;
constexpr std::uint8_t kProtocolIcmp = 1;
constexpr std::uint8_t kProtocolUdp = 17;
constexpr std::size_t kIpv4HeaderLength = 20;

constexpr std::array<std::string_view, 8> kDnsNames = {"connectivitycheck.gstatic.com",
                                                       "www.example.com",
                                                       "time.apple.com",
                                                       "api.weather.example",
                                                       "mail.example.org",
                                                       "cdn.example.net",
                                                       "update.example.com",
                                                       "news.example.org"};

// The payload Windows' ping sends.
constexpr std::string_view kPingPayload = "abcdefghijklmnopqrstuvwabcdefghi";

void put_be16(Bytes& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value));
}
void put_be32(Bytes& out, std::uint32_t value) {
    put_be16(out, static_cast<std::uint16_t>(value >> 16));
    put_be16(out, static_cast<std::uint16_t>(value));
}

// The Internet checksum (RFC 1071) over out[begin, end).
std::uint16_t internet_checksum(const Bytes& out, std::size_t begin, std::size_t end) {
    std::uint32_t sum = 0;
    for (std::size_t i = begin; i < end; i += 2) {
        const std::uint32_t high = out[i];
        const std::uint32_t low = i + 1 < end ? out[i + 1] : 0;
        sum += (high << 8) | low;
    }
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

void set_be16(Bytes& out, std::size_t at, std::uint16_t value) {
    out[at] = static_cast<std::uint8_t>(value >> 8);
    out[at + 1] = static_cast<std::uint8_t>(value);
}

Ipv4Address ipv4_octets(std::uint32_t address) {
    return {static_cast<std::uint8_t>(address >> 24), static_cast<std::uint8_t>(address >> 16),
            static_cast<std::uint8_t>(address >> 8), static_cast<std::uint8_t>(address)};
}

// RFC 826: who-has the gateway (client, broadcast), and the gateway's answer.
void append_arp(const ConversationStep& step, Bytes& out) {
    const craft::ArpSpec request{.operation = craft::arp_operation::kRequest,
                                 .sender_hardware = step.client,
                                 .sender_address = ipv4_octets(step.client_ip),
                                 .target_address = ipv4_octets(step.gateway_ip)};
    const craft::ArpSpec reply{.operation = craft::arp_operation::kReply,
                               .sender_hardware = step.gateway,
                               .sender_address = ipv4_octets(step.gateway_ip),
                               .target_hardware = step.client,
                               .target_address = ipv4_octets(step.client_ip)};
    const Bytes message = craft::arp_packet(step.from_client ? request : reply);
    out.insert(out.end(), message.begin(), message.end());
}

// RFC 791 header with a correct checksum; the caller appends `payload_length` octets after it.
void append_ipv4_header(const ConversationStep& step, std::uint8_t protocol, std::size_t payload_length, Bytes& out) {
    const std::size_t start = out.size();
    out.push_back(0x45);
    out.push_back(0);
    put_be16(out, static_cast<std::uint16_t>(kIpv4HeaderLength + payload_length));
    put_be16(out, static_cast<std::uint16_t>(step.id + step.exchange));  // identification
    put_be16(out, 0x4000);                                               // don't fragment
    out.push_back(64);
    out.push_back(protocol);
    put_be16(out, 0);
    put_be32(out, step.from_client ? step.client_ip : step.gateway_ip);
    put_be32(out, step.from_client ? step.gateway_ip : step.client_ip);
    set_be16(out, start + 10, internet_checksum(out, start, out.size()));
}

// RFC 792 echo request from the client, echo reply from the gateway.
void append_ping(const ConversationStep& step, Bytes& out) {
    append_ipv4_header(step, kProtocolIcmp, 8 + kPingPayload.size(), out);
    const std::size_t start = out.size();
    out.push_back(step.from_client ? 8 : 0);
    out.push_back(0);
    put_be16(out, 0);
    put_be16(out, step.id);
    put_be16(out, step.exchange);
    out.insert(out.end(), kPingPayload.begin(), kPingPayload.end());
    set_be16(out, start + 2, internet_checksum(out, start, out.size()));
}

// RFC 1035 query for one A record, and its answer; UDP without a checksum (allowed over IPv4, RFC 768).
void append_dns(const ConversationStep& step, Bytes& out) {
    const std::string_view name = kDnsNames[step.exchange % kDnsNames.size()];
    Bytes dns;
    put_be16(dns, step.id);
    put_be16(dns, step.from_client ? 0x0100 : 0x8180);  // recursion desired; response, no error
    put_be16(dns, 1);
    put_be16(dns, step.from_client ? 0 : 1);
    put_be16(dns, 0);
    put_be16(dns, 0);
    std::size_t label_start = 0;
    while (label_start <= name.size()) {
        std::size_t dot = name.find('.', label_start);
        if (dot == std::string_view::npos) dot = name.size();
        dns.push_back(static_cast<std::uint8_t>(dot - label_start));
        dns.insert(dns.end(), name.begin() + static_cast<std::ptrdiff_t>(label_start),
                   name.begin() + static_cast<std::ptrdiff_t>(dot));
        label_start = dot + 1;
    }
    dns.push_back(0);
    put_be16(dns, 1);  // A
    put_be16(dns, 1);  // IN
    if (!step.from_client) {
        put_be16(dns, 0xc00c);  // the name, compressed to the question's
        put_be16(dns, 1);
        put_be16(dns, 1);
        put_be32(dns, 300);
        put_be16(dns, 4);
        put_be32(dns, 0x5db8d822 + step.exchange);  // 93.184.216.34 and neighbours
    }
    const std::uint16_t client_port = static_cast<std::uint16_t>(49152 + (step.id & 0x3fff));
    append_ipv4_header(step, kProtocolUdp, 8 + dns.size(), out);
    put_be16(out, step.from_client ? client_port : 53);
    put_be16(out, step.from_client ? 53 : client_port);
    put_be16(out, static_cast<std::uint16_t>(8 + dns.size()));
    put_be16(out, 0);
    out.insert(out.end(), dns.begin(), dns.end());
}

}  // namespace

void append_open_payload(const ConversationStep& step, Bytes& out) {
    out.insert(out.end(), kLlcSnap.begin(), kLlcSnap.end());
    put_be16(out, step.kind == Conversation::arp ? craft::kEthertypeArp : kEthertypeIpv4);
    switch (step.kind) {
        case Conversation::arp:
            append_arp(step, out);
            break;
        case Conversation::ping:
            append_ping(step, out);
            break;
        case Conversation::dns:
            append_dns(step, out);
            break;
    }
}

void append_protected_payload(Security security, std::uint64_t packet_number, std::size_t length, RandomSource& random,
                              Bytes& out) {
    const auto pn = [packet_number](int octet) { return static_cast<std::uint8_t>(packet_number >> (8 * octet)); };
    std::size_t trailer = 8;  // CCMP MIC
    switch (security) {
        case Security::wep:
            out.insert(out.end(), {pn(2), pn(1), pn(0), 0x00});  // IV, key ID 0
            trailer = 4;                                         // ICV
            break;
        case Security::wpa_psk:
            // TSC1, WEP seed (TSC1 | 0x20) & 0x7f, TSC0, key ID with ExtIV, TSC2-TSC5.
            out.insert(out.end(), {pn(1), static_cast<std::uint8_t>((pn(1) | 0x20) & 0x7f), pn(0), 0x20, pn(2), pn(3),
                                   pn(4), pn(5)});
            trailer = 12;  // Michael MIC and ICV, both encrypted
            break;
        default:
            out.insert(out.end(), {pn(0), pn(1), 0x00, 0x20, pn(2), pn(3), pn(4), pn(5)});
            break;
    }
    const std::size_t start = out.size();
    out.resize(start + length + trailer);
    random.fill(std::span<std::uint8_t>(out).subspan(start));
}

std::size_t pick_payload_length(RandomSource& random) {
    const std::uint64_t bucket = random.below(100);
    if (bucket < 60) return static_cast<std::size_t>(random.between(40, 120));
    if (bucket < 90) return static_cast<std::size_t>(random.between(121, 600));
    return static_cast<std::size_t>(random.between(1000, 1480));
}

}  // namespace kismetcore::synth
