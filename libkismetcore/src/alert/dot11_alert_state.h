// What the stateful 802.11 rules remember between packets (private to Dot11AlertRules).
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/alert/dot11_alert_rules.h"
#include "kismetcore/dissect/dot11_constants.h"

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace kismetcore::alert {

// Memory for the per-beacon tables. A table of a few MiB read at random costs a TLB miss per lookup with 4 KiB
// pages, and an x86 prefetch waits for that page walk; so a table of 2 MiB or more is 2 MiB aligned and, on Linux,
// offered to transparent huge pages (madvise mode is the common default), where a few TLB entries cover it.
template <typename T>
struct HugePageAllocator {
    using value_type = T;
    static constexpr std::size_t kHugePage = std::size_t{2} << 20;
    // A cache line at least, so that RecentTable's pairs of small slots never straddle two.
    static constexpr std::align_val_t kSmallAlignment{alignof(T) > 64 ? alignof(T) : 64};

    HugePageAllocator() = default;
    template <typename Other>
    explicit HugePageAllocator(const HugePageAllocator<Other>&) noexcept {}

    T* allocate(std::size_t count) {
        const std::size_t bytes = count * sizeof(T);
        if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes, kSmallAlignment));
        const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
        void* memory = std::aligned_alloc(kHugePage, rounded);
        if (memory == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
        madvise(memory, rounded, MADV_HUGEPAGE);  // a hint: without huge pages the table still works
#endif
        return static_cast<T*>(memory);
    }
    void deallocate(T* memory, std::size_t count) noexcept {
        if (count * sizeof(T) < kHugePage)
            ::operator delete(memory, kSmallAlignment);
        else
            std::free(memory);
    }
    friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) noexcept {
        return true;
    }
};

// A fixed table of the most recent entries by 64-bit key: two slots per key hash (a two-way set), and a newcomer
// to a full pair takes over one of them. Lookups never allocate, memory is fixed at construction, and a forgotten
// entry only means its next frame counts as new (a new network, a first TSF). Per-packet state for the rules that
// see every beacon.
//
// Two ways rather than one: with one slot per hash, two senders whose keys share a slot take it from each other at
// every frame, and on kismet-synth's 1M capture (17,000 access points in 65,536 slots) that made the rules check
// and treat as new about twice as many networks as there are.
//
// The tables are far larger than the caches and each beacon touches a random pair, so a lookup is a cache miss
// unless prefetch() started it a few packets earlier. A slot is the key and the value only (bit 63 of the stored
// key marks it used), padded to a power of two, and a pair is aligned to its size: a pair of slots of up to 32
// bytes is one cache line.
template <typename Value>
class RecentTable {
public:
    explicit RecentTable(std::size_t capacity = 0) { resize(capacity); }

    // `capacity` slots, rounded up to a power of two (at least 2); 0 leaves the table empty (its rules are off).
    void resize(std::size_t capacity) {
        std::size_t size = 2;
        while (size < capacity) size <<= 1;
        slots_.assign(capacity == 0 ? 0 : size, Slot{});
        pair_mask_ = slots_.empty() ? 0 : (slots_.size() - 1) & ~std::size_t{1};
    }
    // The entry of `key`, and whether it was just made (fresh value). Keys that differ only in bit 63 share an
    // entry: the tables hold MACs (48 bits) and 64-bit hashes, where that bit is one more chance of a collision.
    std::pair<Value*, bool> find_or_claim(std::uint64_t key) {
        const std::uint64_t hash = mix(key);
        Slot* pair = &slots_[hash & pair_mask_];
        const std::uint64_t stored = key | kUsed;
        if (pair[0].key == stored) return {&pair[0].value, false};
        if (pair[1].key == stored) return {&pair[1].value, false};
        // An unused slot if there is one, else one picked by a hash bit the pair index does not use.
        Slot& slot = pair[0].key == 0 ? pair[0] : pair[1].key == 0 ? pair[1] : pair[(hash >> 63) & 1];
        slot.key = stored;
        slot.value = Value{};
        return {&slot.value, true};
    }
    // Starts loading the pair of `key` into the cache (the first `lines` cache lines of each of its slots), for a
    // find_or_claim() a few packets later. Always inlined: GCC 12 finds a function whose only effect is a prefetch
    // free of side effects ("const"), and drops calls to it whose result is unused, which is every call; the
    // prefetch has to sit in the caller's own code.
    [[gnu::always_inline]] void prefetch(std::uint64_t key, std::size_t lines = 1) const noexcept {
        if (slots_.empty()) return;
        const char* pair = reinterpret_cast<const char*>(&slots_[mix(key) & pair_mask_]);
        if constexpr (sizeof(Slot) <= 32) {
            __builtin_prefetch(pair, 1);
        } else {
            for (std::size_t way = 0; way < 2; ++way)
                for (std::size_t line = 0; line < lines && line * 64 < sizeof(Slot); ++line)
                    __builtin_prefetch(pair + way * sizeof(Slot) + line * 64, 1);
        }
    }
    [[nodiscard]] bool empty() const noexcept { return slots_.empty(); }

private:
    static constexpr std::uint64_t kUsed = 1ULL << 63;
    struct UnalignedSlot {
        std::uint64_t key = 0;  // the key with kUsed set; 0 for a slot never claimed
        [[no_unique_address]] Value value{};
    };
    static constexpr std::size_t slot_alignment() noexcept {
        std::size_t alignment = 8;
        while (alignment < sizeof(UnalignedSlot)) alignment <<= 1;
        return alignment;
    }
    struct alignas(slot_alignment()) Slot : UnalignedSlot {};
    static_assert(sizeof(Slot) <= 128, "a slot spans at most two cache lines");

public:
    static constexpr std::size_t kSlotBytes = sizeof(Slot);

    // splitmix64's finalizer: MAC keys are far from uniform in their low bits.
    static std::uint64_t mix(std::uint64_t key) noexcept {
        key ^= key >> 30;
        key *= 0xbf58476d1ce4e5b9ULL;
        key ^= key >> 27;
        key *= 0x94d049bb133111ebULL;
        return key ^ (key >> 31);
    }

    std::vector<Slot, HugePageAllocator<Slot>> slots_;
    std::size_t pair_mask_ = 0;  // the index bits of a pair's first slot
};

struct Dot11AlertRules::State {
    // One advertised network: an SSID as one BSSID beacons or answers it.
    // Ordered so it packs into 24 bytes: a slot of 32.
    struct Network {
        std::uint64_t crypt = 0;            // crypt_bits() of the last beacon
        std::uint64_t crypt_inputs = 0;     // crypt_fingerprint() of the last beacon
        std::uint16_t beacon_interval = 0;  // 0 until a beacon gave one
        std::uint8_t beacon_channel = 0;    // from the DS element of beacons; 0 until one had it
        bool beaconed = false;
        std::array<char, 2> country{};
        bool has_country = false;
    };
    // What the rules keep per advertiser, by the BSSID of its beacons and probe responses. One slot of two cache
    // lines: the first holds all that a beacon or probe response whose elements are unchanged reads; the second the
    // network the BSSID advertised first.
    struct Advertiser {
        // BSSTIMESTAMP, the BSSID's beacon TSF continuity. The last beacon's TSF and packet time are only ever used
        // as their difference (where the TSF should be now), so that difference is all that is kept.
        std::uint64_t tsf_minus_packet_us = 0;  // modulo 2^64, as the TSF is unsigned and packet time signed
        std::int64_t window_start_us = 0;
        // The FrameDigests::elements_without_tim of the last beacon and probe response checked in full (TIM left
        // out: no rule reads it, and an AP changes its DTIM count in nearly every beacon), when a frame with the
        // same elements (and for a beacon, the same interval) could raise nothing the per-frame and time checks do
        // not: every element-derived rule would find what it found then, and what the stateful ones remembered
        // from it is already remembered. 0: check the next one in full.
        std::uint64_t checked_beacon = 0;
        std::uint64_t checked_response = 0;  // cleared by each beacon checked in full (PROBECHAN reads beacons)
        std::uint32_t jumps = 0;
        std::uint16_t beacon_interval = 0;  // the interval of the beacon checked_beacon describes (0: none)
        bool has_clock = false;             // a beacon with a TSF has been seen
        // The first network (network_key of BSSID and SSID) this BSSID advertised, kept here rather than in
        // `networks`: nearly every BSSID advertises one SSID, and its beacons then read no third cache line a few
        // MiB away. Its other SSIDs go to `networks`. The key sits in the first line, the record in the second.
        std::uint64_t own_network_key = 0;  // 0: none yet
        Network own_network;
    };
    // What the rules keep per probing client: the elements_without_tim of its last probe request checked in full,
    // as above. A table of its own, so that the many clients do not evict the access points' records.
    struct Prober {
        std::uint64_t checked_request = 0;
    };
    // A run of frames close together in time (deauth floods, WPS M3 messages).
    struct Burst {
        std::uint64_t count = 0;
        std::int64_t last_sec = 0;
    };
    // A message 3 ANonce a client was sent (Kismet's wpa_nonce_list entry).
    struct SentNonce {
        std::array<std::uint8_t, 32> nonce{};
        std::uint64_t replay_counter = 0;
        std::int64_t packet_us = 0;
    };
    static constexpr std::size_t kNoncesPerClient = 128;  // Kismet keeps at most 128 (track-handshakes.md)

    struct Seen {};
    RecentTable<Advertiser> advertisers;  // by mac_bits(BSSID)
    RecentTable<Prober> probers;          // by mac_bits(probing client)
    RecentTable<Network> networks;        // by network_key(bssid, ssid)
    RecentTable<Seen> probed;             // by network_key(client, ssid)
    // The rare frames' tables, by mac_bits(): made at their first frame, so a capture without such frames pays
    // nothing for them. Fixed tables rather than maps: a map grew node by node, rehashed, and was cleared whole
    // when full, which cost a busy capture about 1.5% of its ingest time.
    RecentTable<Burst> disconnects;              // by BSSID
    RecentTable<Burst> wps_m3;                   // by sender
    RecentTable<std::vector<SentNonce>> nonces;  // by client, for NONCEREUSE
    // What a client's last DHCP discovers in one BSS said (Kismet's dot11.client.dhcp_host and dhcp_vendor, which
    // DHCPNAMECHANGE and DHCPOSCHANGE compare with), by network_key(client, BSSID). Behind a pointer: discovers are
    // rare, and a slot stays small (a shared pointer, since the table copies its empty slot when made).
    struct DhcpIdentity {
        std::string host;
        std::string vendor;
    };
    RecentTable<std::shared_ptr<DhcpIdentity>> dhcp_identities;

    static_assert(RecentTable<Advertiser>::kSlotBytes == 128 && RecentTable<Prober>::kSlotBytes == 16 &&
                      RecentTable<Network>::kSlotBytes == 32 && RecentTable<Seen>::kSlotBytes == 8,
                  "the per-beacon tables' slots are sized to share cache lines evenly (docs/alerts.md)");
};

// Alert texts name MACs as Kismet prints them (upper case) and numbers Kismet prints with %x in lower-case hex.
inline std::string upper_mac(const MacAddress& mac) {
    return mac.to_upper_string();
}
inline std::string hex(std::uint64_t value) {
    std::array<char, 20> digits;
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value, 16).ptr;
    return {digits.data(), end};
}

// A MAC's six octets as a number for hashing and masking, in memory order: two loads, where to_u64() builds the
// big-endian value an octet at a time. Only compared with other mac_bits() values.
[[nodiscard]] inline std::uint64_t mac_bits(const MacAddress& mac) noexcept {
    std::uint32_t low = 0;
    std::uint16_t high = 0;
    std::memcpy(&low, mac.octets().data(), sizeof low);
    std::memcpy(&high, mac.octets().data() + sizeof low, sizeof high);
    return low | (std::uint64_t{high} << 32);
}

// The entry of `key` (or of `mac`) in one of the rare frames' tables, which is made (with `slots` slots) at its first
// use.
template <typename Value>
Value& rare_frame_entry(RecentTable<Value>& table, std::uint64_t key, std::size_t slots) {
    if (table.empty()) table.resize(std::max<std::size_t>(slots, 1));
    return *table.find_or_claim(key).first;
}
template <typename Value>
Value& rare_frame_entry(RecentTable<Value>& table, const MacAddress& mac, std::size_t slots) {
    return rare_frame_entry(table, mac_bits(mac), slots);
}

// The key of a (BSSID, SSID) or (client, probed SSID) pair: a multiply-xorshift hash over the MAC with the SSID's
// length, then the SSID in eight-byte words (the last one overlapping the one before it, or for a short SSID two
// overlapping halves, so that every octet is read and a word never reads outside the SSID). Every beacon computes
// it, some twice (prefetch, then the rule), so it takes a few multiplies rather than one per octet; RecentTable
// mixes the result again before indexing.
[[nodiscard]] inline std::uint64_t hash_words(std::uint64_t first_word, std::span<const std::uint8_t> bytes) noexcept {
    constexpr std::uint64_t kMultiplier = 0x9e3779b97f4a7c15ULL;
    const auto step = [](std::uint64_t hash, std::uint64_t word) {
        hash = (hash ^ word) * kMultiplier;
        return hash ^ (hash >> 32);
    };
    const auto load = [&bytes]<typename Word>(std::size_t at, Word) {
        Word word;
        std::memcpy(&word, bytes.data() + at, sizeof word);
        return static_cast<std::uint64_t>(word);
    };
    const std::size_t size = bytes.size();
    std::uint64_t hash = step(0xcbf29ce484222325ULL, first_word);
    if (size >= 8) {
        for (std::size_t at = 0; at + 8 <= size; at += 8) hash = step(hash, load(at, std::uint64_t{}));
        if (size % 8 != 0) hash = step(hash, load(size - 8, std::uint64_t{}));
    } else if (size >= 4) {
        hash = step(hash, load(0, std::uint32_t{}) | (load(size - 4, std::uint32_t{}) << 32));
    } else if (size > 0) {
        hash = step(hash, bytes[0] | (std::uint64_t{bytes[size / 2]} << 8) | (std::uint64_t{bytes[size - 1]} << 16));
    }
    return hash;
}

// The key of a (BSSID, SSID) or (client, probed SSID) pair.
[[nodiscard]] inline std::uint64_t network_key(const MacAddress& mac, std::span<const std::uint8_t> ssid) noexcept {
    return hash_words(mac_bits(mac) | (std::uint64_t{ssid.size()} << 48), ssid);
}

// What crypt_bits() reads of a beacon, hashed: its privacy bit, its first RSN element, and every element from the
// first vendor or extension element on (a WPA element is a vendor element, and every vendor element comes at or after
// the first). Never 0. A few multiplies for the usual RSN element and vendor tail; crypt_bits() decodes the RSN
// element and indexes the vendor elements for about 190 instructions.
[[nodiscard]] inline std::uint64_t crypt_fingerprint(const dissect::Dot11Packet& dot11) noexcept {
    using Elements = dissect::InformationElements;
    const auto& elements = dot11.elements;
    const bool privacy = (dot11.frame.capability_info.value_or(0) & dissect::dot11::capability::kPrivacy) != 0;
    const auto rsn = elements.first_body(Elements::kRsn);
    const std::span<const std::uint8_t> body = rsn ? *rsn : std::span<const std::uint8_t>{};
    std::uint64_t hash = hash_words(
        std::uint64_t{privacy} | (std::uint64_t{rsn.has_value()} << 1) | (std::uint64_t{body.size()} << 48), body);
    if (const auto vendor = elements.first_body(Elements::kVendorOrExtension)) {
        const auto raw = elements.raw();
        const auto tail = raw.subspan(static_cast<std::size_t>(vendor->data() - raw.data()) - 2);
        hash = hash_words(hash ^ (std::uint64_t{tail.size()} << 48), tail);
    }
    return hash | 1;
}

}  // namespace kismetcore::alert

namespace kismetcore::alert {

// The address an alert names for a role the frame does not have.
inline constexpr MacAddress kNoAddress{};

// One packet as the rules see it.
struct Dot11AlertRules::Packet {
    Packet(const capture::Packet& in_captured, const dissect::DissectedPacket& in_dissected,
           const dissect::FrameDigests& in_digests, const track::GpsFix* in_gps)
        : captured(in_captured),
          dissected(in_dissected),
          digests(in_digests),
          frame(in_dissected.dot11.frame),
          gps(in_gps),
          bssid(address_or(frame.bssid, kNoAddress)),
          source(address_or(frame.source, address_or(frame.transmitter, kNoAddress))),
          destination(address_or(frame.destination, address_or(frame.receiver, kNoAddress))) {}

    const capture::Packet& captured;
    const dissect::DissectedPacket& dissected;
    const dissect::FrameDigests& digests;
    const dissect::Dot11Frame& frame;
    const track::GpsFix* gps;
    // References into the frame rather than copies: most packets raise nothing and never read them.
    const MacAddress& bssid;
    const MacAddress& source;       // the source address, else the transmitter
    const MacAddress& destination;  // the destination address, else the receiver
    // Kismet's packinfo->channel, "0" unless the frame's DS element gave one. Set once the element rules start
    // (the rules before them report "0", as Kismet's do); the element is read only when an alert goes out.
    bool channel_from_elements = false;
    std::optional<AlertTime> stamp;  // the alert time, once a rule asked for it
    // A beacon or probe response: its BSSID's record. For those and probe requests, whether the elements (and a
    // beacon's interval) are those the sender's record says were last checked in full, so only the per-frame and
    // time rules run.
    State::Advertiser* advertiser = nullptr;
    bool unchanged = false;

    [[nodiscard]] AlertTime packet_time() const noexcept { return {captured.ts_sec, captured.ts_usec}; }

private:
    static const MacAddress& address_or(const std::optional<MacAddress>& address, const MacAddress& other) noexcept {
        return address ? *address : other;
    }
};

}  // namespace kismetcore::alert
