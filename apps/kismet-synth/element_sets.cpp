// The information elements each device sends, built with craft::ElementBuilder and kept for reuse.
#include "element_sets.h"

#include <array>

#include "kismetcore/craft/element_builder.h"

namespace kismetcore::synth {
namespace {

using craft::ElementBuilder;
namespace cipher = dissect::cipher;
namespace akm = dissect::akm;

enum class ApFrame : std::uint8_t { beacon, probe_response };

constexpr std::uint8_t kErpElementId = 42;  // IEEE 802.11-2020 9.4.2.11, 2.4 GHz only

void add_rates(ElementBuilder& elements, Band band) {
    using E = ElementBuilder;
    if (band == Band::ghz2_4) {
        elements.supported_rates({E::basic_rate(1), E::basic_rate(2), E::basic_rate(5.5), E::basic_rate(11), E::rate(6),
                                  E::rate(9), E::rate(12), E::rate(18)});
    } else {
        elements.supported_rates({E::basic_rate(6), E::rate(9), E::basic_rate(12), E::rate(18), E::basic_rate(24),
                                  E::rate(36), E::rate(48), E::rate(54)});
    }
}

void add_extended_rates(ElementBuilder& elements, Band band) {
    using E = ElementBuilder;
    if (band == Band::ghz2_4) elements.extended_rates({E::rate(24), E::rate(36), E::rate(48), E::rate(54)});
}

// The RSN element (9.4.2.24) or WPA element a network advertises; a client (`client_akm` set) names the one
// AKM it uses. Capabilities: 16 PTKSA replay counters, MFP capable/required as WPA3 asks (WPA3 spec 2.3).
void add_security(ElementBuilder& elements, Security security, std::optional<std::uint8_t> client_akm) {
    if (security == Security::open || security == Security::wep) return;
    if (security == Security::wpa_psk) {
        elements.wpa(craft::WpaSpec{});
        return;
    }
    craft::RsnSpec rsn;
    rsn.capabilities = std::uint16_t{0x000c};
    switch (security) {
        case Security::wpa2_enterprise:
            rsn.akm_suites = {craft::rsn_suite(akm::kIeee8021x)};
            break;
        case Security::wpa3_transition:
            rsn.akm_suites = {craft::rsn_suite(akm::kPsk), craft::rsn_suite(akm::kSae)};
            rsn.capabilities = std::uint16_t{0x008c};
            break;
        case Security::wpa3_sae:
            rsn.akm_suites = {craft::rsn_suite(akm::kSae)};
            rsn.capabilities = std::uint16_t{0x00cc};
            rsn.group_management_cipher = craft::rsn_suite(cipher::kBipCmac128);
            break;
        default:
            break;
    }
    if (client_akm) rsn.akm_suites = {craft::rsn_suite(*client_akm)};
    elements.rsn(rsn);
}

// Two spatial streams, 40 MHz, short GI (9.4.2.56).
dissect::HtCapabilitiesElement ht_capabilities(Band band) {
    dissect::HtCapabilitiesElement ht;
    ht.info = band == Band::ghz2_4 ? 0x016e : 0x09ef;
    ht.ampdu_parameters = 0x17;
    ht.mcs_set[0] = 0xff;
    ht.mcs_set[1] = 0xff;
    return ht;
}

// 40 MHz pairs in 5 GHz: the lower channel of each pair has its secondary above (Table 9-190).
dissect::HtOperationElement ht_operation(const AccessPoint& ap) {
    dissect::HtOperationElement ht;
    ht.primary_channel = ap.channel;
    if (ap.band == Band::ghz5) {
        const bool lower = ((ap.channel - (ap.channel >= 149 ? 149 : 36)) / 4) % 2 == 0;
        ht.info[0] = static_cast<std::uint8_t>(0x04 | (lower ? 0x01 : 0x03));
    }
    return ht;
}

dissect::VhtCapabilitiesElement vht_capabilities() {
    dissect::VhtCapabilitiesElement vht;
    vht.info = 0x0f8259b2;
    vht.rx_mcs_map.raw = 0xfffa;  // MCS 0-9 on streams 1 and 2
    vht.tx_mcs_map.raw = 0xfffa;
    return vht;
}

// 80 MHz centred on its block of four channels (Annex E).
dissect::VhtOperationElement vht_operation(const AccessPoint& ap) {
    dissect::VhtOperationElement vht;
    vht.channel_width = 1;
    const int base = ap.channel >= 149 ? 149 : 36;
    vht.center_segment0 = static_cast<std::uint8_t>(base + ((ap.channel - base) / 16) * 16 + 6);
    vht.basic_mcs_map.raw = 0xfffc;
    return vht;
}

dissect::HeCapabilitiesElement he_capabilities() {
    dissect::HeCapabilitiesElement he;
    he.mac_capabilities[0] = 0x01;  // +HTC-HE support
    he.phy_capabilities[0] = 0x04;  // 40 and 80 MHz in 5 and 6 GHz
    he.rx_mcs_80.raw = 0xfffa;      // HE-MCS 0-11 on streams 1 and 2
    he.tx_mcs_80.raw = 0xfffa;
    return he;
}

// HE Operation with 6 GHz Operation Information (IEEE 802.11ax-2021 9.4.2.249): 80 MHz.
dissect::HeOperationElement he_operation(const AccessPoint& ap, std::uint8_t bss_color) {
    dissect::HeOperationElement he;
    he.parameters = 0x3ff0;  // B4-B13 TXOP Duration RTS Threshold 1023: disabled
    he.bss_color_information = bss_color;
    he.basic_mcs.raw = 0xfffc;
    dissect::He6GhzOperation six;
    six.primary_channel = ap.channel;
    six.control = 2;
    six.center_segment0 = static_cast<std::uint8_t>(((ap.channel - 1) / 16) * 16 + 7);
    six.minimum_rate = 6;
    he.six_ghz_operation = six;
    return he;
}

void add_wmm_parameters(ElementBuilder& elements) {
    const std::array<dissect::WmmAcParameters, 4> ac = {{{0x03, 0xa4, 0},     // best effort
                                                         {0x27, 0xa4, 0},     // background
                                                         {0x42, 0x43, 94},    // video
                                                         {0x62, 0x32, 47}}};  // voice
    elements.wmm_parameters(0x81, ac);
}

void add_capabilities(ElementBuilder& elements, const AccessPoint& ap, bool operation, std::uint8_t bss_color) {
    if (ap.ht) {
        elements.ht_capabilities(ht_capabilities(ap.band));
        if (operation) elements.ht_operation(ht_operation(ap));
    }
    elements.extended_capabilities(8, {2, 19, 62});
    if (ap.vht) {
        elements.vht_capabilities(vht_capabilities());
        if (operation) elements.vht_operation(vht_operation(ap));
    }
    if (ap.band == Band::ghz6) {
        elements.he_capabilities(he_capabilities());
        if (operation) elements.he_operation(he_operation(ap, bss_color));
    }
}

std::vector<std::uint8_t> access_point_elements(const SiteModel& site, std::uint32_t index, ApFrame frame) {
    const AccessPoint& ap = site.access_points[index];
    const Network& network = site.networks[ap.network];
    // Per-AP variety that must not depend on how often the AP is heard: derived from its address.
    const std::uint64_t identity = ap.bssid.to_u64();
    ElementBuilder elements;
    if (frame == ApFrame::beacon && network.hidden) {
        if (identity % 3 == 0) {
            const std::vector<std::uint8_t> zeros(network.ssid.size(), 0);  // same length, zeroed
            elements.ssid(std::span<const std::uint8_t>(zeros));
        } else {
            elements.ssid(std::string_view{});
        }
    } else {
        elements.ssid(network.ssid);
    }
    add_rates(elements, ap.band);
    if (ap.band != Band::ghz6) elements.ds_channel(ap.channel);  // 6 GHz beacons omit it (9.3.3.2)
    if (frame == ApFrame::beacon) elements.tim(0, 1);
    if (ap.band == Band::ghz2_4) {
        elements.country("US", 0x20, {{1, 11, 30}});
        elements.raw(kErpElementId, {0x00});  // no non-ERP stations, no protection
    } else if (ap.band == Band::ghz5) {
        elements.country("US", 0x20, {{36, 4, 23}, {52, 4, 24}, {100, 12, 24}, {149, 5, 30}});
        elements.power_constraint(3);
    }
    add_extended_rates(elements, ap.band);
    add_security(elements, network.security, std::nullopt);
    if (ap.wmm) {
        elements.bss_load(static_cast<std::uint16_t>(identity % 40), static_cast<std::uint8_t>(identity % 200), 0);
    }
    add_capabilities(elements, ap, true, static_cast<std::uint8_t>(1 + identity % 63));
    if (ap.wmm) add_wmm_parameters(elements);
    if (network.wps) {
        craft::WpsSpec wps;
        wps.device_name = "Wireless Router";
        wps.config_methods = 0x0084;  // push button, virtual display
        wps.version2 = 0x20;
        elements.wps(wps);
    }
    return elements.take();
}

}  // namespace

ElementSets::ElementSets(const SiteModel& site) : site_(site), cache_(site.access_points.size()) {}

const ElementSets::Cached& ElementSets::cached(std::uint32_t ap) {
    Cached& entry = cache_[ap];
    if (entry.beacon.empty()) {
        entry.beacon = access_point_elements(site_, ap, ApFrame::beacon);
        entry.probe_response = access_point_elements(site_, ap, ApFrame::probe_response);
        const AccessPoint& access_point = site_.access_points[ap];
        ElementBuilder elements;
        add_rates(elements, access_point.band);
        add_extended_rates(elements, access_point.band);
        add_capabilities(elements, access_point, true, static_cast<std::uint8_t>(1 + access_point.bssid.to_u64() % 63));
        if (access_point.wmm) add_wmm_parameters(elements);
        entry.association_response = elements.take();
    }
    return entry;
}

std::span<const std::uint8_t> ElementSets::beacon(std::uint32_t ap) {
    return cached(ap).beacon;
}
std::span<const std::uint8_t> ElementSets::probe_response(std::uint32_t ap) {
    return cached(ap).probe_response;
}
std::span<const std::uint8_t> ElementSets::association_response(std::uint32_t ap) {
    return cached(ap).association_response;
}

std::span<const std::uint8_t> ElementSets::probe_request(std::uint32_t ap, std::string_view ssid) {
    const AccessPoint& access_point = site_.access_points[ap];
    ElementBuilder elements;
    elements.ssid(ssid);
    add_rates(elements, access_point.band);
    add_extended_rates(elements, access_point.band);
    if (access_point.band == Band::ghz2_4) elements.ds_channel(access_point.channel);
    if (access_point.band != Band::ghz6) elements.ht_capabilities(ht_capabilities(access_point.band));
    elements.extended_capabilities(8, {2, 19, 62});
    if (access_point.band == Band::ghz5) elements.vht_capabilities(vht_capabilities());
    if (access_point.band == Band::ghz6) elements.he_capabilities(he_capabilities());
    scratch_ = elements.take();
    return scratch_;
}

std::span<const std::uint8_t> ElementSets::association_request(std::uint32_t ap, bool sae) {
    const AccessPoint& access_point = site_.access_points[ap];
    const Network& network = site_.networks[access_point.network];
    ElementBuilder elements;
    elements.ssid(network.ssid);
    add_rates(elements, access_point.band);
    add_extended_rates(elements, access_point.band);
    std::optional<std::uint8_t> client_akm;
    switch (network.security) {
        case Security::wpa2_psk:
            client_akm = akm::kPsk;
            break;
        case Security::wpa2_enterprise:
            client_akm = akm::kIeee8021x;
            break;
        case Security::wpa3_transition:
            client_akm = sae ? akm::kSae : akm::kPsk;
            break;
        case Security::wpa3_sae:
            client_akm = akm::kSae;
            break;
        default:
            break;
    }
    add_security(elements, network.security, client_akm);
    add_capabilities(elements, access_point, false, 0);
    if (access_point.wmm) elements.wmm_information(0x00);
    scratch_ = elements.take();
    return scratch_;
}

}  // namespace kismetcore::synth
