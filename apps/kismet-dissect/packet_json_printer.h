// Prints one dissected packet as one JSON object on one line (kismet-dissect's ekjson format).
#pragma once

#include <cstdio>
#include <string_view>

#include "kismetcore/capture/packet.h"
#include "kismetcore/dissect/packet_dissector.h"

namespace kismetcore::apps {

class PacketJsonPrinter {
public:
    explicit PacketJsonPrinter(std::FILE* out) : out_(out) {}
    void print(std::string_view file, const capture::Packet& packet, const dissect::DissectedPacket& dissected);

private:
    std::FILE* out_;
};

}  // namespace kismetcore::apps
