// Supported Rates and Extended Supported Rates (IEEE 802.11-2020 9.4.2.3, 9.4.2.13).
#include "kismetcore/dissect/elements/rates_element.h"

namespace kismetcore::dissect {

ElementProblem parse_rates_element(std::span<const std::uint8_t> body, RatesElement& out) noexcept {
    out.present = true;
    out.bytes = body;
    return body.empty() ? "rates element with no rates" : nullptr;
}

}  // namespace kismetcore::dissect
