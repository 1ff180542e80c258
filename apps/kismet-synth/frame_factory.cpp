// Builds the 802.11 frames of the synthetic site with the craft builders: one method per kind of frame.
#include "frame_factory.h"

#include <array>

#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/eapol_key_builder.h"

namespace kismetcore::synth {
namespace {

namespace dot11 = dissect::dot11;

constexpr MacAddress kIpv4MdnsGroup{std::array<std::uint8_t, 6>{0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb}};
constexpr MacAddress kIpv6AllNodes{std::array<std::uint8_t, 6>{0x33, 0x33, 0x00, 0x00, 0x00, 0x01}};
constexpr std::uint16_t kSaeGroup19 = 19;  // 256-bit random ECP group: 32-octet scalar, 64-octet element

// Duration/ID of a unicast frame: SIFS plus the ACK at the basic rate (9.2.5.7); group frames carry 0.
std::uint16_t unicast_duration(Band band) noexcept {
    return band == Band::ghz2_4 ? 314 : 44;
}

std::uint16_t capability_of(const AccessPoint& ap, Security security) noexcept {
    std::uint16_t capability = dot11::capability::kEss;
    if (security != Security::open) capability |= dot11::capability::kPrivacy;
    if (ap.band == Band::ghz2_4) capability |= dot11::capability::kShortPreamble | dot11::capability::kShortSlotTime;
    return capability;
}

}  // namespace

FrameFactory::FrameFactory(SiteModel& site, RandomSource random)
    : site_(site), elements_(site), random_(random), nonce_key_(random_.next()) {}

std::uint16_t FrameFactory::next_sequence(std::uint16_t& counter) noexcept {
    counter = static_cast<std::uint16_t>((counter + 1) & 0x0fff);
    return counter;
}

std::array<std::uint8_t, 32> FrameFactory::nonce(std::uint32_t client, bool authenticator) const {
    RandomSource source(nonce_key_ ^ (std::uint64_t{client} << 33) ^
                        (std::uint64_t{site_.clients[client].session} << 1) ^ (authenticator ? 1u : 0u));
    std::array<std::uint8_t, 32> value{};
    source.fill(value);
    return value;
}

Bytes FrameFactory::beacon(std::uint32_t ap, std::uint64_t tsf) {
    AccessPoint& access_point = site_.access_points[ap];
    craft::BeaconSpec spec;
    spec.bssid = access_point.bssid;
    spec.timestamp = tsf;
    spec.capability = capability_of(access_point, site_.networks[access_point.network].security);
    spec.elements = elements_.beacon(ap);
    spec.options.sequence_number = next_sequence(access_point.sequence);
    return craft::beacon(spec);
}

Bytes FrameFactory::probe_request(std::uint32_t client, std::uint32_t ap, std::string_view ssid) {
    Client& station = site_.clients[client];
    craft::ProbeRequestSpec spec;
    spec.source = station.mac;
    spec.elements = elements_.probe_request(ap, ssid);
    spec.options.sequence_number = next_sequence(station.sequence);
    return craft::probe_request(spec);
}

Bytes FrameFactory::probe_response(std::uint32_t ap, std::uint32_t client, std::uint64_t tsf) {
    AccessPoint& access_point = site_.access_points[ap];
    craft::BeaconSpec spec;
    spec.bssid = access_point.bssid;
    spec.destination = site_.clients[client].mac;
    spec.timestamp = tsf;
    spec.capability = capability_of(access_point, site_.networks[access_point.network].security);
    spec.elements = elements_.probe_response(ap);
    spec.options.sequence_number = next_sequence(access_point.sequence);
    spec.options.duration = unicast_duration(access_point.band);
    return craft::probe_response(spec);
}

Bytes FrameFactory::authentication(std::uint32_t client, bool from_client, std::uint16_t transaction,
                                   std::uint16_t status) {
    return authentication_frame(client, from_client, dot11::auth_algorithm::kOpenSystem, transaction, status, {});
}

Bytes FrameFactory::sae_authentication(std::uint32_t client, bool from_client, std::uint16_t transaction) {
    if (transaction == 1) {  // commit: group, scalar, element
        body_ = {static_cast<std::uint8_t>(kSaeGroup19), 0};
        body_.resize(2 + 32 + 64);
    } else {  // confirm: send-confirm counter, confirm
        body_ = {1, 0};
        body_.resize(2 + 32);
    }
    random_.fill(std::span<std::uint8_t>(body_).subspan(2));
    return authentication_frame(client, from_client, dot11::auth_algorithm::kSae, transaction, 0, body_);
}

Bytes FrameFactory::authentication_frame(std::uint32_t client, bool from_client, std::uint16_t algorithm,
                                         std::uint16_t transaction, std::uint16_t status,
                                         std::span<const std::uint8_t> body) {
    Client& station = site_.clients[client];
    AccessPoint& ap = site_.access_points[station.home_ap];
    craft::AuthenticationSpec spec;
    spec.source = from_client ? station.mac : ap.bssid;
    spec.destination = from_client ? ap.bssid : station.mac;
    spec.bssid = ap.bssid;
    spec.algorithm = algorithm;
    spec.sequence = transaction;
    spec.status = status;
    spec.elements = body;
    spec.options.sequence_number = next_sequence(from_client ? station.sequence : ap.sequence);
    spec.options.duration = unicast_duration(ap.band);
    return craft::authentication(spec);
}

Bytes FrameFactory::association_request(std::uint32_t client) {
    Client& station = site_.clients[client];
    AccessPoint& ap = site_.access_points[station.home_ap];
    craft::AssociationRequestSpec spec;
    spec.client = station.mac;
    spec.bssid = ap.bssid;
    spec.capability = capability_of(ap, site_.networks[ap.network].security);
    spec.elements = elements_.association_request(station.home_ap, station.uses_sae);
    spec.options.sequence_number = next_sequence(station.sequence);
    spec.options.duration = unicast_duration(ap.band);
    return craft::association_request(spec);
}

Bytes FrameFactory::association_response(std::uint32_t client, std::uint16_t status) {
    Client& station = site_.clients[client];
    AccessPoint& ap = site_.access_points[station.home_ap];
    craft::AssociationResponseSpec spec;
    spec.bssid = ap.bssid;
    spec.client = station.mac;
    spec.capability = capability_of(ap, site_.networks[ap.network].security);
    spec.status = status;
    spec.association_id = status == 0 ? station.association_id : 0;
    spec.elements = elements_.association_response(station.home_ap);
    spec.options.sequence_number = next_sequence(ap.sequence);
    spec.options.duration = unicast_duration(ap.band);
    return craft::association_response(spec);
}

Bytes FrameFactory::handshake(std::uint32_t client, int message, bool pmkid) {
    Client& station = site_.clients[client];
    AccessPoint& ap = site_.access_points[station.home_ap];
    craft::HandshakeMessageSpec spec;
    spec.message = message;
    spec.wpa1 = site_.networks[ap.network].security == Security::wpa_psk;
    spec.replay_counter = station.replay_counter;
    if (message != 4) spec.nonce = nonce(client, message != 2);
    if (message != 1) random_.fill(spec.mic);
    if (message == 1 && pmkid && !spec.wpa1) {
        std::array<std::uint8_t, 16> value{};
        random_.fill(value);
        spec.pmkid = value;
    }
    const bool from_client = message == 2 || message == 4;
    return craft::handshake_frame(ap.bssid, station.mac, spec, ap.wmm,
                                  next_sequence(from_client ? station.sequence : ap.sequence));
}

Bytes FrameFactory::disconnect(std::uint32_t client, bool from_client, bool deauthentication, std::uint16_t reason) {
    Client& station = site_.clients[client];
    AccessPoint& ap = site_.access_points[station.home_ap];
    craft::DisconnectSpec spec;
    spec.source = from_client ? station.mac : ap.bssid;
    spec.destination = from_client ? ap.bssid : station.mac;
    spec.bssid = ap.bssid;
    spec.reason = reason;
    spec.options.sequence_number = next_sequence(from_client ? station.sequence : ap.sequence);
    spec.options.duration = unicast_duration(ap.band);
    return deauthentication ? craft::deauthentication(spec) : craft::disassociation(spec);
}

Bytes FrameFactory::data(std::uint32_t client, const ConversationStep& step) {
    Client& station = site_.clients[client];
    AccessPoint& ap = site_.access_points[station.home_ap];
    const Security security = site_.networks[ap.network].security;
    craft::DataSpec spec;
    spec.direction = step.from_client ? craft::DsDirection::to_ap : craft::DsDirection::from_ap;
    spec.source = step.from_client ? station.mac : ap.bssid;
    spec.destination = step.from_client ? ap.bssid : station.mac;
    spec.bssid = ap.bssid;
    if (ap.wmm) {
        spec.subtype = dot11::data::kQosData;
        spec.qos_control = random_.chance(0.15) ? 6 : 0;  // voice now and then, best effort mostly
    }
    body_.clear();
    if (security == Security::open) {
        if (step.kind == Conversation::arp && step.from_client) spec.destination = craft::kBroadcast;
        append_open_payload(step, body_);
    } else {
        if (step.from_client) {
            const auto where = random_.below(100);
            if (where < 6)
                spec.destination = kIpv4MdnsGroup;
            else if (where < 9)
                spec.destination = kIpv6AllNodes;
        }
        spec.options.flags = dot11::fc_flag::kProtected;
        append_protected_payload(security, station.packet_number++, pick_payload_length(random_), random_, body_);
    }
    spec.body = body_;
    spec.options.sequence_number = next_sequence(step.from_client ? station.sequence : ap.sequence);
    spec.options.duration = unicast_duration(ap.band);
    return craft::data_frame(spec);
}

Bytes FrameFactory::group_data(std::uint32_t ap) {
    AccessPoint& access_point = site_.access_points[ap];
    craft::DataSpec spec;
    spec.direction = craft::DsDirection::from_ap;
    spec.source = access_point.bssid;
    spec.destination = random_.chance(0.5) ? craft::kBroadcast : kIpv4MdnsGroup;
    spec.bssid = access_point.bssid;
    spec.options.flags = dot11::fc_flag::kProtected;
    body_.clear();
    append_protected_payload(site_.networks[access_point.network].security, access_point.group_packet_number++,
                             static_cast<std::size_t>(random_.between(60, 360)), random_, body_);
    spec.body = body_;
    spec.options.sequence_number = next_sequence(access_point.sequence);
    return craft::data_frame(spec);
}

Bytes FrameFactory::null_data(std::uint32_t client) {
    Client& station = site_.clients[client];
    AccessPoint& ap = site_.access_points[station.home_ap];
    craft::DataSpec spec;
    spec.direction = craft::DsDirection::to_ap;
    spec.source = station.mac;
    spec.destination = ap.bssid;
    spec.bssid = ap.bssid;
    spec.subtype = ap.wmm ? dot11::data::kQosNull : dot11::data::kNull;
    if (station.power_save) spec.options.flags = dot11::fc_flag::kPowerManagement;
    spec.options.sequence_number = next_sequence(station.sequence);
    spec.options.duration = unicast_duration(ap.band);
    return craft::data_frame(spec);
}

}  // namespace kismetcore::synth
