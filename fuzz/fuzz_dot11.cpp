// libFuzzer target: dissect_dot11_packet (frame, elements, EAPOL-Key) over arbitrary 802.11 frames.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>

#include "kismetcore/dissect/dot11_packet.h"

namespace {

bool inside(std::span<const std::uint8_t> part, std::span<const std::uint8_t> whole) {
    if (part.empty()) return true;
    return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

// Aborts on a broken promise: every span is a view inside the frame, offsets stay within it, the element list
// starts where elements_offset says, and each error names a reason. Touches the results so the sanitizers see
// every byte the dissector handed out.
void check(std::span<const std::uint8_t> bytes, const kismetcore::dissect::DissectError& error,
           const kismetcore::dissect::Dot11Packet& packet) {
    const auto& frame = packet.frame;
    if (error.reason == nullptr || error.offset > bytes.size()) std::abort();
    if (frame.type_name() == nullptr || std::strlen(frame.type_name()) == 0) std::abort();
    if (!inside(frame.body, bytes) || !inside(frame.elements, bytes) || !inside(frame.llc_payload, bytes)) std::abort();
    if (frame.header_length > bytes.size()) std::abort();
    if (frame.elements_offset != 0 &&
        (frame.elements.data() != bytes.data() + frame.elements_offset || frame.elements_offset > bytes.size()))
        std::abort();
    if (packet.has_elements && packet.elements_error.offset > bytes.size()) std::abort();
    if (packet.has_eapol) {
        const auto& key = packet.eapol;
        if (!inside(key.mic, bytes) || !inside(key.key_data, bytes)) std::abort();
        if (key.key_data.size() != key.key_data_length || key.message_number > 4) std::abort();
        if (key.message_number != 0 && key.group_message_number != 0) std::abort();
    }
    if (!packet.eapol_error.ok() && packet.eapol_error.offset > bytes.size()) std::abort();
    if (packet.has_dhcp && packet.has_eapol) std::abort();
    if (!packet.dhcp_error.ok() && packet.dhcp_error.offset > bytes.size()) std::abort();
    volatile unsigned sink = 0;
    if (packet.has_dhcp) {
        const auto& dhcp = packet.dhcp;
        for (const auto& option : {dhcp.host_name, dhcp.vendor_class, dhcp.client_identifier}) {
            if (!option) continue;
            if (!inside(*option, bytes)) std::abort();
            for (const auto byte : *option) sink = sink + byte;
        }
    }
    for (const auto byte : frame.body) sink = sink + byte;
    for (const auto byte : packet.eapol.key_data) sink = sink + byte;
    for (const auto byte : packet.eapol.mic) sink = sink + byte;
    sink = sink + static_cast<unsigned>(packet.crypt_bits()) + frame.reason_code.value_or(0) +
           frame.sequence_number.value_or(0) + static_cast<unsigned>(frame.packet_number.value_or(0));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    static kismetcore::dissect::Dot11Packet packet;  // reused, as the engine does, to catch stale state
    check(bytes, kismetcore::dissect::dissect_dot11_packet(bytes, packet), packet);
    return 0;
}
