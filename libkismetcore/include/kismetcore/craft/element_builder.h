// Builds information element bytes (IEEE 802.11-2020 9.4.2) for tests, fuzz seeds and frame crafting.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/information_elements.h"

namespace kismetcore::craft {

using dissect::SuiteSelector;

// Suite selectors of the RSN element (00-0F-AC) and of the WPA element (00-50-F2).
constexpr SuiteSelector rsn_suite(std::uint8_t type) noexcept {
    return dissect::make_suite(dissect::oui::kIeee80211, type);
}
constexpr SuiteSelector wpa_suite(std::uint8_t type) noexcept {
    return dissect::make_suite(dissect::oui::kMicrosoft, type);
}

// RSN element fields (Figure 9-257). Capabilities, PMKIDs and the group management cipher are written only as
// far as the last one given (capabilities default to 0 when a later field needs them).
struct RsnSpec {
    std::uint16_t version = 1;
    SuiteSelector group_cipher = rsn_suite(dissect::cipher::kCcmp128);
    std::vector<SuiteSelector> pairwise_ciphers{rsn_suite(dissect::cipher::kCcmp128)};
    std::vector<SuiteSelector> akm_suites{rsn_suite(dissect::akm::kPsk)};
    std::optional<std::uint16_t> capabilities = std::uint16_t{0};
    std::vector<std::array<std::uint8_t, dissect::kPmkidLength>> pmkids;
    std::optional<SuiteSelector> group_management_cipher;
    // To craft malformed elements: the counts sent in place of the list sizes.
    std::optional<std::uint16_t> pairwise_count_sent;
    std::optional<std::uint16_t> akm_count_sent;
};

// WPA vendor element fields: the RSN layout up to the capabilities, with 00-50-F2 suites.
struct WpaSpec {
    std::uint16_t version = 1;
    SuiteSelector group_cipher = wpa_suite(dissect::cipher::kTkip);
    std::vector<SuiteSelector> pairwise_ciphers{wpa_suite(dissect::cipher::kTkip)};
    std::vector<SuiteSelector> akm_suites{wpa_suite(dissect::akm::kPsk)};
    std::optional<std::uint16_t> capabilities;
};

// WPS attributes, written in the order access points send them; absent ones are left out.
struct WpsSpec {
    std::optional<std::uint8_t> version = std::uint8_t{0x10};
    std::optional<std::uint8_t> state = dissect::wps_state::kConfigured;
    std::optional<bool> ap_setup_locked;
    std::optional<bool> selected_registrar;
    std::optional<std::uint8_t> response_type;
    std::optional<std::array<std::uint8_t, 16>> uuid_e;
    std::optional<std::array<std::uint8_t, 16>> uuid_r;
    std::optional<std::string> manufacturer;
    std::optional<std::string> model_name;
    std::optional<std::string> model_number;
    std::optional<std::string> serial_number;
    std::optional<std::array<std::uint8_t, 8>> primary_device_type;
    std::optional<std::string> device_name;
    std::optional<std::uint16_t> config_methods;
    std::optional<std::uint8_t> rf_bands;
    std::optional<std::uint8_t> version2;  // WFA vendor extension, 0x20 for WPS 2.0
    std::vector<std::pair<std::uint16_t, std::vector<std::uint8_t>>> extra_attributes;  // appended as given
};

// Appends elements to a byte vector. Each method writes one element; a body longer than 255 octets throws
// std::length_error. Unlike the dissectors, the builder allocates and may throw: it is not on the packet path.
class ElementBuilder {
public:
    // Rate octets for supported_rates() / extended_rates(): units of 500 kb/s, B7 set for a basic rate.
    static constexpr std::uint8_t rate(double mbps) noexcept { return static_cast<std::uint8_t>(mbps * 2); }
    static constexpr std::uint8_t basic_rate(double mbps) noexcept {
        return static_cast<std::uint8_t>(rate(mbps) | 0x80);
    }

    ElementBuilder& raw(std::uint8_t id, std::span<const std::uint8_t> body);
    ElementBuilder& raw(std::uint8_t id, std::initializer_list<std::uint8_t> body);
    // Element 255 with its Element ID Extension octet.
    ElementBuilder& extension(std::uint8_t extension_id, std::span<const std::uint8_t> body);
    // Element 221: the OUI, the vendor type octet, then `payload`.
    ElementBuilder& vendor(std::uint32_t oui, std::uint8_t type, std::span<const std::uint8_t> payload = {});

    ElementBuilder& ssid(std::string_view text);
    ElementBuilder& ssid(std::span<const std::uint8_t> bytes);
    ElementBuilder& supported_rates(std::initializer_list<std::uint8_t> rates);
    ElementBuilder& extended_rates(std::initializer_list<std::uint8_t> rates);
    ElementBuilder& ds_channel(std::uint8_t channel);
    ElementBuilder& tim(std::uint8_t dtim_count, std::uint8_t dtim_period, std::uint8_t bitmap_control = 0,
                        std::initializer_list<std::uint8_t> partial_virtual_bitmap = {0});
    // `environment` is the third octet of the country string; the element is padded to an even length.
    ElementBuilder& country(std::string_view code, std::uint8_t environment,
                            std::initializer_list<dissect::CountryTriplet> triplets);
    ElementBuilder& power_constraint(std::uint8_t db);
    ElementBuilder& power_capability(std::int8_t min_dbm, std::int8_t max_dbm);
    ElementBuilder& tpc_report(std::int8_t transmit_power_dbm, std::int8_t link_margin_db);
    ElementBuilder& supported_channels(std::initializer_list<dissect::ChannelSubband> subbands);
    ElementBuilder& bss_load(std::uint16_t stations, std::uint8_t channel_utilization,
                             std::uint16_t admission_capacity);
    ElementBuilder& mobility_domain(std::uint16_t mdid, std::uint8_t ft_policy);
    // Sets the listed bit numbers of an Extended Capabilities field `octets` long.
    ElementBuilder& extended_capabilities(std::size_t octets, std::initializer_list<std::size_t> bits);
    // One Nontransmitted BSSID Profile subelement per entry, each holding the given bytes.
    ElementBuilder& multiple_bssid(std::uint8_t max_bssid_indicator,
                                   std::initializer_list<std::vector<std::uint8_t>> profiles);
    ElementBuilder& cisco_ccx1(std::string_view ap_name, std::uint8_t clients);
    ElementBuilder& mesh_id(std::string_view text);

    ElementBuilder& rsn(const RsnSpec& spec);
    ElementBuilder& wpa(const WpaSpec& spec);
    ElementBuilder& wmm_information(std::uint8_t qos_info);
    ElementBuilder& wmm_parameters(std::uint8_t qos_info, const std::array<dissect::WmmAcParameters, 4>& ac);
    ElementBuilder& wmm_tspec(const dissect::WmmTspecElement& tspec);
    ElementBuilder& wps(const WpsSpec& spec);

    // HT, VHT and HE elements are written from the dissector's own structs (their malformed fields ignored).
    ElementBuilder& ht_capabilities(const dissect::HtCapabilitiesElement& ht);
    ElementBuilder& ht_operation(const dissect::HtOperationElement& ht);
    ElementBuilder& vht_capabilities(const dissect::VhtCapabilitiesElement& vht);
    ElementBuilder& vht_operation(const dissect::VhtOperationElement& vht);
    // The MCS maps for 160 and 80+80 MHz are written when present (the PHY capabilities should say so).
    ElementBuilder& he_capabilities(const dissect::HeCapabilitiesElement& he);
    // B14, B15 and B17 of the parameters are set from the optional fields present.
    ElementBuilder& he_operation(const dissect::HeOperationElement& he);

    ElementBuilder& p2p(std::span<const std::uint8_t> attributes = {});
    ElementBuilder& owe_transition(const MacAddress& bssid, std::string_view ssid,
                                   std::optional<std::pair<std::uint8_t, std::uint8_t>> band = std::nullopt);
    ElementBuilder& dji_droneid(std::span<const std::uint8_t> payload);
    ElementBuilder& cisco_client_mfp(bool enabled);

    [[nodiscard]] const std::vector<std::uint8_t>& bytes() const noexcept { return bytes_; }
    [[nodiscard]] std::vector<std::uint8_t> take() noexcept { return std::move(bytes_); }

private:
    std::vector<std::uint8_t> bytes_;
};

}  // namespace kismetcore::craft
