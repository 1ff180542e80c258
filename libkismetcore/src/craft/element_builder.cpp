// Information element builder: writes each element's fields in the order of IEEE 802.11-2020 9.4.2.
#include "kismetcore/craft/element_builder.h"

#include <stdexcept>

namespace kismetcore::craft {
namespace {

using Body = std::vector<std::uint8_t>;

void put_u8(Body& body, std::uint8_t value) {
    body.push_back(value);
}
void put_le16(Body& body, std::uint16_t value) {
    body.push_back(static_cast<std::uint8_t>(value));
    body.push_back(static_cast<std::uint8_t>(value >> 8));
}
void put_be16(Body& body, std::uint16_t value) {
    body.push_back(static_cast<std::uint8_t>(value >> 8));
    body.push_back(static_cast<std::uint8_t>(value));
}
void put_le32(Body& body, std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) body.push_back(static_cast<std::uint8_t>(value >> shift));
}
void put_oui(Body& body, std::uint32_t oui) {
    body.push_back(static_cast<std::uint8_t>(oui >> 16));
    body.push_back(static_cast<std::uint8_t>(oui >> 8));
    body.push_back(static_cast<std::uint8_t>(oui));
}
void put_suite(Body& body, SuiteSelector suite) {
    put_oui(body, dissect::suite_oui(suite));
    body.push_back(dissect::suite_type(suite));
}
void put_bytes(Body& body, std::span<const std::uint8_t> bytes) {
    body.insert(body.end(), bytes.begin(), bytes.end());
}
void put_text(Body& body, std::string_view text) {
    body.insert(body.end(), text.begin(), text.end());
}

void put_suite_list(Body& body, const std::vector<SuiteSelector>& suites, std::optional<std::uint16_t> count_sent) {
    put_le16(body, count_sent.value_or(static_cast<std::uint16_t>(suites.size())));
    for (auto suite : suites) put_suite(body, suite);
}

// WPS attributes are big-endian type-length-value triples.
void put_wps(Body& body, std::uint16_t type, std::span<const std::uint8_t> value) {
    put_be16(body, type);
    put_be16(body, static_cast<std::uint16_t>(value.size()));
    put_bytes(body, value);
}
void put_wps_u8(Body& body, std::uint16_t type, std::uint8_t value) {
    put_wps(body, type, std::span(&value, 1));
}
void put_wps_text(Body& body, std::uint16_t type, std::string_view text) {
    put_wps(body, type, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

}  // namespace

ElementBuilder& ElementBuilder::raw(std::uint8_t id, std::span<const std::uint8_t> body) {
    if (body.size() > 255) throw std::length_error("information element body longer than 255 octets");
    bytes_.push_back(id);
    bytes_.push_back(static_cast<std::uint8_t>(body.size()));
    bytes_.insert(bytes_.end(), body.begin(), body.end());
    return *this;
}

ElementBuilder& ElementBuilder::raw(std::uint8_t id, std::initializer_list<std::uint8_t> body) {
    return raw(id, std::span(body.begin(), body.size()));
}

ElementBuilder& ElementBuilder::extension(std::uint8_t extension_id, std::span<const std::uint8_t> body) {
    Body full{extension_id};
    put_bytes(full, body);
    return raw(dissect::element_id::kExtension, full);
}

ElementBuilder& ElementBuilder::vendor(std::uint32_t oui, std::uint8_t type, std::span<const std::uint8_t> payload) {
    Body body;
    put_oui(body, oui);
    put_u8(body, type);
    put_bytes(body, payload);
    return raw(dissect::element_id::kVendorSpecific, body);
}

ElementBuilder& ElementBuilder::ssid(std::string_view text) {
    return ssid(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}
ElementBuilder& ElementBuilder::ssid(std::span<const std::uint8_t> bytes) {
    return raw(dissect::element_id::kSsid, bytes);
}

ElementBuilder& ElementBuilder::supported_rates(std::initializer_list<std::uint8_t> rates) {
    return raw(dissect::element_id::kSupportedRates, rates);
}
ElementBuilder& ElementBuilder::extended_rates(std::initializer_list<std::uint8_t> rates) {
    return raw(dissect::element_id::kExtendedSupportedRates, rates);
}
ElementBuilder& ElementBuilder::ds_channel(std::uint8_t channel) {
    return raw(dissect::element_id::kDsParameterSet, {channel});
}

ElementBuilder& ElementBuilder::tim(std::uint8_t dtim_count, std::uint8_t dtim_period, std::uint8_t bitmap_control,
                                    std::initializer_list<std::uint8_t> partial_virtual_bitmap) {
    Body body{dtim_count, dtim_period, bitmap_control};
    body.insert(body.end(), partial_virtual_bitmap.begin(), partial_virtual_bitmap.end());
    return raw(dissect::element_id::kTim, body);
}

ElementBuilder& ElementBuilder::country(std::string_view code, std::uint8_t environment,
                                        std::initializer_list<dissect::CountryTriplet> triplets) {
    Body body;
    for (std::size_t i = 0; i < 2; ++i) body.push_back(i < code.size() ? static_cast<std::uint8_t>(code[i]) : ' ');
    body.push_back(environment);
    for (const auto& triplet : triplets) {
        body.push_back(triplet.first);
        body.push_back(triplet.second);
        body.push_back(triplet.third);
    }
    if (body.size() % 2 != 0) body.push_back(0);  // pad to an even length (9.4.2.8)
    return raw(dissect::element_id::kCountry, body);
}

ElementBuilder& ElementBuilder::power_constraint(std::uint8_t db) {
    return raw(dissect::element_id::kPowerConstraint, {db});
}
ElementBuilder& ElementBuilder::power_capability(std::int8_t min_dbm, std::int8_t max_dbm) {
    return raw(dissect::element_id::kPowerCapability,
               {static_cast<std::uint8_t>(min_dbm), static_cast<std::uint8_t>(max_dbm)});
}
ElementBuilder& ElementBuilder::tpc_report(std::int8_t transmit_power_dbm, std::int8_t link_margin_db) {
    return raw(dissect::element_id::kTpcReport,
               {static_cast<std::uint8_t>(transmit_power_dbm), static_cast<std::uint8_t>(link_margin_db)});
}

ElementBuilder& ElementBuilder::supported_channels(std::initializer_list<dissect::ChannelSubband> subbands) {
    Body body;
    for (const auto& subband : subbands) {
        body.push_back(subband.first_channel);
        body.push_back(subband.channel_count);
    }
    return raw(dissect::element_id::kSupportedChannels, body);
}

ElementBuilder& ElementBuilder::bss_load(std::uint16_t stations, std::uint8_t channel_utilization,
                                         std::uint16_t admission_capacity) {
    Body body;
    put_le16(body, stations);
    put_u8(body, channel_utilization);
    put_le16(body, admission_capacity);
    return raw(dissect::element_id::kBssLoad, body);
}

ElementBuilder& ElementBuilder::mobility_domain(std::uint16_t mdid, std::uint8_t ft_policy) {
    Body body;
    put_le16(body, mdid);
    put_u8(body, ft_policy);
    return raw(dissect::element_id::kMobilityDomain, body);
}

ElementBuilder& ElementBuilder::extended_capabilities(std::size_t octets, std::initializer_list<std::size_t> bits) {
    Body body(octets, 0);
    for (auto bit : bits)
        if (bit / 8 < octets) body[bit / 8] = static_cast<std::uint8_t>(body[bit / 8] | (1u << (bit % 8)));
    return raw(dissect::element_id::kExtendedCapabilities, body);
}

ElementBuilder& ElementBuilder::multiple_bssid(std::uint8_t max_bssid_indicator,
                                               std::initializer_list<std::vector<std::uint8_t>> profiles) {
    Body body{max_bssid_indicator};
    for (const auto& profile : profiles) {
        body.push_back(0);  // Nontransmitted BSSID Profile
        body.push_back(static_cast<std::uint8_t>(profile.size()));
        put_bytes(body, profile);
    }
    return raw(dissect::element_id::kMultipleBssid, body);
}

ElementBuilder& ElementBuilder::cisco_ccx1(std::string_view ap_name, std::uint8_t clients) {
    Body body(10, 0);
    for (std::size_t i = 0; i < 16; ++i) body.push_back(i < ap_name.size() ? static_cast<std::uint8_t>(ap_name[i]) : 0);
    body.push_back(clients);
    body.insert(body.end(), 3, 0);
    return raw(dissect::element_id::kCiscoCcx1, body);
}

ElementBuilder& ElementBuilder::mesh_id(std::string_view text) {
    return raw(dissect::element_id::kMeshId,
               std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

ElementBuilder& ElementBuilder::rsn(const RsnSpec& spec) {
    Body body;
    put_le16(body, spec.version);
    put_suite(body, spec.group_cipher);
    put_suite_list(body, spec.pairwise_ciphers, spec.pairwise_count_sent);
    put_suite_list(body, spec.akm_suites, spec.akm_count_sent);
    const bool later_fields = !spec.pmkids.empty() || spec.group_management_cipher.has_value();
    if (spec.capabilities.has_value() || later_fields) put_le16(body, spec.capabilities.value_or(0));
    if (later_fields) {
        put_le16(body, static_cast<std::uint16_t>(spec.pmkids.size()));
        for (const auto& pmkid : spec.pmkids) put_bytes(body, pmkid);
    }
    if (spec.group_management_cipher) put_suite(body, *spec.group_management_cipher);
    return raw(dissect::element_id::kRsn, body);
}

ElementBuilder& ElementBuilder::wpa(const WpaSpec& spec) {
    Body body;
    put_le16(body, spec.version);
    put_suite(body, spec.group_cipher);
    put_suite_list(body, spec.pairwise_ciphers, std::nullopt);
    put_suite_list(body, spec.akm_suites, std::nullopt);
    if (spec.capabilities) put_le16(body, *spec.capabilities);
    return vendor(dissect::oui::kMicrosoft, dissect::vendor_type::kWpa, body);
}

ElementBuilder& ElementBuilder::wmm_information(std::uint8_t qos_info) {
    const Body body{dissect::wmm_subtype::kInformation, 1, qos_info};
    return vendor(dissect::oui::kMicrosoft, dissect::vendor_type::kWmm, body);
}

ElementBuilder& ElementBuilder::wmm_parameters(std::uint8_t qos_info,
                                               const std::array<dissect::WmmAcParameters, 4>& ac) {
    Body body{dissect::wmm_subtype::kParameter, 1, qos_info, 0};
    for (const auto& record : ac) {
        put_u8(body, record.aci_aifsn);
        put_u8(body, record.ecw);
        put_le16(body, record.txop_limit);
    }
    return vendor(dissect::oui::kMicrosoft, dissect::vendor_type::kWmm, body);
}

ElementBuilder& ElementBuilder::wmm_tspec(const dissect::WmmTspecElement& tspec) {
    Body body{dissect::wmm_subtype::kTspec, tspec.version};
    put_bytes(body, tspec.ts_info);
    put_le16(body, tspec.nominal_msdu_size);
    put_le16(body, tspec.maximum_msdu_size);
    put_le32(body, tspec.minimum_service_interval);
    put_le32(body, tspec.maximum_service_interval);
    for (int i = 0; i < 4; ++i) put_le32(body, 0);  // inactivity, suspension, service start, minimum data rate
    put_le32(body, tspec.mean_data_rate);
    for (int i = 0; i < 3; ++i) put_le32(body, 0);  // peak data rate, burst size, delay bound
    put_le32(body, tspec.minimum_phy_rate);
    put_le16(body, tspec.surplus_bandwidth_allowance);
    put_le16(body, tspec.medium_time);
    return vendor(dissect::oui::kMicrosoft, dissect::vendor_type::kWmm, body);
}

ElementBuilder& ElementBuilder::wps(const WpsSpec& spec) {
    namespace attr = dissect::wps_attribute;
    Body body;
    if (spec.version) put_wps_u8(body, attr::kVersion, *spec.version);
    if (spec.state) put_wps_u8(body, attr::kWpsState, *spec.state);
    if (spec.ap_setup_locked) put_wps_u8(body, attr::kApSetupLocked, *spec.ap_setup_locked ? 1 : 0);
    if (spec.selected_registrar) put_wps_u8(body, attr::kSelectedRegistrar, *spec.selected_registrar ? 1 : 0);
    if (spec.response_type) put_wps_u8(body, attr::kResponseType, *spec.response_type);
    if (spec.uuid_e) put_wps(body, attr::kUuidE, *spec.uuid_e);
    if (spec.uuid_r) put_wps(body, attr::kUuidR, *spec.uuid_r);
    if (spec.manufacturer) put_wps_text(body, attr::kManufacturer, *spec.manufacturer);
    if (spec.model_name) put_wps_text(body, attr::kModelName, *spec.model_name);
    if (spec.model_number) put_wps_text(body, attr::kModelNumber, *spec.model_number);
    if (spec.serial_number) put_wps_text(body, attr::kSerialNumber, *spec.serial_number);
    if (spec.primary_device_type) put_wps(body, attr::kPrimaryDeviceType, *spec.primary_device_type);
    if (spec.device_name) put_wps_text(body, attr::kDeviceName, *spec.device_name);
    if (spec.config_methods) {
        Body value;
        put_be16(value, *spec.config_methods);
        put_wps(body, attr::kConfigMethods, value);
    }
    if (spec.rf_bands) put_wps_u8(body, attr::kRfBands, *spec.rf_bands);
    if (spec.version2) {
        Body value;
        put_oui(value, dissect::oui::kWpsVendorExtension);
        value.insert(value.end(), {0, 1, *spec.version2});  // subelement Version2, length 1
        put_wps(body, attr::kVendorExtension, value);
    }
    for (const auto& [type, value] : spec.extra_attributes) put_wps(body, type, value);
    return vendor(dissect::oui::kMicrosoft, dissect::vendor_type::kWps, body);
}

ElementBuilder& ElementBuilder::ht_capabilities(const dissect::HtCapabilitiesElement& ht) {
    Body body;
    put_le16(body, ht.info);
    put_u8(body, ht.ampdu_parameters);
    put_bytes(body, ht.mcs_set);
    put_le16(body, ht.extended_capabilities);
    put_le32(body, ht.transmit_beamforming);
    put_u8(body, ht.antenna_selection);
    return raw(dissect::element_id::kHtCapabilities, body);
}

ElementBuilder& ElementBuilder::ht_operation(const dissect::HtOperationElement& ht) {
    Body body{ht.primary_channel};
    put_bytes(body, ht.info);
    put_bytes(body, ht.basic_mcs_set);
    return raw(dissect::element_id::kHtOperation, body);
}

ElementBuilder& ElementBuilder::vht_capabilities(const dissect::VhtCapabilitiesElement& vht) {
    Body body;
    put_le32(body, vht.info);
    put_le16(body, vht.rx_mcs_map.raw);
    put_le16(body, vht.rx_highest);
    put_le16(body, vht.tx_mcs_map.raw);
    put_le16(body, vht.tx_highest);
    return raw(dissect::element_id::kVhtCapabilities, body);
}

ElementBuilder& ElementBuilder::vht_operation(const dissect::VhtOperationElement& vht) {
    Body body{vht.channel_width, vht.center_segment0, vht.center_segment1};
    put_le16(body, vht.basic_mcs_map.raw);
    return raw(dissect::element_id::kVhtOperation, body);
}

ElementBuilder& ElementBuilder::he_capabilities(const dissect::HeCapabilitiesElement& he) {
    Body body;
    put_bytes(body, he.mac_capabilities);
    put_bytes(body, he.phy_capabilities);
    put_le16(body, he.rx_mcs_80.raw);
    put_le16(body, he.tx_mcs_80.raw);
    if (he.rx_mcs_160 && he.tx_mcs_160) {
        put_le16(body, he.rx_mcs_160->raw);
        put_le16(body, he.tx_mcs_160->raw);
    }
    if (he.rx_mcs_80p80 && he.tx_mcs_80p80) {
        put_le16(body, he.rx_mcs_80p80->raw);
        put_le16(body, he.tx_mcs_80p80->raw);
    }
    put_bytes(body, he.ppe_thresholds);
    return extension(dissect::extension_id::kHeCapabilities, body);
}

ElementBuilder& ElementBuilder::he_operation(const dissect::HeOperationElement& he) {
    std::uint32_t parameters = he.parameters & ~((1u << 14) | (1u << 15) | (1u << 17));
    if (he.vht_operation) parameters |= 1u << 14;
    if (he.max_cohosted_bssid_indicator) parameters |= 1u << 15;
    if (he.six_ghz_operation) parameters |= 1u << 17;
    Body body{static_cast<std::uint8_t>(parameters), static_cast<std::uint8_t>(parameters >> 8),
              static_cast<std::uint8_t>(parameters >> 16), he.bss_color_information};
    put_le16(body, he.basic_mcs.raw);
    if (he.vht_operation)
        body.insert(body.end(), {he.vht_operation->channel_width, he.vht_operation->center_segment0,
                                 he.vht_operation->center_segment1});
    if (he.max_cohosted_bssid_indicator) put_u8(body, *he.max_cohosted_bssid_indicator);
    if (he.six_ghz_operation) {
        const auto& six = *he.six_ghz_operation;
        body.insert(body.end(),
                    {six.primary_channel, six.control, six.center_segment0, six.center_segment1, six.minimum_rate});
    }
    return extension(dissect::extension_id::kHeOperation, body);
}

ElementBuilder& ElementBuilder::p2p(std::span<const std::uint8_t> attributes) {
    return vendor(dissect::oui::kWifiAlliance, dissect::vendor_type::kP2p, attributes);
}

ElementBuilder& ElementBuilder::owe_transition(const MacAddress& bssid, std::string_view ssid,
                                               std::optional<std::pair<std::uint8_t, std::uint8_t>> band) {
    Body body;
    put_bytes(body, bssid.octets());
    put_u8(body, static_cast<std::uint8_t>(ssid.size()));
    put_text(body, ssid);
    if (band) body.insert(body.end(), {band->first, band->second});
    return vendor(dissect::oui::kWifiAlliance, dissect::vendor_type::kOweTransition, body);
}

ElementBuilder& ElementBuilder::dji_droneid(std::span<const std::uint8_t> payload) {
    Body body;
    put_oui(body, dissect::oui::kDjiDroneId);
    put_bytes(body, payload);
    return raw(dissect::element_id::kVendorSpecific, body);
}

ElementBuilder& ElementBuilder::cisco_client_mfp(bool enabled) {
    const Body body{static_cast<std::uint8_t>(enabled ? 1 : 0)};
    return vendor(dissect::oui::kCisco, dissect::vendor_type::kCiscoClientMfp, body);
}

}  // namespace kismetcore::craft
