// Pins what lets the engine reuse one DissectedPacket for every packet: whatever the packet before it set, a
// reused result holds exactly what a fresh one does. The dissectors reset only part of the result on some paths
// (the radiotap fast path, the 802.11 header fast paths), so this compares every field, packet after packet.
#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "kismetcore/craft/dhcp_builder.h"
#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/eapol_key_builder.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/craft/ppi_builder.h"
#include "kismetcore/craft/radiotap_builder.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "kismetcore/dissect/radiotap_reader.h"
#include "support/capture_files.h"
#include "support/dot11_frames.h"
#include "support/shared_captures.h"

namespace craft = kismetcore::craft;
namespace dissect = kismetcore::dissect;
namespace dot11 = kismetcore::dissect::dot11;
namespace dlt = kismetcore::capture::dlt;
using kismetcore::MacAddress;
using kismetcore::capture::Packet;
using namespace kismetcore::testing;

namespace {

// Every field as "name=value" lines: two results are the same when their descriptions are. Spans print as the
// address and length of what they view, so they must point at the same bytes, not merely equal ones.
class Description {
public:
    template <typename Value>
    void put(const char* name, const Value& value) {
        text_ += name;
        text_ += '=';
        append(value);
        text_ += '\n';
    }

    [[nodiscard]] const std::string& text() const noexcept { return text_; }

private:
    template <typename Value>
    void append(const std::optional<Value>& value) {
        if (!value) {
            text_ += "none";
            return;
        }
        text_ += "some:";
        append(*value);
    }
    void append(const MacAddress& address) { text_ += address.to_string(); }
    void append(std::span<const std::uint8_t> bytes) {
        char view[64];
        std::snprintf(view, sizeof view, "%p+%zu", static_cast<const void*>(bytes.data()), bytes.size());
        text_ += view;
    }
    void append(const char* text) { text_ += text; }
    void append(double value) { text_ += std::to_string(value); }
    template <typename Value, std::size_t kSize>
    void append(const std::array<Value, kSize>& values) {
        for (const auto& value : values) {
            append(value);
            text_ += ',';
        }
    }
    void append(const dissect::AntennaReading& reading) {
        append(reading.antenna);
        text_ += '/';
        append(reading.signal_dbm);
        text_ += '/';
        append(reading.noise_dbm);
    }
    void append(const dissect::FhssInfo& fhss) {
        append(fhss.hop_set);
        text_ += '/';
        append(fhss.hop_pattern);
    }
    void append(const dissect::SampleTimestamp& timestamp) {
        append(timestamp.value);
        text_ += '/';
        append(timestamp.accuracy);
        text_ += '/';
        append(timestamp.unit_position);
        text_ += '/';
        append(timestamp.flags);
    }
    void append(const dissect::DissectError& error) {
        append(static_cast<unsigned>(error.status));
        text_ += '@';
        append(error.offset);
        text_ += ':';
        text_ += error.reason;
    }
    void append(dissect::QosControl qos) { append(qos.raw); }
    void append(dissect::HtControl ht) { append(ht.raw); }
    template <typename Value>
    requires std::is_enum_v<Value>
    void append(Value value) { text_ += std::to_string(static_cast<long long>(value)); }
    template <typename Value>
    requires std::is_integral_v<Value>
    void append(Value value) { text_ += std::to_string(value); }

    std::string text_;
};

#define PUT(description, object, field) (description).put(#field, (object).field)

void describe_radio(Description& d, const dissect::RadioInfo& radio) {
    PUT(d, radio, frequency_khz);
    PUT(d, radio, channel);
    PUT(d, radio, signal_dbm);
    PUT(d, radio, noise_dbm);
    PUT(d, radio, rate_500kbps);
    PUT(d, radio, mcs_index);
    PUT(d, radio, antenna);
    PUT(d, radio, tsft);
    PUT(d, radio, fcs_present);
    PUT(d, radio, bad_fcs);
    PUT(d, radio, header);
    PUT(d, radio, encoding);
    PUT(d, radio, bandwidth_mhz);
    PUT(d, radio, spatial_streams);
    PUT(d, radio, short_gi);
    PUT(d, radio, short_preamble);
    PUT(d, radio, data_pad);
    PUT(d, radio, phy_error);
    PUT(d, radio, channel_flags);
    PUT(d, radio, xchannel_flags);
    PUT(d, radio, extension_frequency_khz);
    PUT(d, radio, radiotap_flags);
    PUT(d, radio, fhss);
    PUT(d, radio, lock_quality);
    PUT(d, radio, tx_attenuation);
    PUT(d, radio, tx_attenuation_db);
    PUT(d, radio, tx_power_dbm);
    PUT(d, radio, signal_db);
    PUT(d, radio, noise_db);
    PUT(d, radio, signal_rssi);
    PUT(d, radio, noise_rssi);
    PUT(d, radio, rx_flags);
    PUT(d, radio, tx_flags);
    PUT(d, radio, rts_retries);
    PUT(d, radio, data_retries);
    PUT(d, radio, ampdu_reference);
    PUT(d, radio, timestamp);
    PUT(d, radio, zero_length_psdu_type);
    PUT(d, radio, antennas);
    PUT(d, radio, antenna_count);
    PUT(d, radio.gps, latitude);
    PUT(d, radio.gps, longitude);
    PUT(d, radio.gps, altitude_m);
    PUT(d, radio, vendor_namespaces);
    PUT(d, radio, fields_complete);
}

void describe_frame(Description& d, const dissect::Dot11Frame& frame) {
    PUT(d, frame, frame_control);
    PUT(d, frame, version);
    PUT(d, frame, type);
    PUT(d, frame, subtype);
    PUT(d, frame, flags);
    PUT(d, frame, to_ds);
    PUT(d, frame, from_ds);
    PUT(d, frame, more_fragments);
    PUT(d, frame, retry);
    PUT(d, frame, power_management);
    PUT(d, frame, more_data);
    PUT(d, frame, protected_frame);
    PUT(d, frame, order);
    PUT(d, frame, duration_id);
    PUT(d, frame, address1);
    PUT(d, frame, address2);
    PUT(d, frame, address3);
    PUT(d, frame, address4);
    PUT(d, frame, source);
    PUT(d, frame, destination);
    PUT(d, frame, transmitter);
    PUT(d, frame, receiver);
    PUT(d, frame, bssid);
    PUT(d, frame, sequence_number);
    PUT(d, frame, fragment_number);
    PUT(d, frame, qos_control);
    PUT(d, frame, ht_control);
    PUT(d, frame, header_length);
    PUT(d, frame, timestamp);
    PUT(d, frame, beacon_interval);
    PUT(d, frame, capability_info);
    PUT(d, frame, listen_interval);
    PUT(d, frame, current_ap);
    PUT(d, frame, status_code);
    PUT(d, frame, association_id);
    PUT(d, frame, auth_algorithm);
    PUT(d, frame, auth_sequence);
    PUT(d, frame, reason_code);
    PUT(d, frame, action_category);
    PUT(d, frame, action_code);
    PUT(d, frame, elements);
    PUT(d, frame, elements_offset);
    PUT(d, frame, body);
    PUT(d, frame, block_ack_control);
    PUT(d, frame, starting_sequence_control);
    PUT(d, frame, sounding_dialog_token);
    PUT(d, frame, carried_frame_control);
    PUT(d, frame, control_frame_extension);
    PUT(d, frame, amsdu);
    PUT(d, frame, ethertype);
    PUT(d, frame, llc_payload);
    PUT(d, frame, protection);
    PUT(d, frame, key_id);
    PUT(d, frame, packet_number);
}

void describe_eapol(Description& d, const dissect::EapolKey& eapol) {
    PUT(d, eapol, protocol_version);
    PUT(d, eapol, packet_type);
    PUT(d, eapol, packet_body_length);
    PUT(d, eapol, has_key_descriptor);
    PUT(d, eapol, descriptor_type);
    PUT(d, eapol, key_information);
    PUT(d, eapol, descriptor_version);
    PUT(d, eapol, pairwise);
    PUT(d, eapol, install);
    PUT(d, eapol, ack);
    PUT(d, eapol, mic_present);
    PUT(d, eapol, secure);
    PUT(d, eapol, error);
    PUT(d, eapol, request);
    PUT(d, eapol, encrypted_key_data);
    PUT(d, eapol, key_length);
    PUT(d, eapol, replay_counter);
    PUT(d, eapol, nonce);
    PUT(d, eapol, key_iv);
    PUT(d, eapol, key_rsc);
    PUT(d, eapol, mic);
    PUT(d, eapol, key_data_length);
    PUT(d, eapol, key_data);
    PUT(d, eapol, message_number);
    PUT(d, eapol, group_message_number);
    PUT(d, eapol, pmkid);
}

// Described only when has_dhcp is set: otherwise `dhcp` is documented to keep what it held.
void describe_dhcp(Description& d, const dissect::DhcpMessage& dhcp) {
    PUT(d, dhcp, ip_source);
    PUT(d, dhcp, ip_destination);
    PUT(d, dhcp, source_port);
    PUT(d, dhcp, destination_port);
    PUT(d, dhcp, op);
    PUT(d, dhcp, your_address);
    PUT(d, dhcp, client_hardware);
    PUT(d, dhcp, message_type);
    PUT(d, dhcp, host_name);
    PUT(d, dhcp, vendor_class);
    PUT(d, dhcp, client_identifier);
    PUT(d, dhcp, subnet_mask);
    PUT(d, dhcp, router);
}

// The element list as the walk left it, and what the first accessor calls decode from it. Described only when
// has_elements is set: otherwise `elements` is documented to keep what it held.
void describe_elements(Description& d, const dissect::InformationElements& elements) {
    d.put("raw", elements.raw());
    d.put("element_count", elements.element_count());
    for (unsigned kind = 0; kind < dissect::InformationElements::kKindCount; ++kind) {
        const auto as_kind = static_cast<dissect::InformationElements::Kind>(kind);
        d.put("first_body", elements.first_body(as_kind));
        d.put("repeated", elements.repeated(as_kind));
    }
    d.put("ssid", elements.ssid().bytes);
    d.put("ds_channel", elements.ds_channel());
    d.put("tag_count", elements.tags().size());
    for (const auto& tag : elements.tags()) {
        d.put("tag", tag.number);
        d.put("tag_vendor", tag.vendor_oui);
    }
    d.put("vendor_count", elements.vendors().size());
    d.put("duplicate_count", elements.duplicate_count());
    d.put("malformed_count", elements.malformed_count());
    d.put("rsn", elements.rsn().has_value());
    d.put("wpa", elements.wpa().has_value());
    d.put("longest_wmm_body", elements.longest_wmm_body());
}

std::string describe(const dissect::DissectedPacket& packet) {
    Description d;
    describe_radio(d, packet.radio);
    PUT(d, packet.payload, dlt);
    PUT(d, packet.payload, bytes);
    PUT(d, packet, has_dot11);
    PUT(d, packet, error);
    if (packet.has_dot11 || packet.payload.dlt == dlt::kIeee80211) {
        describe_frame(d, packet.dot11.frame);
        PUT(d, packet.dot11, has_elements);
        PUT(d, packet.dot11, elements_error);
        if (packet.dot11.has_elements) describe_elements(d, packet.dot11.elements);
        PUT(d, packet.dot11, has_eapol);
        PUT(d, packet.dot11, eapol_error);
        describe_eapol(d, packet.dot11.eapol);
        PUT(d, packet.dot11, has_dhcp);
        PUT(d, packet.dot11, dhcp_error);
        if (packet.dot11.has_dhcp) describe_dhcp(d, packet.dot11.dhcp);
    }
    return d.text();
}

#undef PUT

Packet packet_of(std::uint32_t link_type, std::vector<std::uint8_t> bytes) {
    Packet packet;
    packet.dlt = link_type;
    packet.data = std::move(bytes);
    packet.original_length = static_cast<std::uint32_t>(packet.data.size());
    return packet;
}

const MacAddress kWdsReceiver{{0x02, 0x00, 0x00, 0x00, 0x00, 0x31}};
const MacAddress kWdsTransmitter{{0x02, 0x00, 0x00, 0x00, 0x00, 0x32}};

// Frames rich in optional fields of every stage, and sparse ones, each under several capture headers.
std::vector<Packet> crafted_packets() {
    const auto elements = craft::ElementBuilder().ssid("reuse").ds_channel(11).rsn({}).take();
    std::vector<craft::Bytes> frames;
    frames.push_back(craft::beacon({.bssid = kAp,
                                    .capability = dot11::capability::kEss | dot11::capability::kPrivacy,
                                    .elements = elements,
                                    .options = {.ht_control = 0x12345679u}}));
    frames.push_back(craft::handshake_frame(kAp, kClient, {.message = 1}, true, 7));
    frames.push_back(craft::handshake_frame(kAp, kClient, {.message = 2}));
    const auto payload = craft::llc_snap(0x0800, std::vector<std::uint8_t>(20, 0x45));
    frames.push_back(craft::data_frame({.direction = craft::DsDirection::wds,
                                        .source = kClient,
                                        .destination = kAp,
                                        .transmitter = kWdsTransmitter,
                                        .receiver = kWdsReceiver,
                                        .subtype = dot11::data::kQosData,
                                        .qos_control = 0x0080,
                                        .body = payload}));
    frames.push_back(craft::data_frame({.direction = craft::DsDirection::from_ap,
                                        .source = kAp,
                                        .destination = kClient,
                                        .bssid = kAp,
                                        .body = std::vector<std::uint8_t>{0x01, 0x20, 0x00, 0x20, 1, 2, 3, 4, 5},
                                        .options = {.flags = dot11::fc_flag::kProtected}}));
    const auto identifier = craft::dhcp_client_identifier(kClient);
    const auto discover = craft::dhcp_ipv4_packet(
        {.client_hardware = kClient, .host_name = "reuse", .vendor_class = "v", .client_identifier = identifier});
    const auto offer = craft::dhcp_ipv4_packet({.op = 2,
                                                .your_address = {10, 0, 0, 9},
                                                .message_type = dissect::dhcp::message_type::kOffer,
                                                .subnet_mask = kismetcore::Ipv4Address{255, 0, 0, 0},
                                                .router = kismetcore::Ipv4Address{10, 0, 0, 1}});
    for (const auto& dhcp : {discover, offer}) {
        frames.push_back(craft::data_frame({.direction = craft::DsDirection::to_ap,
                                            .source = kClient,
                                            .destination = kAp,
                                            .bssid = kAp,
                                            .body = craft::llc_snap(dissect::dot11::kEthertypeIpv4, dhcp)}));
    }
    auto cut_discover = discover;  // options cut short: decoded, with an error
    cut_discover.resize(cut_discover.size() - 3);
    frames.push_back(craft::data_frame({.direction = craft::DsDirection::to_ap,
                                        .source = kClient,
                                        .destination = kAp,
                                        .bssid = kAp,
                                        .body = craft::llc_snap(dissect::dot11::kEthertypeIpv4, cut_discover)}));
    frames.push_back(craft::association_request({.client = kClient, .bssid = kAp, .current_ap = kAp}));
    frames.push_back(craft::deauthentication({.source = kAp, .destination = kClient, .bssid = kAp, .reason = 7}));
    frames.push_back(craft::block_ack(kAp, kClient, 3, 100, 0xFF));
    frames.push_back(craft::ack(kClient));
    frames.push_back(craft::rts(kAp, kClient));
    {
        const auto beacon = frames.front();  // cut inside the addresses, and inside the fixed fields
        frames.emplace_back(beacon.begin(), beacon.begin() + 13);
        frames.emplace_back(beacon.begin(), beacon.begin() + 23);
        frames.emplace_back(beacon.begin(), beacon.begin() + 30);
    }

    const auto rich_radiotap = craft::RadiotapBuilder()
                                   .tsft(123456789)
                                   .flags(dissect::radiotap::kFlagShortPreamble | dissect::radiotap::kFlagDataPad)
                                   .rate(108)
                                   .channel(5180, dissect::radiotap::kChannelOfdm)
                                   .signal_dbm(-40)
                                   .noise_dbm(-95)
                                   .lock_quality(7)
                                   .tx_attenuation(3)
                                   .antenna(1)
                                   .rx_flags(0x0002)
                                   .mcs(0x07, 0x01, 7)
                                   .ampdu_status(99, 0, 0)
                                   .timestamp(5, 1, 2, 3)
                                   .next_radiotap_namespace()
                                   .signal_dbm(-41)
                                   .antenna(0)
                                   .next_radiotap_namespace()
                                   .signal_dbm(-43)
                                   .antenna(1)
                                   .fcs();
    const auto common_radiotap = craft::RadiotapBuilder()
                                     .flags(dissect::radiotap::kFlagShortGi)
                                     .rate(2)
                                     .channel(2437, dissect::radiotap::kChannelCck)
                                     .signal_dbm(-60)
                                     .antenna(0);
    const auto bare_radiotap = craft::RadiotapBuilder();
    const auto ppi =
        craft::PpiBuilder().gps({.gps_flags = std::nullopt, .latitude = 51.5, .longitude = -0.12, .altitude_m = 30.0});

    std::vector<Packet> packets;
    for (const auto& frame : frames) {
        packets.push_back(packet_of(dlt::kRadiotap, rich_radiotap.build(frame)));
        packets.push_back(packet_of(dlt::kIeee80211, frame));
        packets.push_back(packet_of(dlt::kRadiotap, common_radiotap.build(frame)));
        packets.push_back(packet_of(dlt::kPpi, ppi.build(frame)));
        packets.push_back(packet_of(dlt::kRadiotap, bare_radiotap.build(frame)));
    }
    packets.push_back(packet_of(dlt::kRadiotap, std::vector<std::uint8_t>{0, 0, 8}));  // cut in the header
    packets.push_back(packet_of(dlt::kRadiotap, rich_radiotap.build(frames.front())));
    packets.push_back(packet_of(4242, frames.front()));  // a link type with no reader
    return packets;
}

// Dissects each packet into one reused result and into a fresh one, in the given order and then in reverse (so
// every packet follows both richer and sparser ones), and returns how many packets differed.
std::size_t compare_reused_with_fresh(const std::vector<Packet>& packets) {
    // DissectedPacket is several kilobytes: on the heap, like the engine's.
    auto reused = std::make_unique<dissect::DissectedPacket>();
    std::size_t differing = 0;
    const auto check = [&](const Packet& packet) {
        const auto fresh = std::make_unique<dissect::DissectedPacket>();
        const auto reused_error = dissect::dissect_packet(packet, *reused);
        const auto fresh_error = dissect::dissect_packet(packet, *fresh);
        const std::string expected = describe(*fresh);
        const std::string actual = describe(*reused);
        if (actual != expected || reused_error.status != fresh_error.status) {
            ++differing;
            INFO("fresh:\n" << expected << "\nreused:\n" << actual);
            CHECK(actual == expected);
        }
    };
    for (const auto& packet : packets) check(packet);
    for (auto packet = packets.rbegin(); packet != packets.rend(); ++packet) check(*packet);
    return differing;
}

}  // namespace

TEST_CASE("a reused DissectedPacket holds what a fresh one does, after rich and sparse packets", "[dissect]") {
    const auto packets = crafted_packets();
    REQUIRE(packets.size() > 60);
    CHECK(compare_reused_with_fresh(packets) == 0);
}

TEST_CASE("a reused DissectedPacket holds what a fresh one does over every shared capture", "[dissect]") {
    const auto files = shared_capture_files();
    if (files.empty()) {
        WARN("shared captures missing");
        return;
    }
    for (const auto& file : files) {
        if (file.extension() == ".md") continue;
        INFO(file.filename().string());
        const auto read = read_back(file);
        CHECK(compare_reused_with_fresh(read.packets) == 0);
    }
}
