// A minimal sensor loop: read a capture, dissect every packet, print one line per 802.11 frame.
#include <cstdio>
#include <string>

#include <kismetcore/capture/capture_file_reader.h>
#include <kismetcore/dissect/packet_dissector.h>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CAPTURE\n", argv[0]);
        return 2;
    }
    std::string error;
    auto reader = kismetcore::capture::CaptureFileReader::open(argv[1], 0, error);
    if (!reader) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }

    kismetcore::capture::Packet packet;
    kismetcore::dissect::DissectedPacket dissected;
    unsigned long frames = 0;
    while (reader->next(packet) == kismetcore::capture::ReadResult::packet) {
        kismetcore::dissect::dissect_packet(packet, dissected);
        if (!dissected.has_dot11) continue;
        ++frames;
        const auto& frame = dissected.dot11.frame;
        const std::string transmitter = frame.transmitter ? frame.transmitter->to_string() : "-";
        std::printf("%s %s\n", frame.type_name(), transmitter.c_str());
    }
    std::printf("%lu 802.11 frames\n", frames);
    return 0;
}
