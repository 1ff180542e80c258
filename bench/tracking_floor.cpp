// The floor under the tracker (tracking_floor.h): read, dissect, digest the frame, de-duplicate, and a one-line
// record a device behind an open-addressing index.
#include "tracking_floor.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "bench_support.h"
#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/dissect/frame_digests.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "kismetcore/track/duplicate_filter.h"
#include "track/byte_digest.h"

namespace kismetcore::bench {
namespace {

struct alignas(64) FloorRecord {
    struct Line {
        std::uint64_t packets = 0;
        std::uint64_t last_time = 0;
        std::array<std::uint64_t, 6> rest{};
    };
    std::array<Line, kFloorRecordLines> lines{};
};
static_assert(sizeof(FloorRecord) == 64 * kFloorRecordLines);

// Records never move once made: they live in chunks, as separately allocated records would not be contiguous
// either, but without the allocator's cost.
class FloorRecords {
public:
    FloorRecord* make() {
        if (chunks_.empty() || used_ == kChunk) {
            chunks_.push_back(std::make_unique<FloorRecord[]>(kChunk));
            used_ = 0;
        }
        return &chunks_.back()[used_++];
    }

private:
    static constexpr std::size_t kChunk = 4096;
    std::vector<std::unique_ptr<FloorRecord[]>> chunks_;
    std::size_t used_ = 0;
};

// The device index: packed MAC -> record, linear probing, at most half full, as the tracker's own.
class FloorIndex {
public:
    FloorIndex() : slots_(kInitialSlots), shift_(64 - std::countr_zero(kInitialSlots)) {}

    [[nodiscard]] static std::uint64_t packed(const MacAddress& mac) noexcept {
        std::uint64_t word = 0;
        std::memcpy(&word, mac.octets().data(), MacAddress::kLength);
        return word | kOccupied;
    }
    // Fibonacci hashing, as DeviceTracker's index: the multiply spreads the MAC's low octets into the top bits.
    [[nodiscard]] static std::uint64_t hash(std::uint64_t mac) noexcept { return mac * 0x9E3779B97F4A7C15ull; }

    void prefetch(std::uint64_t hash) const noexcept { __builtin_prefetch(&slots_[hash >> shift_]); }
    [[nodiscard]] FloorRecord* find(std::uint64_t mac, std::uint64_t hash) const noexcept {
        return slots_[probe(mac, hash)].record;
    }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    FloorRecord* find_or_create(std::uint64_t mac, std::uint64_t hash, FloorRecords& records) {
        std::size_t index = probe(mac, hash);
        if (slots_[index].record != nullptr) return slots_[index].record;
        if ((size_ + 1) * 2 > slots_.size()) {
            grow();
            index = probe(mac, hash);
        }
        ++size_;
        slots_[index] = Slot{mac, records.make()};
        return slots_[index].record;
    }

private:
    struct Slot {
        std::uint64_t mac = 0;  // 0 = empty
        FloorRecord* record = nullptr;
    };
    static constexpr std::uint64_t kOccupied = std::uint64_t{1} << 63;
    static constexpr std::size_t kInitialSlots = 1024;

    [[nodiscard]] std::size_t probe(std::uint64_t mac, std::uint64_t hash) const noexcept {
        const std::size_t mask = slots_.size() - 1;
        std::size_t index = hash >> shift_;
        while (slots_[index].mac != 0 && slots_[index].mac != mac) index = (index + 1) & mask;
        return index;
    }
    void grow() {
        const std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(slots_.size() * 2));
        --shift_;
        const std::size_t mask = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.mac == 0) continue;
            std::size_t index = hash(slot.mac) >> shift_;
            while (slots_[index].mac != 0) index = (index + 1) & mask;
            slots_[index] = slot;
        }
    }

    std::vector<Slot> slots_;
    unsigned shift_;
    std::size_t size_ = 0;
};

// What tracking a packet needs of it, and no more: the packet and its dissection are reused for the next one as
// soon as this is taken from them, so the read-ahead holds a few lines a packet instead of the whole dissection.
struct FloorPacket {
    bool dot11 = false;    // an 802.11 frame: the duplicate filter sees it
    bool tracked = false;  // a frame Dot11Tracker updates devices for: its addresses get records
    std::uint64_t time = 0;
    std::uint64_t frame_digest = 0;       // the duplicate filter's key
    std::array<std::uint64_t, 4> macs{};  // packed; 0 = no device at this address
    std::array<std::uint64_t, 4> hashes{};
    std::array<FloorRecord*, 4> records{};
};

constexpr std::size_t kBatch = 8;
constexpr std::size_t kStages = 3;  // read, prefetch the records, track
struct FloorBatch {
    std::array<FloorPacket, kBatch> packets;
    std::size_t count = 0;
};

// The engine's device addresses (its for_each_device_address): each unicast, non-zero address of the header, once,
// for a frame the tracker updates devices for.
void pick_addresses(const dissect::DissectedPacket& dissected, FloorPacket& pending) {
    pending.macs = {};
    if (!pending.tracked) return;
    const auto& frame = dissected.dot11.frame;
    const std::array<const std::optional<MacAddress>*, 4> addresses = {&frame.address1, &frame.address2,
                                                                       &frame.address3, &frame.address4};
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        const auto& address = *addresses[i];
        if (!address || address->is_multicast() || address->is_zero()) continue;
        const std::uint64_t mac = FloorIndex::packed(*address);
        bool repeated = false;
        for (std::size_t j = 0; j < i; ++j) repeated = repeated || pending.macs[j] == mac;
        if (!repeated) pending.macs[i] = mac;
    }
}

}  // namespace

TrackingFloorRun run_tracking_floor(const std::string& capture) {
    TrackingFloorRun result;
    const auto start = Clock::now();
    auto reader = capture::CaptureFileReader::open(capture, 0, result.error);
    if (!reader) return result;
    auto batches = std::make_unique<std::array<FloorBatch, kStages>>();
    FloorIndex index;
    FloorRecords records;
    track::DuplicateFilter duplicates;
    capture::Packet packet;
    dissect::DissectedPacket dissected;
    bool reading = true;
    for (std::size_t round = 0;; ++round) {
        FloorBatch& fresh = (*batches)[round % kStages];
        fresh.count = 0;
        while (reading && fresh.count < kBatch) {
            FloorPacket& next = fresh.packets[fresh.count];
            const auto read = reader->next(packet);
            if (read != capture::ReadResult::packet) {
                if (read == capture::ReadResult::error) result.error = reader->error();
                reading = false;
                break;
            }
            dissect::dissect_packet(packet, dissected);
            next.dot11 = dissected.has_dot11;
            const auto type = dissected.dot11.frame.type;
            next.tracked = next.dot11 && !dissected.radio.bad_fcs &&
                           dissected.error.status == dissect::DissectStatus::ok &&
                           (type == dissect::dot11::kTypeManagement || type == dissect::dot11::kTypeData);
            next.time = static_cast<std::uint64_t>(packet.ts_sec);
            // Only the digest the duplicate filter needs: the engine's other two (the elements, for Kismet's IE
            // checksum and for the WIDS rules) serve what the floor leaves out.
            next.frame_digest = next.dot11 ? track::byte_digest(dissected.payload.bytes) : 0;
            pick_addresses(dissected, next);
            for (std::size_t i = 0; i < next.macs.size(); ++i) {
                if (next.macs[i] == 0) continue;
                next.hashes[i] = FloorIndex::hash(next.macs[i]);
                index.prefetch(next.hashes[i]);
            }
            ++fresh.count;
            ++result.packets;
        }
        if (round >= 1) {
            FloorBatch& batch = (*batches)[(round - 1) % kStages];
            for (std::size_t k = 0; k < batch.count; ++k) {
                FloorPacket& pending = batch.packets[k];
                for (std::size_t i = 0; i < pending.macs.size(); ++i) {
                    pending.records[i] =
                        pending.macs[i] != 0 ? index.find(pending.macs[i], pending.hashes[i]) : nullptr;
                    if (pending.records[i] != nullptr)
                        for (const auto& line : pending.records[i]->lines) __builtin_prefetch(&line, 1);
                }
            }
        }
        if (round >= kStages - 1) {
            FloorBatch& batch = (*batches)[(round - (kStages - 1)) % kStages];
            for (std::size_t k = 0; k < batch.count; ++k) {
                FloorPacket& pending = batch.packets[k];
                if (!pending.dot11) continue;
                if (duplicates.seen_recently(dissect::FrameDigests{.frame = pending.frame_digest})) {
                    ++result.duplicates;
                    continue;
                }
                if (!pending.tracked) continue;
                for (std::size_t i = 0; i < pending.macs.size(); ++i) {
                    if (pending.macs[i] == 0) continue;
                    FloorRecord* record = pending.records[i];
                    if (record == nullptr) record = index.find_or_create(pending.macs[i], pending.hashes[i], records);
                    for (auto& line : record->lines) {
                        ++line.packets;
                        line.last_time = pending.time;
                    }
                }
            }
            batch.count = 0;
        }
        if (!reading &&
            std::all_of(batches->begin(), batches->end(), [](const FloorBatch& batch) { return batch.count == 0; }))
            break;
    }
    result.seconds = seconds_since(start);
    result.devices = index.size();
    return result;
}

}  // namespace kismetcore::bench
