// hcxpcapngtool's message pairing (no nonce error correction, 5 s EAPOL timeout) over tshark's EAPOL-Key frames,
// restricted to the frames Kismet stores.
#include "tshark_truth_handshakes.h"

#include <algorithm>
#include <cstdlib>

namespace kismetcore::testing::truth {
namespace {

constexpr std::int64_t kEapolTimeoutUs = 5'000'000;  // hcxpcapngtool --eapoltimeout default
constexpr unsigned kRsnDescriptor = 2;

struct Message {
    std::uint64_t frame = 0;
    bool clean = false;
    std::int64_t time_us = 0;
    unsigned number = 0;
    std::uint64_t replay_counter = 0;
    bool zero_nonce = true;
};

bool usable(const MacAddress& mac) {
    return !mac.is_zero() && !mac.is_multicast();
}

// The pair `earlier` and `later` form, or 0. M1+M2: equal replay counters; M2+M3: M3's is M2's + 1; M3+M4:
// equal; M1+M4: M4's is M1's + 1. An M2 or M4 with an all-zero nonce pairs with nothing.
unsigned pair_kind(const Message& earlier, const Message& later) {
    if (std::llabs(later.time_us - earlier.time_us) > kEapolTimeoutUs) return 0;
    if ((earlier.number == 2 || earlier.number == 4) && earlier.zero_nonce) return 0;
    if ((later.number == 2 || later.number == 4) && later.zero_nonce) return 0;
    const std::uint64_t before = earlier.replay_counter;
    const std::uint64_t after = later.replay_counter;
    if (later.number == 2 && earlier.number == 1 && before == after) return 12;
    if (later.number == 3 && earlier.number == 2 && before + 1 == after) return 23;
    if (later.number == 4 && earlier.number == 3 && before == after) return 34;
    if (later.number == 4 && earlier.number == 1 && before + 1 == after) return 14;
    return 0;
}

}  // namespace

std::map<HandshakeKey, HandshakeFact> derive_handshakes(const std::vector<TsharkFrame>& frames) {
    std::map<HandshakeKey, HandshakeFact> handshakes;
    std::map<std::pair<MacAddress, MacAddress>, std::vector<Message>> messages;  // (AP, client)
    for (const TsharkFrame& frame : frames) {
        // The frames the tracker drops (bad FCS, too short) carry no EAPOL for it either; Kismet decodes the RSN
        // key descriptor only (WPA1's, 254, is left out by default), and only pairwise keys are handshake messages.
        if (!frame.has_dot11 || frame.bad_fcs || frame.type != 2 || !frame.eapol) continue;
        if (frame.dot11_length < 24 || (frame.to_ds && frame.from_ds)) continue;
        const auto& key = *frame.eapol;
        if (key.descriptor != kRsnDescriptor || !key.pairwise || key.message < 1 || key.message > 4) continue;
        // The AP is the BSSID, the client the frame's other end (IEEE 802.11-2020 Table 9-30 addresses).
        const MacAddress bssid = (frame.from_ds ? frame.address2 : frame.address1).value_or(MacAddress{});
        const MacAddress other = (frame.from_ds ? frame.address1 : frame.address2).value_or(MacAddress{});
        if (frame.to_ds == frame.from_ds || !usable(bssid) || !usable(other) || bssid == other) continue;

        Message message;
        message.frame = frame.number;
        message.clean = !frame.malformed;
        message.time_us = key.time_us;
        message.number = key.message;
        message.replay_counter = key.replay_counter;
        message.zero_nonce = std::all_of(key.nonce.begin(), key.nonce.end(), [](std::uint8_t b) { return b == 0; });
        auto& list = messages[{bssid, other}];
        for (const Message& earlier : list) {
            const unsigned kind = pair_kind(earlier, message);
            if (kind == 0) continue;
            const HandshakeKey found{bssid, other, kind, earlier.replay_counter, message.replay_counter};
            auto [entry, added] = handshakes.try_emplace(found);
            const bool required = earlier.clean && message.clean;
            if (added || (required && !entry->second.required))
                entry->second = {earlier.frame, message.frame, required};
        }
        list.push_back(message);
    }
    return handshakes;
}

}  // namespace kismetcore::testing::truth
