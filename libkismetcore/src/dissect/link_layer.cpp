// Chooses the link-layer reader by DLT.
#include "kismetcore/dissect/link_layer.h"

#include "dissect/link_layer_internal.h"
#include "dissect/reset_to_default.h"
#include "kismetcore/capture/packet.h"
#include "kismetcore/dissect/avs_reader.h"
#include "kismetcore/dissect/ppi_reader.h"
#include "kismetcore/dissect/prism_reader.h"
#include "kismetcore/dissect/radiotap_reader.h"

namespace kismetcore::dissect {

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
