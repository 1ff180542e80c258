// Chooses the link-layer reader by DLT, and the FCS handling every reader shares.
#include "kismetcore/dissect/link_layer.h"

#include "dissect/link_layer_internal.h"
#include "dissect/reset_to_default.h"
#include "kismetcore/capture/packet.h"
#include "kismetcore/dissect/avs_reader.h"
#include "kismetcore/dissect/fcs.h"
#include "kismetcore/dissect/ppi_reader.h"
#include "kismetcore/dissect/prism_reader.h"
#include "kismetcore/dissect/radiotap_reader.h"

namespace kismetcore::dissect {

DissectError finish_dot11_payload(std::span<const std::uint8_t> packet, std::size_t header_length, bool fcs_present,
                                  RadioInfo& radio, LinkPayload& payload) noexcept {
    auto frame = packet.subspan(header_length);
    if (fcs_present) {
        if (frame.size() < 4)
            return dissect_error(DissectStatus::truncated, "FCS announced but fewer than 4 bytes follow the header",
                                 header_length);
        radio.fcs_present = true;
        if (!fcs_valid(frame)) radio.bad_fcs = true;
        frame = frame.first(frame.size() - 4);
    }
    payload = LinkPayload{capture::dlt::kIeee80211, frame};
    return kDissectOk;
}

DissectError dissect_link_layer(std::uint32_t dlt, std::span<const std::uint8_t> packet, RadioInfo& radio,
                                LinkPayload& payload) noexcept {
    switch (dlt) {
        case capture::dlt::kIeee80211:
            detail::reset_to_default(radio);
            payload = LinkPayload{dlt, packet};
            return kDissectOk;
        case capture::dlt::kPrism:
            return dissect_prism(packet, radio, payload);
        case capture::dlt::kRadiotap:
            return dissect_radiotap(packet, radio, payload);
        case capture::dlt::kAvs:
            return dissect_avs(packet, radio, payload);
        case capture::dlt::kPpi:
            return dissect_ppi(packet, radio, payload);
        default:
            detail::reset_to_default(radio);
            payload = LinkPayload{dlt, packet};
            return dissect_error(DissectStatus::unsupported_link_type, "no link-layer reader for this DLT", 0);
    }
}

}  // namespace kismetcore::dissect
