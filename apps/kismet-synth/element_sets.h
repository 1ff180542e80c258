// The information elements each device sends, built with craft::ElementBuilder and kept for reuse.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "site_model.h"

namespace kismetcore::synth {

// An access point sends the same elements in every beacon (the TIM is static: DTIM period 1, no buffered
// traffic), so they are built on first use and reused; a big site builds each AP's set once. Client elements
// depend on the SSID and AP they are for and are built per frame into a scratch buffer.
class ElementSets {
public:
    explicit ElementSets(const SiteModel& site);

    // Beacon (IEEE 802.11-2020 Table 9-32): a hidden network's beacon carries an empty or zeroed SSID.
    std::span<const std::uint8_t> beacon(std::uint32_t ap);
    // Probe response (Table 9-35): the beacon's elements without the TIM, always with the real SSID.
    std::span<const std::uint8_t> probe_response(std::uint32_t ap);
    // Association response (Table 9-30): rates, HT/VHT/HE operation, WMM parameters.
    std::span<const std::uint8_t> association_response(std::uint32_t ap);

    // Probe request (Table 9-34) on `ap`'s band: the wildcard SSID when `ssid` is empty. Valid until the next
    // client call.
    std::span<const std::uint8_t> probe_request(std::uint32_t ap, std::string_view ssid);
    // Association request (Table 9-28) from a client to `ap`: the SSID, rates, the one AKM the client picked
    // (`sae` chooses SAE on a transition network) and what the AP's capabilities invite.
    std::span<const std::uint8_t> association_request(std::uint32_t ap, bool sae);

private:
    struct Cached {
        std::vector<std::uint8_t> beacon;
        std::vector<std::uint8_t> probe_response;
        std::vector<std::uint8_t> association_response;
    };
    const Cached& cached(std::uint32_t ap);

    const SiteModel& site_;
    std::vector<Cached> cache_;
    std::vector<std::uint8_t> scratch_;
};

}  // namespace kismetcore::synth
