// Stores handshake key frames per client the way Kismet does, checks nonce reuse, and pairs messages as hcxtools.
#include "kismetcore/track/dot11/handshake_tracker.h"

#include <algorithm>
#include <iterator>

namespace kismetcore::track::dot11 {

namespace {

bool zero_nonce(const std::array<std::uint8_t, 32>& nonce) noexcept {
    return std::all_of(nonce.begin(), nonce.end(), [](std::uint8_t octet) { return octet == 0; });
}

std::int64_t distance_us(std::int64_t a, std::int64_t b) noexcept {
    return a > b ? a - b : b - a;
}

EapolRecord make_record(const EapolFrame& frame, const dissect::EapolKey& key) {
    EapolRecord record;
    record.timestamp = packet_timestamp(frame.ts_sec, frame.ts_usec);
    record.direction = frame.direction;
    record.message_num = kismet_message_number(key);
    record.install = key.install ? 1 : 0;
    record.handshake_message = key.message_number;
    record.replay_counter = key.replay_counter;
    record.nonce = key.nonce;
    record.rsn_pmkid = key.pmkid;
    record.packet.ts_sec = frame.ts_sec;
    record.packet.ts_usec = frame.ts_usec;
    record.packet.dlt = frame.dlt;
    record.packet.data.assign(frame.frame.begin(), frame.frame.end());
    return record;
}

// Kismet's trim: when the list already holds more than the cap, drop the first record whose message number
// appeared earlier in the list, so one of each message survives as long as possible. Kismet stops there; with a cap
// under five a list may have no repeat, and then the oldest record goes, to keep the bound.
bool trim_records(std::vector<EapolRecord>& records, std::size_t cap) {
    if (records.size() <= cap) return false;
    std::uint32_t seen = 0;
    for (auto it = records.begin(); it != records.end(); ++it) {
        const std::uint32_t bit = 1u << (it->message_num & 0x1f);
        if ((seen & bit) != 0) {
            records.erase(it);
            return true;
        }
        seen |= bit;
    }
    records.erase(records.begin());
    return true;
}

// Whether `earlier` (stored before) and `later` form a pair, by hcxpcapngtool's rules with no nonce error
// correction: the replay counters as MessagePair describes, at most the EAPOL timeout apart, and a non-zero nonce in
// the M2 or M4 (hcxtools drops zeroed ones on arrival).
bool pairs_with(const EapolRecord& earlier, const EapolRecord& later, MessagePair& pair,
                const HandshakeLimits& limits) noexcept {
    if (distance_us(earlier.time_us(), later.time_us()) > limits.eapol_timeout_us) return false;
    if ((earlier.handshake_message == 2 || earlier.handshake_message == 4) && earlier.nonce_is_zero()) return false;
    const std::uint64_t before = earlier.replay_counter;
    const std::uint64_t after = later.replay_counter;
    switch (later.handshake_message) {
        case 2:
            pair = MessagePair::m1_m2;
            return !later.nonce_is_zero() && earlier.handshake_message == 1 && before == after;
        case 3:
            pair = MessagePair::m2_m3;
            return earlier.handshake_message == 2 && before + 1 == after;
        case 4:
            if (later.nonce_is_zero()) return false;
            if (earlier.handshake_message == 3 && before == after) {
                pair = MessagePair::m3_m4;
                return true;
            }
            pair = MessagePair::m1_m4;
            return earlier.handshake_message == 1 && before + 1 == after;
        default:
            return false;
    }
}

bool same_handshake(const CompleteHandshake& a, const CompleteHandshake& b) noexcept {
    return a.pair == b.pair && a.first_replay_counter == b.first_replay_counter &&
           a.second_replay_counter == b.second_replay_counter && a.first_nonce == b.first_nonce;
}

// Pairs the newest record with the ones before it; returns how many new complete handshakes it formed.
std::uint8_t pair_newest(ClientHandshakes& list, const MacAddress& access_point, const HandshakeLimits& limits) {
    const EapolRecord& newest = list.records.back();
    std::uint8_t formed = 0;
    for (std::size_t i = 0; i + 1 < list.records.size(); ++i) {
        const EapolRecord& earlier = list.records[i];
        MessagePair pair{};
        if (!pairs_with(earlier, newest, pair, limits)) continue;
        CompleteHandshake found{access_point,           list.client,           pair,
                                earlier.replay_counter, newest.replay_counter, earlier.nonce,
                                earlier.timestamp,      newest.timestamp};
        const bool known = std::any_of(list.complete.begin(), list.complete.end(),
                                       [&](const CompleteHandshake& c) { return same_handshake(c, found); });
        if (known) continue;
        if (list.complete.size() >= limits.complete_per_client && !list.complete.empty())
            list.complete.erase(list.complete.begin());
        list.complete.push_back(found);
        ++formed;
    }
    return formed;
}

// One list of NonceHistory, with Kismet's rules for message 3 (`anonce` false) or message 1 (`anonce` true).
NonceReuse check_list(std::vector<NonceRecord>& list, const EapolRecord& record, bool retry, bool anonce,
                      const HandshakeLimits& limits) {
    bool reuse = false;
    bool listed = false;
    for (auto& entry : list) {
        if (entry.nonce != record.nonce) continue;
        listed = true;
        if (record.replay_counter > entry.replay_counter) {
            entry.replay_counter = record.replay_counter;
        } else {
            // Kismet compares double timestamps; whole microseconds give the same answer without rounding.
            const auto gap = distance_us(static_cast<std::int64_t>(record.timestamp * 1e6 + 0.5),
                                         static_cast<std::int64_t>(entry.timestamp * 1e6 + 0.5));
            const bool outside_window = gap > limits.nonce_retry_window_us;
            reuse = anonce ? (!retry || outside_window) : outside_window;
        }
        break;
    }
    if (!reuse) {
        if (!listed) {
            if (list.size() > limits.nonces_per_list) list.erase(list.begin());
            list.push_back(nonce_record_of(record));
        }
        return NonceReuse::none;
    }
    if (retry) return NonceReuse::none;
    return anonce ? NonceReuse::anonce : NonceReuse::nonce;
}

}  // namespace

const char* message_pair_name(MessagePair pair) noexcept {
    switch (pair) {
        case MessagePair::m1_m2:
            return "M1+M2";
        case MessagePair::m2_m3:
            return "M2+M3";
        case MessagePair::m3_m4:
            return "M3+M4";
        case MessagePair::m1_m4:
            return "M1+M4";
    }
    return "?";
}

EapolFrame eapol_frame_of(const dissect::Dot11Frame& frame, std::span<const std::uint8_t> frame_bytes,
                          std::int64_t ts_sec, std::uint32_t ts_usec, std::uint32_t source) noexcept {
    EapolFrame eapol;
    eapol.direction = direction_of(frame.to_ds, frame.from_ds);
    eapol.retry = frame.retry;
    eapol.ts_sec = ts_sec;
    eapol.ts_usec = ts_usec;
    eapol.dlt = 105;  // Kismet keeps the decapsulated 802.11 frame whatever the capture's link type
    eapol.source = source;
    eapol.frame = frame_bytes;
    return eapol;
}

std::span<const NonceRecord> NonceHistory::nonces() const noexcept {
    if (!state_) return {};
    return state_->nonces;
}

std::span<const NonceRecord> NonceHistory::anonces() const noexcept {
    if (!state_) return {};
    return state_->anonces;
}

const std::vector<NonceRecord>* NonceHistory::nonce_list() const noexcept {
    return state_ && !state_->nonces.empty() ? &state_->nonces : nullptr;
}

const std::vector<NonceRecord>* NonceHistory::anonce_list() const noexcept {
    return state_ && !state_->anonces.empty() ? &state_->anonces : nullptr;
}

NonceReuse NonceHistory::check(const EapolRecord& record, bool retry, const HandshakeLimits& limits) {
    if ((record.message_num != 1 && record.message_num != 3) || zero_nonce(record.nonce)) return NonceReuse::none;
    if (!state_) state_ = std::make_unique<State>();
    if (record.message_num == 3) return check_list(state_->nonces, record, retry, false, limits);
    return check_list(state_->anonces, record, retry, true, limits);
}

std::span<const ClientHandshakes> HandshakeTracker::clients() const noexcept {
    if (!state_) return {};
    return state_->clients;
}

const ClientHandshakes* HandshakeTracker::find_client(const MacAddress& client) const noexcept {
    for (const auto& list : clients())
        if (list.client == client) return &list;
    return nullptr;
}

const PacketSnapshot* HandshakeTracker::pmkid_packet() const noexcept {
    return state_ ? state_->pmkid_packet.get() : nullptr;
}

std::vector<CompleteHandshake> HandshakeTracker::complete_handshakes() const {
    std::vector<CompleteHandshake> all;
    for (const auto& list : clients()) all.insert(all.end(), list.complete.begin(), list.complete.end());
    return all;
}

bool HandshakeTracker::has_complete_handshake() const noexcept {
    const auto lists = clients();
    return std::any_of(lists.begin(), lists.end(), [](const ClientHandshakes& list) { return !list.complete.empty(); });
}

ClientHandshakes& HandshakeTracker::client_list(State& state, const EapolFrame& frame, const HandshakeLimits& limits,
                                                HandshakeUpdate& result) {
    auto& lists = state.clients;
    auto found = std::find_if(lists.begin(), lists.end(),
                              [&](const ClientHandshakes& list) { return list.client == frame.client; });
    if (found != lists.end()) return *found;
    if (limits.clients_per_ap != 0 && lists.size() >= limits.clients_per_ap) {
        // The list whose newest record is oldest: a client gone quiet, or one of a flood of random addresses.
        auto last_active = [](const ClientHandshakes& list) {
            return list.records.empty() ? std::int64_t{0} : list.records.back().time_us();
        };
        auto idle = std::min_element(lists.begin(), lists.end(),
                                     [&](const auto& a, const auto& b) { return last_active(a) < last_active(b); });
        lists.erase(idle);
        result.dropped_client = true;
    }
    lists.push_back(ClientHandshakes{frame.client, {}, {}});
    return lists.back();
}

HandshakeUpdate HandshakeTracker::update(const EapolFrame& frame, const dissect::EapolKey& key,
                                         NonceHistory& client_nonces, const HandshakeLimits& limits) {
    HandshakeUpdate result;
    if (!key.has_key_descriptor) return result;
    const bool rsn = key.descriptor_type == dissect::eapol_descriptor::kRsn;
    const bool wpa1 = key.descriptor_type == dissect::eapol_descriptor::kWpa;
    if (!rsn && !(wpa1 && limits.keep_wpa1_descriptor)) return result;

    // Kismet raises NONCEDEGRADE while decoding, before it looks at dot11_keep_eapol.
    result.nonce_degrade = is_nonce_degrade(key);
    result.pmkid_seen = key.pmkid.has_value();
    if (!limits.keep_eapol) return result;

    if (!state_) state_ = std::make_unique<State>();
    State& state = *state_;

    ClientHandshakes& list = client_list(state, frame, limits, result);
    result.dropped_record = trim_records(list.records, limits.records_per_client);
    list.records.push_back(make_record(frame, key));
    result.stored = true;
    const EapolRecord& stored = list.records.back();

    if (result.pmkid_seen && !state.pmkid_packet) {
        state.pmkid_packet = std::make_unique<PacketSnapshot>(stored.packet);
        result.pmkid_packet_set = true;
    }

    result.completed = pair_newest(list, frame.access_point, limits);
    result.nonce_reuse = client_nonces.check(stored, frame.retry, limits);
    return result;
}

}  // namespace kismetcore::track::dot11
