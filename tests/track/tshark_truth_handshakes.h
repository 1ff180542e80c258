// The complete WPA handshakes a capture holds, derived from tshark's EAPOL-Key fields by hcxtools' pairing rules.
#pragma once

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "kismetcore/common/mac_address.h"
#include "tshark_truth_reader.h"

namespace kismetcore::testing::truth {

// One complete handshake: two messages of one access point and client that belong together. `kind` names the
// message pair as hcxtools does: 12 (M1+M2), 23 (M2+M3), 34 (M3+M4), 14 (M1+M4).
struct HandshakeKey {
    MacAddress access_point;
    MacAddress client;
    unsigned kind = 0;
    std::uint64_t first_replay_counter = 0;
    std::uint64_t second_replay_counter = 0;

    friend auto operator<=>(const HandshakeKey&, const HandshakeKey&) = default;
};

struct HandshakeFact {
    std::uint64_t first_frame = 0;   // the earlier message
    std::uint64_t second_frame = 0;  // the message that completed it
    bool required = false;           // both messages come from clean frames
};

// Every distinct complete handshake, with the frames that first formed it.
std::map<HandshakeKey, HandshakeFact> derive_handshakes(const std::vector<TsharkFrame>& frames);

}  // namespace kismetcore::testing::truth
