// Data frame bodies: the small conversations open networks carry, and stand-ins for encrypted traffic.
#pragma once

#include <cstdint>
#include <vector>

#include "kismetcore/common/mac_address.h"
#include "random_source.h"
#include "site_model.h"

namespace kismetcore::synth {

using Bytes = std::vector<std::uint8_t>;

// A request/reply exchange between a client and its gateway (the access point itself, so the capture holds no
// MAC address beyond the devices asked for). Even steps go client -> gateway, odd steps gateway -> client.
enum class Conversation : std::uint8_t { arp, ping, dns };

struct ConversationStep {
    Conversation kind = Conversation::ping;
    std::uint16_t id = 0;        // ICMP identifier, DNS transaction ID
    std::uint16_t exchange = 0;  // ICMP sequence number; which name DNS asks for
    bool from_client = true;
    MacAddress client;
    MacAddress gateway;
    std::uint32_t client_ip = 0;  // host byte order
    std::uint32_t gateway_ip = 0;
};

// LLC/SNAP, then an ARP, IPv4/ICMP echo or IPv4/UDP/DNS message, with valid lengths and checksums. Appends to
// `out`.
void append_open_payload(const ConversationStep& step, Bytes& out);

// A protected frame body (IEEE 802.11-2020 12.3.2.2 WEP, 12.5.2.2 TKIP, 12.5.3.2 CCMP): the security header
// with `packet_number` as IV/TSC/PN, `length` octets standing in for ciphertext, and the ICV/MIC. Appends.
void append_protected_payload(Security security, std::uint64_t packet_number, std::size_t length, RandomSource& random,
                              Bytes& out);

// How long an encrypted payload is: mostly small (TCP ACKs, DNS), some medium, a few full-sized.
std::size_t pick_payload_length(RandomSource& random);

}  // namespace kismetcore::synth
