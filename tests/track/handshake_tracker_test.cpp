// Handshake capture on crafted 4-way handshakes: Kismet's stored records, caps, PMKID, nonce checks, and which
// message pairs count as complete.
#include "kismetcore/track/dot11/handshake_tracker.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/eapol_key_builder.h"
#include "kismetcore/dissect/dot11_packet.h"
#include "support/dot11_frames.h"

namespace {

using namespace kismetcore;
using namespace kismetcore::track::dot11;
using kismetcore::testing::counting_bytes;
using kismetcore::testing::kAp;
using kismetcore::testing::kClient;

constexpr std::int64_t kStartUs = 1'146'709'180'000'000;  // wpa2-psk-linksys's first handshake second

const auto kANonce = counting_bytes<32>(0xa0);
const auto kSNonce = counting_bytes<32>(0x50);

craft::HandshakeMessageSpec message(int number, std::uint64_t replay_counter) {
    craft::HandshakeMessageSpec spec;
    spec.message = number;
    spec.replay_counter = replay_counter;
    if (number == 1 || number == 3) spec.nonce = kANonce;
    if (number == 2) spec.nonce = kSNonce;
    if (number >= 2) spec.mic = counting_bytes<16>(0x10);
    return spec;
}

// One AP, its clients' nonce lists, and a clock: feeds crafted frames through the dissector into the tracker.
struct Exchange {
    HandshakeTracker ap;
    NonceHistory client_nonces;
    HandshakeLimits limits;
    std::vector<std::vector<std::uint8_t>> frames;  // what was fed, for comparing the stored packets

    HandshakeUpdate feed_bytes(std::vector<std::uint8_t> bytes, std::int64_t at_us, const MacAddress& client,
                               bool retry = false) {
        if (retry) bytes[1] |= dissect::dot11::fc_flag::kRetry;
        frames.push_back(bytes);
        dissect::Dot11Packet packet;
        REQUIRE(dissect::dissect_dot11_packet(frames.back(), packet).ok());
        REQUIRE(packet.has_eapol);
        EapolFrame frame = eapol_frame_of(packet.frame, frames.back(), at_us / 1'000'000,
                                          static_cast<std::uint32_t>(at_us % 1'000'000), 7);
        frame.access_point = kAp;
        frame.client = client;
        return ap.update(frame, packet.eapol, client_nonces, limits);
    }
    HandshakeUpdate feed(const craft::HandshakeMessageSpec& spec, std::int64_t at_us, bool retry = false,
                         const MacAddress& client = kClient) {
        return feed_bytes(craft::handshake_frame(kAp, client, spec), at_us, client, retry);
    }
    [[nodiscard]] const std::vector<EapolRecord>& records() const {
        const ClientHandshakes* list = ap.find_client(kClient);
        REQUIRE(list != nullptr);
        return list->records;
    }
    [[nodiscard]] std::vector<MessagePair> pairs() const {
        std::vector<MessagePair> found;
        for (const auto& complete : ap.complete_handshakes()) found.push_back(complete.pair);
        return found;
    }
};

// A group key handshake frame (12.7.7) from the AP (message 1) or the client (message 2), unprotected.
std::vector<std::uint8_t> group_key_frame(int message, std::uint64_t replay_counter) {
    craft::EapolKeySpec spec;
    const auto mic = counting_bytes<16>(0x30);
    spec.mic = mic;
    spec.replay_counter = replay_counter;
    spec.key_information = static_cast<std::uint16_t>(2 | dissect::key_info::kMic | dissect::key_info::kSecure);
    if (message == 1) spec.key_information |= dissect::key_info::kAck | dissect::key_info::kEncryptedKeyData;
    const auto key_data = counting_bytes<32>(0x70);
    if (message == 1) spec.key_data = key_data;
    const auto body = craft::llc_snap(0x888e, craft::eapol_key(spec));
    const bool from_ap = message == 1;
    return craft::data_frame({.direction = from_ap ? craft::DsDirection::from_ap : craft::DsDirection::to_ap,
                              .source = from_ap ? kAp : kClient,
                              .destination = from_ap ? kClient : kAp,
                              .bssid = kAp,
                              .body = body});
}

}  // namespace

TEST_CASE("a 4-way handshake stores one dot11.eapol record per message with Kismet's fields", "[handshake]") {
    Exchange exchange;
    const auto m1 = exchange.feed(message(1, 1), kStartUs + 29'685);
    CHECK(m1.stored);
    CHECK(m1.completed == 0);
    CHECK(exchange.feed(message(2, 1), kStartUs + 37'721).completed == 1);
    CHECK(exchange.feed(message(3, 2), kStartUs + 40'857).completed == 1);
    CHECK(exchange.feed(message(4, 2), kStartUs + 45'792).completed == 0);  // M4's nonce is zero

    const auto& records = exchange.records();
    REQUIRE(records.size() == 4);
    const std::uint8_t expected_direction[] = {1, 2, 1, 2};
    const std::uint8_t expected_install[] = {0, 0, 1, 0};
    const std::uint64_t expected_counter[] = {1, 1, 2, 2};
    for (std::size_t i = 0; i < 4; ++i) {
        INFO("message " << i + 1);
        CHECK(records[i].message_num == i + 1);
        CHECK(records[i].handshake_message == i + 1);
        CHECK(static_cast<std::uint8_t>(records[i].direction) == expected_direction[i]);
        CHECK(records[i].install == expected_install[i]);
        CHECK(records[i].replay_counter == expected_counter[i]);
        CHECK(records[i].packet.data == exchange.frames[i]);
        CHECK(records[i].packet.dlt == 105);
        CHECK(records[i].packet.source == 0);  // Kismet leaves kismet.packet.source 0, whatever the source
        CHECK_FALSE(records[i].rsn_pmkid.has_value());
    }
    CHECK(records[0].timestamp == Approx(1146709180.029685).epsilon(1e-15));
    CHECK(records[0].packet.ts_sec == 1146709180);
    CHECK(records[0].packet.ts_usec == 29685);
    CHECK(records[0].nonce == kANonce);
    CHECK(records[1].nonce == kSNonce);
    CHECK(records[3].nonce_is_zero());

    const auto complete = exchange.ap.complete_handshakes();
    REQUIRE(complete.size() == 2);
    CHECK(complete[0].pair == MessagePair::m1_m2);
    CHECK(complete[0].access_point == kAp);
    CHECK(complete[0].client == kClient);
    CHECK(complete[0].first_replay_counter == 1);
    CHECK(complete[0].second_replay_counter == 1);
    CHECK(complete[0].first_nonce == kANonce);
    CHECK(complete[1].pair == MessagePair::m2_m3);
    CHECK(complete[1].first_replay_counter == 1);
    CHECK(complete[1].second_replay_counter == 2);
    CHECK(complete[1].first_nonce == kSNonce);
    CHECK(std::string(message_pair_name(complete[1].pair)) == "M2+M3");
    CHECK(exchange.ap.has_complete_handshake());
}

TEST_CASE("an M4 that repeats the SNonce completes M3+M4 and M1+M4", "[handshake]") {
    Exchange exchange;
    exchange.feed(message(1, 1), kStartUs);
    exchange.feed(message(3, 2), kStartUs + 10'000);
    auto m4 = message(4, 2);
    m4.nonce = kSNonce;
    CHECK(exchange.feed(m4, kStartUs + 20'000).completed == 2);
    CHECK(exchange.pairs() == std::vector<MessagePair>{MessagePair::m1_m4, MessagePair::m3_m4});  // stored order
}

TEST_CASE("messages whose replay counters do not belong together never complete", "[handshake]") {
    Exchange exchange;
    exchange.feed(message(1, 1), kStartUs);
    exchange.feed(message(2, 2), kStartUs + 1'000);  // M1+M2 needs equal counters
    exchange.feed(message(3, 4), kStartUs + 2'000);  // M2+M3 needs M2's + 1
    auto m4 = message(4, 5);                         // M3+M4 needs equal, M1+M4 needs M1's + 1
    m4.nonce = kSNonce;
    exchange.feed(m4, kStartUs + 3'000);
    CHECK(exchange.records().size() == 4);
    CHECK(exchange.ap.complete_handshakes().empty());
    CHECK_FALSE(exchange.ap.has_complete_handshake());
}

TEST_CASE("an M2 with a zero SNonce pairs with nothing", "[handshake]") {
    Exchange exchange;
    exchange.feed(message(1, 1), kStartUs);
    auto m2 = message(2, 1);
    m2.nonce = {};
    exchange.feed(m2, kStartUs + 1'000);
    exchange.feed(message(3, 2), kStartUs + 2'000);
    CHECK(exchange.ap.complete_handshakes().empty());
}

TEST_CASE("messages more than hcxtools' 5 s EAPOL timeout apart do not pair", "[handshake]") {
    Exchange exchange;
    exchange.feed(message(1, 1), kStartUs);
    CHECK(exchange.feed(message(2, 1), kStartUs + 5'000'001).completed == 0);
    CHECK(exchange.feed(message(3, 2), kStartUs + 10'000'001).completed == 1);  // exactly 5 s after M2
    CHECK(exchange.pairs() == std::vector<MessagePair>{MessagePair::m2_m3});
}

TEST_CASE("a message before its partner does not complete: pairs look back, as hcxtools' message list does",
          "[handshake]") {
    Exchange exchange;
    exchange.feed(message(2, 1), kStartUs);
    exchange.feed(message(1, 1), kStartUs + 1'000);
    CHECK(exchange.ap.complete_handshakes().empty());
}

TEST_CASE("a retransmitted M2 is stored again but completes no second M1+M2", "[handshake]") {
    Exchange exchange;
    exchange.feed(message(1, 1), kStartUs);
    CHECK(exchange.feed(message(2, 1), kStartUs + 1'000).completed == 1);
    const auto again = exchange.feed(message(2, 1), kStartUs + 2'000, true);
    CHECK(again.stored);
    CHECK(again.completed == 0);
    CHECK(exchange.records().size() == 3);
    CHECK(exchange.ap.complete_handshakes().size() == 1);
}

TEST_CASE("a PMKID in M1 is recorded, and the AP keeps the first PMKID packet", "[handshake]") {
    Exchange exchange;
    auto m1 = message(1, 1);
    m1.pmkid = counting_bytes<16>(0xd4);
    const auto first = exchange.feed(m1, kStartUs);
    CHECK(first.pmkid_seen);
    CHECK(first.pmkid_packet_set);
    auto second_m1 = message(1, 3);
    second_m1.pmkid = counting_bytes<16>(0xd4);
    const auto second = exchange.feed(second_m1, kStartUs + 800'000);
    CHECK(second.pmkid_seen);
    CHECK_FALSE(second.pmkid_packet_set);

    REQUIRE(exchange.records()[0].rsn_pmkid.has_value());
    CHECK(*exchange.records()[0].rsn_pmkid == counting_bytes<16>(0xd4));
    const PacketSnapshot* pmkid_packet = exchange.ap.pmkid_packet();
    REQUIRE(pmkid_packet != nullptr);
    CHECK(pmkid_packet->ts_usec == 0);
    CHECK(pmkid_packet->data == exchange.frames[0]);
}

TEST_CASE("WPA1 key descriptors are skipped as Kismet does, unless asked for", "[handshake]") {
    Exchange exchange;
    auto m1 = message(1, 1);
    m1.wpa1 = true;
    CHECK_FALSE(exchange.feed(m1, kStartUs).stored);
    CHECK(exchange.ap.empty());

    exchange.limits.keep_wpa1_descriptor = true;
    CHECK(exchange.feed(m1, kStartUs).stored);
    auto m2 = message(2, 1);
    m2.wpa1 = true;
    CHECK(exchange.feed(m2, kStartUs + 1'000).completed == 1);
}

TEST_CASE("with dot11_keep_eapol off nothing is stored and no nonce is listed", "[handshake]") {
    Exchange exchange;
    exchange.limits.keep_eapol = false;
    CHECK_FALSE(exchange.feed(message(1, 1), kStartUs).stored);
    CHECK(exchange.ap.empty());
    CHECK(exchange.client_nonces.empty());
}

TEST_CASE("a client keeps 17 records at most, dropping a repeated message number first", "[handshake]") {
    Exchange exchange;
    for (int number = 1; number <= 4; ++number) exchange.feed(message(number, 1), kStartUs + number);
    for (std::uint64_t counter = 2; counter <= 14; ++counter)
        CHECK_FALSE(
            exchange.feed(message(1, counter), kStartUs + 100 + static_cast<std::int64_t>(counter)).dropped_record);
    REQUIRE(exchange.records().size() == 17);

    const auto update = exchange.feed(message(1, 15), kStartUs + 1'000);
    CHECK(update.dropped_record);
    const auto& records = exchange.records();
    REQUIRE(records.size() == 17);
    for (std::size_t i = 0; i < 4; ++i) CHECK(records[i].message_num == i + 1);
    CHECK(records[4].replay_counter == 3);  // the M1 with counter 2 was the first repeat
    CHECK(records.back().replay_counter == 15);
}

TEST_CASE("an AP keeps a bounded number of client lists, dropping the least recently active", "[handshake]") {
    Exchange exchange;
    exchange.limits.clients_per_ap = 2;
    const auto other = kismetcore::testing::mac("02:00:00:00:00:21");
    const auto third = kismetcore::testing::mac("02:00:00:00:00:22");
    exchange.feed(message(1, 1), kStartUs);
    exchange.feed(message(1, 1), kStartUs + 1'000, false, other);
    exchange.feed(message(1, 2), kStartUs + 2'000);  // kClient active again
    const auto update = exchange.feed(message(1, 1), kStartUs + 3'000, false, third);
    CHECK(update.dropped_client);
    REQUIRE(exchange.ap.clients().size() == 2);
    CHECK(exchange.ap.find_client(other) == nullptr);
    CHECK(exchange.ap.find_client(kClient) != nullptr);
    CHECK(exchange.ap.find_client(third) != nullptr);
}

TEST_CASE("an M3 nonce is listed once and follows the highest replay counter", "[handshake]") {
    Exchange exchange;
    exchange.feed(message(3, 2), kStartUs);
    CHECK(exchange.feed(message(3, 3), kStartUs + 1'004'000).nonce_reuse == NonceReuse::none);
    const auto nonces = exchange.client_nonces.nonces();
    REQUIRE(nonces.size() == 1);
    CHECK(nonces[0].replay_counter == 3);
    CHECK(nonces[0].message_num == 3);
    CHECK(nonces[0].install == 1);
    CHECK(nonces[0].timestamp == Approx(1146709180.0).epsilon(1e-15));  // the first sighting's time stays
    CHECK(exchange.client_nonces.anonces().empty());
}

TEST_CASE("an M3 nonce seen again with an old replay counter over 1 s later is NONCEREUSE", "[handshake]") {
    Exchange exchange;
    exchange.feed(message(3, 5), kStartUs);
    CHECK(exchange.feed(message(3, 5), kStartUs + 1'000'000).nonce_reuse == NonceReuse::none);        // within 1 s
    CHECK(exchange.feed(message(3, 4), kStartUs + 1'000'001, true).nonce_reuse == NonceReuse::none);  // Retry bit
    CHECK(exchange.feed(message(3, 4), kStartUs + 1'000'001).nonce_reuse == NonceReuse::nonce);
    CHECK(exchange.client_nonces.nonces().size() == 1);
}

TEST_CASE("an M1 ANonce repeated with an old replay counter is NONCEREUSE at once unless it is a retry",
          "[handshake]") {
    Exchange exchange;
    exchange.feed(message(1, 3), kStartUs);
    CHECK(exchange.feed(message(1, 3), kStartUs + 100, true).nonce_reuse == NonceReuse::none);
    CHECK(exchange.feed(message(1, 3), kStartUs + 200).nonce_reuse == NonceReuse::anonce);
    CHECK(exchange.feed(message(1, 4), kStartUs + 300).nonce_reuse == NonceReuse::none);
    const auto anonces = exchange.client_nonces.anonces();
    REQUIRE(anonces.size() == 1);
    CHECK(anonces[0].replay_counter == 4);
}

TEST_CASE("nonce lists hold Kismet's 129 entries at most, oldest dropped", "[handshake]") {
    NonceHistory history;
    const HandshakeLimits limits;
    EapolRecord record;
    record.message_num = 1;
    for (int i = 0; i < 200; ++i) {
        record.nonce = counting_bytes<32>(static_cast<std::uint8_t>(i));
        record.nonce[31] = 0xff;  // never all zero
        record.replay_counter = static_cast<std::uint64_t>(i);
        history.check(record, false, limits);
    }
    const auto anonces = history.anonces();
    REQUIRE(anonces.size() == 129);
    CHECK(anonces.front().replay_counter == 71);
    CHECK(anonces.back().replay_counter == 199);
}

TEST_CASE("group key messages are stored as Kismet numbers them, and a zero-nonce message 2 is NONCEDEGRADE",
          "[handshake]") {
    Exchange exchange;
    const auto first = exchange.feed_bytes(group_key_frame(1, 7), kStartUs, kClient);
    CHECK(first.stored);
    CHECK_FALSE(first.nonce_degrade);
    const auto second = exchange.feed_bytes(group_key_frame(2, 7), kStartUs + 1'000, kClient);
    CHECK(second.nonce_degrade);
    const auto& records = exchange.records();
    REQUIRE(records.size() == 2);
    CHECK(records[0].message_num == 3);
    CHECK(records[1].message_num == 4);
    CHECK(records[0].handshake_message == 0);
    CHECK(records[1].handshake_message == 0);
    CHECK(exchange.ap.complete_handshakes().empty());
}

TEST_CASE("Kismet's message numbers come from Ack, MIC and Install only", "[handshake]") {
    dissect::EapolKey key;
    CHECK(kismet_message_number(key) == 0);
    key.ack = true;
    CHECK(kismet_message_number(key) == 1);
    key.install = true;
    CHECK(kismet_message_number(key) == 0);  // Ack + Install without MIC fits no message
    key.mic_present = true;
    CHECK(kismet_message_number(key) == 3);
    key.ack = false;
    CHECK(kismet_message_number(key) == 0);  // MIC + Install without Ack
    key.install = false;
    CHECK(kismet_message_number(key) == 4);
    key.key_data_length = 22;
    CHECK(kismet_message_number(key) == 2);
}

TEST_CASE("dot11.eapol.direction uses Kismet's distribution numbers", "[handshake]") {
    CHECK(direction_of(false, true) == FrameDirection::from_ds);
    CHECK(static_cast<int>(direction_of(false, true)) == 1);
    CHECK(static_cast<int>(direction_of(true, false)) == 2);
    CHECK(static_cast<int>(direction_of(true, true)) == 3);
    CHECK(static_cast<int>(direction_of(false, false)) == 4);
}

TEST_CASE("a device without handshakes pays one pointer for each state", "[handshake]") {
    STATIC_REQUIRE(sizeof(HandshakeTracker) == sizeof(void*));
    STATIC_REQUIRE(sizeof(NonceHistory) == sizeof(void*));
    const HandshakeTracker tracker;
    CHECK(tracker.empty());
    CHECK(tracker.clients().empty());
    CHECK(tracker.pmkid_packet() == nullptr);
    CHECK(tracker.complete_handshakes().empty());
}
