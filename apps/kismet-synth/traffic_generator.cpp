// Decides what the synthetic site says and when: beacons, scans, joins, handshakes, traffic and departures.
#include "traffic_generator.h"

#include <algorithm>
#include <array>

namespace kismetcore::synth {
namespace {

// The frames of a join, in the order they are sent (IEEE 802.11-2020 11.3 authentication and association,
// 12.4 SAE, 12.7.6 4-way handshake). Client::join_step holds the next one.
enum JoinStep : std::uint8_t {
    kAuthRequest,
    kAuthResponse,
    kSaeCommitClient,
    kSaeCommitAp,
    kSaeConfirmClient,
    kSaeConfirmAp,
    kAssociationRequest,
    kAssociationResponse,
    kMessage1,
    kMessage2,
    kMessage3,
    kMessage4,
    kHandshakeTimeout,
};

// Reason and status codes (9.4.1.7 Table 9-49, 9.4.1.9 Table 9-50).
constexpr std::uint16_t kReasonUnspecified = 1;
constexpr std::uint16_t kReasonLeaving = 3;
constexpr std::uint16_t kReasonInactivity = 4;
constexpr std::uint16_t kReasonDisassociatedLeaving = 8;
constexpr std::uint16_t kReasonHandshakeTimeout = 15;
constexpr std::uint16_t kStatusTooManyStations = 17;

// The authenticator waits a second for a reply before it resends a message or gives up.
constexpr std::int64_t kEapolRetryUs = 1'000'000;

// Shares of spontaneous events, and the fraction of the remaining packets each kind of newcomer may use.
constexpr double kAccessPointShare = 0.55;
constexpr double kAccessPointNewcomerBudget = 0.3;
constexpr double kClientNewcomerBudget = 0.15;

}  // namespace

TrafficGenerator::TrafficGenerator(SiteModel& site, FrameFactory& frames, CaptureEmitter& emitter, RandomSource random)
    : site_(site), frames_(frames), emitter_(emitter), random_(random) {
    // Keep each AP near or below three heard beacons a second (a channel-hopping radio hears a fraction of
    // the ten an AP sends), up to a busy site's ~1,200 events (~2,500 frames) a second.
    const double events_per_second =
        std::min(1200.0, 3.0 * static_cast<double>(site_.access_points.size()) / kAccessPointShare);
    mean_gap_us_ = 1e6 / events_per_second;

    // Some clients are already connected when the capture starts: their traffic shows without a join.
    for (auto& client : site_.clients) {
        if (client.joins && random_.chance(0.4)) {
            client.state = ClientState::associated;
            client.association_id = static_cast<std::uint16_t>(random_.between(1, 200));
        }
    }
}

bool TrafficGenerator::run(std::uint64_t packets) {
    budget_ = packets;
    std::int64_t next_spontaneous = static_cast<std::int64_t>(random_.exponential(mean_gap_us_));
    while (budget_left()) {
        if (!pending_.empty() && pending_.top().time_us <= next_spontaneous) {
            const Event event = pending_.top();
            pending_.pop();
            now_us_ = event.time_us;
            fire(event);
        } else {
            now_us_ = next_spontaneous;
            spontaneous();
            next_spontaneous += std::max<std::int64_t>(1, static_cast<std::int64_t>(random_.exponential(mean_gap_us_)));
        }
    }
    return ok_;
}

void TrafficGenerator::schedule(Event event, std::int64_t delay_us) {
    event.time_us = now_us_ + std::max<std::int64_t>(1, delay_us);
    event.order = next_order_++;
    pending_.push(event);
}

void TrafficGenerator::fire(const Event& event) {
    switch (event.kind) {
        case EventKind::probe_response: {
            const auto tsf = site_.access_points[event.ap].tsf_at_start + static_cast<std::uint64_t>(now_us_);
            emit_from_ap(event.ap, frames_.probe_response(event.ap, event.client, tsf), true);
            break;
        }
        case EventKind::join_step:
            join_step(event);
            break;
        case EventKind::exchange:
            exchange_step(event);
            break;
    }
}

// A device not heard yet is picked with the probability a uniform choice over all devices would give it, or
// more once the remaining packet budget gets short, so the last newcomers still arrive before the end.
bool TrafficGenerator::pick_newcomer(std::uint64_t heard, std::uint64_t total, double budget_share) {
    if (heard >= total) return false;
    if (heard == 0) return true;
    const double unheard = static_cast<double>(total - heard);
    const double events_left = std::max(1.0, static_cast<double>(budget_ - emitter_.written()) * budget_share);
    return random_.unit() < std::max(unheard / static_cast<double>(total), 3.0 * unheard / events_left);
}

std::uint32_t TrafficGenerator::pick_access_point() {
    if (pick_newcomer(aps_heard_, site_.access_points.size(), kAccessPointNewcomerBudget))
        return static_cast<std::uint32_t>(aps_heard_++);
    return static_cast<std::uint32_t>(random_.below(aps_heard_));
}

std::uint32_t TrafficGenerator::pick_client(bool& newcomer) {
    newcomer = pick_newcomer(clients_heard_, site_.clients.size(), kClientNewcomerBudget);
    if (newcomer) return static_cast<std::uint32_t>(clients_heard_++);
    return static_cast<std::uint32_t>(random_.below(clients_heard_));
}

void TrafficGenerator::spontaneous() {
    if (random_.chance(kAccessPointShare)) {
        access_point_event(pick_access_point());
        return;
    }
    bool newcomer = false;
    const std::uint32_t client = pick_client(newcomer);
    client_event(client, newcomer);
}

void TrafficGenerator::access_point_event(std::uint32_t ap) {
    const AccessPoint& access_point = site_.access_points[ap];
    if (site_.networks[access_point.network].security != Security::open && random_.chance(0.08)) {
        emit_from_ap(ap, frames_.group_data(ap), false);
        return;
    }
    emit_from_ap(ap, frames_.beacon(ap, access_point.tsf_at_start + static_cast<std::uint64_t>(now_us_)), true);
}

void TrafficGenerator::client_event(std::uint32_t client, bool newcomer) {
    Client& station = site_.clients[client];
    switch (station.state) {
        case ClientState::joining:  // busy with its join; let an AP speak instead
            access_point_event(pick_access_point());
            return;
        case ClientState::idle:
            probe(client, station.joins && random_.chance(0.3));
            return;
        case ClientState::associated:
            break;
    }
    if (newcomer) {
        start_exchange(client);
        return;
    }
    const auto choice = random_.below(100);
    if (choice < 60) {
        start_exchange(client);
    } else if (choice < 84) {
        station.power_save = !station.power_save;
        emit_from_client(client, frames_.null_data(client), false);
    } else if (choice < 90) {
        probe(client, false);  // a background scan while connected
    } else {
        leave(client, choice < 95);
    }
}

void TrafficGenerator::probe(std::uint32_t client, bool then_join) {
    const Client& station = site_.clients[client];
    const bool directed = random_.chance(0.4);
    const std::uint32_t network = station.remembered_network;
    const std::string_view ssid = directed ? std::string_view(site_.networks[network].ssid) : std::string_view{};
    emit_from_client(client, frames_.probe_request(client, station.home_ap, ssid), true);

    Event response;
    response.kind = EventKind::probe_response;
    response.client = client;
    if (directed) {
        // Every AP of the named network may answer, hidden ones included: this is how Kismet decloaks them.
        const std::uint32_t first = site_.ap_offsets[network];
        const std::uint32_t count = site_.ap_offsets[network + 1] - first;
        const std::uint32_t answers = std::min<std::uint32_t>(count, 2);
        const std::uint32_t start = count == 0 ? 0 : random_.below32(count);
        for (std::uint32_t i = 0; i < answers; ++i) {
            response.ap = site_.ap_list[first + (start + i) % count];
            schedule(response, random_.between(400, 6000));
        }
    } else {
        // A wildcard probe is answered by the APs in range that do not hide their SSID.
        const auto extra = random_.below(2);
        for (std::uint64_t i = 0; i <= extra; ++i) {
            response.ap =
                i == 0 ? station.home_ap : static_cast<std::uint32_t>(random_.index(site_.access_points.size()));
            if (site_.networks[site_.access_points[response.ap].network].hidden) continue;
            schedule(response, random_.between(400, 6000));
        }
    }
    if (then_join) start_join(client, random_.between(15'000, 60'000));
}

void TrafficGenerator::start_join(std::uint32_t client, std::int64_t delay_us) {
    Client& station = site_.clients[client];
    const Security security = site_.networks[site_.access_points[station.home_ap].network].security;
    station.state = ClientState::joining;
    ++station.session;
    station.retries = 0;
    constexpr std::array<double, 4> kFates = {80, 7, 8, 5};  // in JoinFate's order
    station.fate = static_cast<JoinFate>(random_.weighted(kFates));
    station.uses_sae = security == Security::wpa3_sae || (security == Security::wpa3_transition && random_.chance(0.5));
    station.association_id = static_cast<std::uint16_t>(random_.between(1, 200));
    station.power_save = false;
    station.join_step = station.uses_sae ? kSaeCommitClient : kAuthRequest;
    Event event;
    event.kind = EventKind::join_step;
    event.client = client;
    event.session = station.session;
    schedule(event, delay_us);
}

void TrafficGenerator::join_step(const Event& event) {
    Client& station = site_.clients[event.client];
    if (station.session != event.session || station.state != ClientState::joining) return;
    const std::uint32_t client = event.client;
    const std::uint32_t ap = station.home_ap;
    AccessPoint& access_point = site_.access_points[ap];
    const Security security = site_.networks[access_point.network].security;
    std::int64_t delay = random_.between(200, 2000);
    JoinStep next = kAuthRequest;

    switch (station.join_step) {
        case kAuthRequest:
            emit_from_client(client, frames_.authentication(client, true, 1, 0), true);
            next = kAuthResponse;
            break;
        case kAuthResponse:
            emit_from_ap(ap, frames_.authentication(client, false, 2, 0), true);
            next = kAssociationRequest;
            break;
        case kSaeCommitClient:
        case kSaeCommitAp:
        case kSaeConfirmClient:
        case kSaeConfirmAp: {
            const bool from_client = station.join_step == kSaeCommitClient || station.join_step == kSaeConfirmClient;
            const std::uint16_t transaction = station.join_step <= kSaeCommitAp ? 1 : 2;
            const Bytes frame = frames_.sae_authentication(client, from_client, transaction);
            if (from_client)
                emit_from_client(client, frame, true);
            else
                emit_from_ap(ap, frame, true);
            next = static_cast<JoinStep>(station.join_step + 1);
            if (next > kSaeConfirmAp) next = kAssociationRequest;
            delay = random_.between(1000, 6000);  // the group arithmetic takes a while
            break;
        }
        case kAssociationRequest:
            emit_from_client(client, frames_.association_request(client), true);
            next = kAssociationResponse;
            break;
        case kAssociationResponse: {
            const bool refused = station.fate == JoinFate::refused;
            emit_from_ap(ap, frames_.association_response(client, refused ? kStatusTooManyStations : 0), true);
            if (refused || !uses_eapol(security)) {
                station.state = refused ? ClientState::idle : ClientState::associated;
                return;
            }
            next = kMessage1;
            // 802.1X networks run EAP first (not generated); PSK and SAE networks start at once.
            delay =
                security == Security::wpa2_enterprise ? random_.between(40'000, 150'000) : random_.between(1000, 8000);
            break;
        }
        case kMessage1:
            station.replay_counter = ++access_point.replay_counter;
            emit_from_ap(ap, frames_.handshake(client, 1, station.retries == 0 && random_.chance(0.7)), false);
            next = kMessage2;
            if (station.fate == JoinFate::no_reply_to_m1) {
                next = station.retries++ < 2 ? kMessage1 : kHandshakeTimeout;
                delay = kEapolRetryUs;
            }
            break;
        case kMessage2:
            emit_from_client(client, frames_.handshake(client, 2, false), false);
            next = kMessage3;
            if (station.fate == JoinFate::wrong_passphrase) {
                next = station.retries++ < 1 ? kMessage1 : kHandshakeTimeout;
                delay = kEapolRetryUs;
            }
            break;
        case kMessage3:
            station.replay_counter = ++access_point.replay_counter;
            emit_from_ap(ap, frames_.handshake(client, 3, false), false);
            next = kMessage4;
            break;
        case kMessage4:
            emit_from_client(client, frames_.handshake(client, 4, false), false);
            station.state = ClientState::associated;
            return;
        case kHandshakeTimeout:
            emit_from_ap(ap, frames_.disconnect(client, false, true, kReasonHandshakeTimeout), true);
            station.state = ClientState::idle;
            ++station.session;
            return;
        default:
            return;
    }
    station.join_step = next;
    schedule(event, delay);
}

void TrafficGenerator::start_exchange(std::uint32_t client) {
    const Security security = site_.networks[site_.access_points[site_.clients[client].home_ap].network].security;
    Event event;
    event.kind = EventKind::exchange;
    event.client = client;
    event.session = site_.clients[client].session;
    event.conversation_id = static_cast<std::uint16_t>(random_.next());
    constexpr std::array<double, 3> kConversations = {20, 40, 40};  // in Conversation's order
    event.conversation = static_cast<Conversation>(random_.weighted(kConversations));
    if (security == Security::open) {
        event.remaining =
            event.conversation == Conversation::arp ? 2 : static_cast<std::uint16_t>(2 * random_.between(1, 4));
    } else {
        event.remaining = static_cast<std::uint16_t>(random_.between(2, 8));
    }
    exchange_step(event);
}

void TrafficGenerator::exchange_step(const Event& event) {
    const Client& station = site_.clients[event.client];
    if (station.session != event.session || station.state != ClientState::associated) return;
    const std::uint32_t ap = station.home_ap;
    ConversationStep step;
    step.kind = event.conversation;
    step.id = event.conversation_id;
    step.exchange = static_cast<std::uint16_t>(event.step / 2);
    step.from_client = event.step % 2 == 0;
    step.client = station.mac;
    step.gateway = site_.access_points[ap].bssid;
    step.gateway_ip = 0x0a000001u | ((ap & 0xffffu) << 8);  // 10.x.y.1, one subnet per AP
    step.client_ip = (step.gateway_ip & 0xffffff00u) | (2 + event.client % 250);
    const Bytes frame = frames_.data(event.client, step);
    if (step.from_client)
        emit_from_client(event.client, frame, false);
    else
        emit_from_ap(ap, frame, false);

    if (event.remaining <= 1) return;
    Event next = event;
    ++next.step;
    --next.remaining;
    // A reply follows its request quickly; the next request comes after the client has thought about it.
    schedule(next, step.from_client ? random_.between(300, 3000) : random_.between(5'000, 50'000));
}

void TrafficGenerator::leave(std::uint32_t client, bool from_client) {
    Client& station = site_.clients[client];
    const bool deauthentication = random_.chance(0.5);
    std::uint16_t reason = from_client ? (deauthentication ? kReasonLeaving : kReasonDisassociatedLeaving)
                                       : (deauthentication ? kReasonUnspecified : kReasonInactivity);
    const Bytes frame = frames_.disconnect(client, from_client, deauthentication, reason);
    if (from_client)
        emit_from_client(client, frame, true);
    else
        emit_from_ap(station.home_ap, frame, true);
    station.state = ClientState::idle;
    station.power_save = false;
    ++station.session;
}

void TrafficGenerator::emit_from_ap(std::uint32_t ap, const Bytes& frame, bool management) {
    if (!budget_left()) return;
    const AccessPoint& access_point = site_.access_points[ap];
    Reception reception;
    reception.channel_of = &access_point;
    reception.signal_dbm = access_point.signal_dbm;
    reception.antenna = access_point.antenna;
    reception.rate_500kbps = management ? management_rate(access_point.band) : data_rate(access_point.band, random_);
    ok_ = emitter_.emit(now_us_, frame, reception) && ok_;
}

void TrafficGenerator::emit_from_client(std::uint32_t client, const Bytes& frame, bool management) {
    if (!budget_left()) return;
    const Client& station = site_.clients[client];
    const AccessPoint& access_point = site_.access_points[station.home_ap];
    Reception reception;
    reception.channel_of = &access_point;
    reception.signal_dbm = station.signal_dbm;
    reception.antenna = station.antenna;
    reception.rate_500kbps = management ? management_rate(access_point.band) : data_rate(access_point.band, random_);
    ok_ = emitter_.emit(now_us_, frame, reception) && ok_;
}

}  // namespace kismetcore::synth
