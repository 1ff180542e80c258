// WPA handshake capture per AP-client pair: Kismet's stored key frames, PMKID packet and nonce lists, and the
// complete handshakes (message pairs that belong together, as hcxtools pairs them).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/dot11_frame.h"
#include "kismetcore/dissect/eapol_key.h"
#include "kismetcore/track/dot11/eapol_record.h"

namespace kismetcore::track::dot11 {

// Caps and switches. The defaults are Kismet's (dot11_keep_eapol=true, phy_80211 process_wpa_handshake) and
// hcxpcapngtool's (--eapoltimeout=5000, --nonce-error-corrections=0); the two marked "kismetcore" bound what
// Kismet leaves unbounded.
struct HandshakeLimits {
    bool keep_eapol = true;  // dot11_keep_eapol: false stores nothing and checks no nonces
    // Kismet decodes the RSN key descriptor (2) only; WPA1's descriptor (254) frames are ignored unless this is set.
    bool keep_wpa1_descriptor = false;
    // A client's list is trimmed when it holds more than this before a frame is added: up to this + 1 records.
    std::size_t records_per_client = 16;
    // A nonce list drops its oldest entry when it holds more than this before one is added: up to this + 1.
    std::size_t nonces_per_list = 128;
    std::int64_t nonce_retry_window_us = 1'000'000;  // a repeated nonce within this of the first is a retry
    std::int64_t eapol_timeout_us = 5'000'000;       // hcxpcapngtool's EAPOL timeout between the two messages of a pair
    std::size_t clients_per_ap = 256;                // kismetcore: the least recently active client list is dropped
    std::size_t complete_per_client = 16;            // kismetcore: the oldest complete handshake is forgotten
};

// The two messages of a complete handshake, named nonce message + EAPOL message (hcxtools' message_pair):
// M1+M2 (N1E2, replay counters equal), M2+M3 (N3E2, M3's counter = M2's + 1), M3+M4 (N3E4, equal counters) and
// M1+M4 (N1E4, M4's counter = M1's + 1). M2 and M4 with an all-zero nonce pair with nothing.
enum class MessagePair : std::uint8_t { m1_m2, m2_m3, m3_m4, m1_m4 };
[[nodiscard]] const char* message_pair_name(MessagePair pair) noexcept;  // "M1+M2", ...

// Two stored messages that belong together: enough for a PSK to be checked offline.
struct CompleteHandshake {
    MacAddress access_point;
    MacAddress client;
    MessagePair pair = MessagePair::m1_m2;
    std::uint64_t first_replay_counter = 0;   // the earlier message of the pair
    std::uint64_t second_replay_counter = 0;  // the message that completed it
    std::array<std::uint8_t, 32> first_nonce{};
    double first_timestamp = 0;
    double second_timestamp = 0;

    friend bool operator==(const CompleteHandshake&, const CompleteHandshake&) = default;
};

// One client's part of dot11.device.wpa_handshake_list, and the handshakes completed from it.
struct ClientHandshakes {
    MacAddress client;
    std::vector<EapolRecord> records;         // arrival order (Kismet's order may differ: it works in parallel)
    std::vector<CompleteHandshake> complete;  // oldest first, each message pair once
};

// The EAPOL-Key frame as the tracker needs it. `frame` is the 802.11 frame without radio header or FCS (it is
// copied into the stored record); access_point is the BSSID, client the other end of the exchange.
struct EapolFrame {
    MacAddress access_point;
    MacAddress client;
    FrameDirection direction = FrameDirection::unknown;
    bool retry = false;  // the Retry bit of Frame Control
    std::int64_t ts_sec = 0;
    std::uint32_t ts_usec = 0;
    std::uint32_t dlt = 105;
    std::uint32_t source = 0;
    std::span<const std::uint8_t> frame;
};

// An EapolFrame for a dissected frame: direction and Retry from its Frame Control, the packet's time and source,
// DLT 105 and `frame_bytes` (the 802.11 frame without FCS, as DissectedPacket::payload gives it). access_point and
// client stay for the caller to fill: which end is the AP is the tracker's call (the BSSID, and the other address).
[[nodiscard]] EapolFrame eapol_frame_of(const dissect::Dot11Frame& frame, std::span<const std::uint8_t> frame_bytes,
                                        std::int64_t ts_sec, std::uint32_t ts_usec, std::uint32_t source) noexcept;

// Kismet's NONCEREUSE conditions (alerts fire only for frames without the Retry bit).
enum class NonceReuse : std::uint8_t { none, nonce, anonce };

// What one frame changed, for the tracker to pass on (DOT11_WPA_HANDSHAKE event, alerts).
struct HandshakeUpdate {
    bool stored = false;                        // a record was added: Kismet publishes DOT11_WPA_HANDSHAKE
    bool dropped_record = false;                // an older record with a repeated message number made room
    bool dropped_client = false;                // the least recently active client list made room (kismetcore cap)
    bool pmkid_seen = false;                    // the frame carries a PMKID KDE
    bool pmkid_packet_set = false;              // ... and it is the AP's first: dot11.device.pmkid_packet was set
    bool nonce_degrade = false;                 // NONCEDEGRADE condition (see is_nonce_degrade)
    NonceReuse nonce_reuse = NonceReuse::none;  // NONCEREUSE condition
    std::uint8_t completed = 0;  // complete handshakes this frame formed (ClientHandshakes::complete's tail)
};

// dot11.device.wpa_nonce_list and wpa_anonce_list of one client device. Empty, it is one pointer.
class NonceHistory {
public:
    [[nodiscard]] bool empty() const noexcept { return state_ == nullptr; }
    [[nodiscard]] std::span<const NonceRecord> nonces() const noexcept;   // message 3 nonces
    [[nodiscard]] std::span<const NonceRecord> anonces() const noexcept;  // message 1 ANonces
    // The same lists for the field schema: null while empty (Kismet's dynamic fields).
    [[nodiscard]] const std::vector<NonceRecord>* nonce_list() const noexcept;
    [[nodiscard]] const std::vector<NonceRecord>* anonce_list() const noexcept;

    // Kismet's replay check of a stored message 1 or 3 (Kismet's numbering) with a non-zero nonce; other frames
    // change nothing. A listed nonce seen again with a higher replay counter takes the new counter. With an equal or
    // lower counter it is a reuse: for message 3 when more than the retry window from the listed one, for message 1
    // always (a retry only outside the window). Reuse is reported for frames without the Retry bit only. A nonce
    // not listed yet is added; a full list drops its oldest entry.
    NonceReuse check(const EapolRecord& record, bool retry, const HandshakeLimits& limits);

private:
    struct State {
        std::vector<NonceRecord> nonces;
        std::vector<NonceRecord> anonces;
    };
    std::unique_ptr<State> state_;
};

// The handshake state of one access point, what its dot11 record embeds: the per-client key frame lists, the
// first PMKID packet and the complete handshakes. Empty (no EAPOL seen), it is one pointer.
// Not thread-safe: the owner serialises update() with readers (the device's lock); const calls may run together.
// update() allocates (the record's packet copy, list growth): EAPOL frames are rare next to other traffic.
class HandshakeTracker {
public:
    // Stores one EAPOL-Key frame of the exchange between frame.access_point and frame.client and runs the nonce
    // checks on `client_nonces` (the client device's lists), as Kismet's process_wpa_handshake does. Frames
    // without a decoded key descriptor, or with WPA1's unless limits allow it, change nothing.
    HandshakeUpdate update(const EapolFrame& frame, const dissect::EapolKey& key, NonceHistory& client_nonces,
                           const HandshakeLimits& limits = {});

    [[nodiscard]] bool empty() const noexcept { return state_ == nullptr; }
    [[nodiscard]] std::span<const ClientHandshakes> clients() const noexcept;
    [[nodiscard]] const ClientHandshakes* find_client(const MacAddress& client) const noexcept;
    // dot11.device.pmkid_packet: the first key frame that carried a PMKID; nullptr until one did.
    [[nodiscard]] const PacketSnapshot* pmkid_packet() const noexcept;
    // Every client's complete handshakes, clients in first-seen order.
    [[nodiscard]] std::vector<CompleteHandshake> complete_handshakes() const;
    [[nodiscard]] bool has_complete_handshake() const noexcept;

    // The tracker reads as Kismet's wpa_handshake_list, a map from client MAC to its key frame records, so the
    // field layer can walk it like any map (see dot11_schemas.cpp).
    using value_type = std::pair<MacAddress, std::vector<EapolRecord>>;
    class const_iterator {
    public:
        explicit const_iterator(const ClientHandshakes* at) noexcept : at_(at) {}
        std::pair<const MacAddress&, const std::vector<EapolRecord>&> operator*() const noexcept {
            return {at_->client, at_->records};
        }
        const_iterator& operator++() noexcept {
            ++at_;
            return *this;
        }
        friend bool operator==(const const_iterator&, const const_iterator&) = default;

    private:
        const ClientHandshakes* at_;
    };
    [[nodiscard]] const_iterator begin() const noexcept { return const_iterator(clients().data()); }
    [[nodiscard]] const_iterator end() const noexcept { return const_iterator(clients().data() + clients().size()); }
    [[nodiscard]] std::size_t size() const noexcept { return clients().size(); }

private:
    struct State {
        std::vector<ClientHandshakes> clients;
        std::unique_ptr<PacketSnapshot> pmkid_packet;
    };
    ClientHandshakes& client_list(State& state, const EapolFrame& frame, const HandshakeLimits& limits,
                                  HandshakeUpdate& result);
    std::unique_ptr<State> state_;
};

}  // namespace kismetcore::track::dot11
