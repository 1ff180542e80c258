// The ingest path: Engine::feed and feed_file's staged read-ahead, and tracking each packet in order.
#include <algorithm>
#include <memory>
#include <optional>
#include <system_error>

#include "device_event_collector.h"
#include "kismetcore/bus/message.h"
#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/dissect/frame_digests.h"
#include "kismetcore/engine/datasource_definition.h"
#include "kismetcore/engine/engine.h"
#include "packet_ssid_tag.h"
#include "read_ahead_ring.h"
#include "tracker_messages.h"

namespace kismetcore {

void Engine::track(const capture::Packet& packet, const dissect::DissectedPacket& dissected,
                   const std::array<track::Device*, 4>* known, const dissect::FrameDigests* digests_read_ahead) {
    // One clock reading a packet, for its source's counts and for the tracker.
    const std::uint64_t clock = now();
    // Kismet counts a packet as an error packet of its source when its FCS is bad, not when it is malformed.
    if (packet.source != 0) count_for_source(packet, dissected.radio.bad_fcs, clock);
    if (packet.ts_sec > 0) last_packet_time_ = static_cast<std::uint64_t>(packet.ts_sec);
    const track::GpsFix* gps = gps_ ? &*gps_ : nullptr;
    if (!dissected.has_dot11) {
        if (packet_observer_)
            packet_observer_(packet, dissected, PacketNotes{false, ++packets_numbered_, gps, clock, {}, {}});
        return;
    }
    // One pass over the frame's bytes for the duplicate filter, the tracker and the rules (made by the read-ahead
    // thread, when there is one).
    const dissect::FrameDigests digests = digests_read_ahead ? *digests_read_ahead : dissect::digest_frame(dissected);
    if (const auto original = duplicates_.original_of(digests, packets_numbered_ + 1)) {
        stats_.duplicates.add();
        dot11_.handle_duplicate(packet, dissected, digests, clock, gps, known);
        if (packet_observer_) packet_observer_(packet, dissected, PacketNotes{true, *original, gps, clock, {}, {}});
        return;
    }
    ++packets_numbered_;
    tracker_messages_->begin(dissected);
    packet_ssid_tag_->reset();
    dot11_.handle(packet, dissected, digests, clock, gps, known);
    // Kismet's tracker posts its messages while it handles the packet, before the packet's later alerts.
    tracker_messages_->post(messages_);
    alert_rules_.inspect(packet, dissected, digests);
    device_events_->publish(tracker_);
    if (packet_observer_)
        packet_observer_(
            packet, dissected,
            PacketNotes{false, packets_numbered_, gps, clock, packet_ssid_tag_->tag(), alert_rules_.raised()});
}

namespace {

// The addresses that may name devices: every unicast address of the 802.11 header, each once (most frames name a
// device twice: a beacon's transmitter is its BSSID), with its place in the header.
template <typename Visit>
void for_each_device_address(const dissect::DissectedPacket& dissected, Visit visit) {
    if (!dissected.has_dot11) return;
    const auto& frame = dissected.dot11.frame;
    std::array<const MacAddress*, 4> visited{};
    std::size_t visited_count = 0;
    std::size_t index = 0;
    for (const auto* address : {&frame.address1, &frame.address2, &frame.address3, &frame.address4}) {
        if (*address && !(*address)->is_multicast() && !(*address)->is_zero() &&
            std::none_of(visited.begin(), visited.begin() + static_cast<std::ptrdiff_t>(visited_count),
                         [address](const MacAddress* earlier) { return *earlier == **address; })) {
            visited[visited_count++] = &**address;
            visit(index, **address);
        }
        ++index;
    }
}

}  // namespace

void Engine::prefetch_slots(PendingPacket& pending) const noexcept {
    pending.lookups = {};
    // Each device is fetched once; repeats are dropped before their key is hashed.
    for_each_device_address(pending.dissected, [this, &pending](std::size_t index, const MacAddress& mac) {
        pending.lookups[index] = tracker_.start_lookup(DeviceKey(kDot11PhyHash, mac));
    });
}

void Engine::prefetch_records(PendingPacket& pending) noexcept {
    for (std::size_t index = 0; index < pending.lookups.size(); ++index)
        pending.devices[index] = tracker_.finish_lookup(pending.lookups[index]);
}

void Engine::prefetch_sub_records(const PendingPacket& pending) noexcept {
    for (const track::Device* device : pending.devices) {
        if (device == nullptr) continue;
        track::dot11::Dot11Tracker::prefetch_sub_records(*device);
    }
}

void Engine::prefetch_dependent_records(const PendingPacket& pending) noexcept {
    for (const track::Device* device : pending.devices) {
        if (device == nullptr) continue;
        track::dot11::Dot11Tracker::prefetch_dependent_records(*device, pending.dissected);
    }
}

void Engine::prefetch_on_read(PendingPacket& pending) const noexcept {
    prefetch_slots(pending);
    alert_rules_.prefetch(pending.dissected);  // the rules' table slots, likewise a few batches early
}

void Engine::prefetch_steps(PendingBatch* records, const PendingBatch* sub_records,
                            const PendingBatch* dependent_records) noexcept {
    if (records != nullptr)
        for (std::size_t i = 0; i < records->count; ++i) prefetch_records(records->packets[i]);
    if (sub_records != nullptr)
        for (std::size_t i = 0; i < sub_records->count; ++i) prefetch_sub_records(sub_records->packets[i]);
    if (dependent_records != nullptr)
        for (std::size_t i = 0; i < dependent_records->count; ++i)
            prefetch_dependent_records(dependent_records->packets[i]);
}

void Engine::feed(const capture::Packet& packet) {
    dissect(packet, dissected_);
    track(packet, dissected_);
}

Engine::FileResult Engine::feed_file(const std::filesystem::path& path, capture::SourceId source) {
    FileResult result;
    std::string error;
    if (source == 0) {
        // The whole path is the interface, even when it holds a ':' (which would start options in a definition).
        DatasourceDefinition definition;
        definition.text = path.string();
        definition.interface = path.string();
        source = register_source(definition, error).value_or(0);
    }
    const auto record = sources_.find(source);
    auto reader = capture::CaptureFileReader::open(path, source, error);
    if (!reader) {
        result.error = error;
        // A source that cannot open is a source error; Kismet raises none for a file damaged part way, which
        // ends like any other (kismet-samples pmkid-not-recognized).
        sources_.fail(source, error);
        publish_datasource_error(source);
        alerts_.raise("SOURCEERROR", {}, "Data source " + path.string() + " failed: " + error);
        return result;
    }
    sources_.set_link_type(source, reader->link_type());
    if (record)
        messages_.post(bus::Message{"Data source '" + record->definition + "' launched successfully",
                                    bus::message_flag::kInfo, wall_now()});
    if (!config_.read_ahead_thread || !feed_pipeline_read_ahead(*reader, result)) feed_pipeline(*reader, result);
    flush_source_batch();
    if (record)
        messages_.post(bus::Message{"Pcapfile '" + record->interface + "' closed: " +
                                        (result.error.empty() ? std::string("end of pcapfile reached") : result.error),
                                    bus::message_flag::kInfo, wall_now()});
    return result;
}

// Packets are read and dissected in batches, up to kPipelineStages - 1 batches ahead of tracking. A packet's index
// slots are prefetched when it is read, its device records a round later, their sub-records two rounds later and
// what those point to three, so by the time the tracker reaches it what it updates is usually in cache instead of
// costing a miss per record (engine.h, kBatch). Devices are only removed by expire(), never during feed_file, so
// the record pointers found on the way stay valid; they are hints for prefetching only, and tracking still looks
// every device up and sees every packet once, in file order.
void Engine::feed_pipeline(capture::CaptureFileReader& reader, FileResult& result) {
    auto batches = std::make_unique<std::array<PendingBatch, kPipelineStages>>();
    std::size_t read_count = 0;
    bool reading = true;
    // Batch n is read in round n, its records are looked up in round n + 1, ... and it is tracked in round n + 4.
    for (std::size_t round = 0;; ++round) {
        PendingBatch& fresh = (*batches)[round % kPipelineStages];
        fresh.count = 0;
        while (reading && fresh.count < kBatch) {
            PendingPacket& next = fresh.packets[fresh.count];
            const auto read = reader.next(next.packet);
            if (read != capture::ReadResult::packet) {
                if (read == capture::ReadResult::error) result.error = reader.error();
                reading = false;
                break;
            }
            dissect(next.packet, next.dissected);
            prefetch_on_read(next);
            ++fresh.count;
        }
        read_count += fresh.count;
        const auto stage = [&](std::size_t lag) -> PendingBatch* {
            return round >= lag ? &(*batches)[(round - lag) % kPipelineStages] : nullptr;
        };
        prefetch_steps(stage(1), stage(2), stage(3));
        if (PendingBatch* batch = stage(kPipelineStages - 1)) {
            for (std::size_t i = 0; i < batch->count; ++i)
                track(batch->packets[i].packet, batch->packets[i].dissected, &batch->packets[i].devices);
            batch->count = 0;
        }
        // Done once nothing is left to read and every batch in flight has been tracked.
        if (!reading &&
            std::all_of(batches->begin(), batches->end(), [](const PendingBatch& batch) { return batch.count == 0; }))
            break;
    }
    result.packets = read_count;
}

// The same pipeline with the reading, dissecting and digesting moved to a second thread, which fills batches in a
// ring (read_ahead_ring.h) up to kReadAheadBatches - kPipelineStages ahead of this thread's pipeline. Everything
// else stays here, in the same order as in feed_pipeline: the index and rules' prefetches when a batch arrives, the
// later prefetch steps, then tracking, and a batch goes back to the reader only once it is tracked. The reader
// thread touches no state but the reader, its batches and the engine's packet and dissect-error counters (relaxed
// atomics of which it is the only writer while it runs).
bool Engine::feed_pipeline_read_ahead(capture::CaptureFileReader& reader, FileResult& result) {
    std::string read_error;  // the reader thread's, handed over with its last batch
    auto fill = [this, &reader, &read_error](PendingBatch& batch) {
        batch.count = 0;
        while (batch.count < kBatch) {
            PendingPacket& next = batch.packets[batch.count];
            const auto read = reader.next(next.packet);
            if (read != capture::ReadResult::packet) {
                if (read == capture::ReadResult::error) read_error = reader.error();
                return false;
            }
            dissect(next.packet, next.dissected);
            next.digests = dissect::digest_frame(next.dissected);
            ++batch.count;
        }
        return true;
    };
    std::optional<ReadAheadRing<PendingBatch, kReadAheadBatches>> ring;
    try {
        ring.emplace(fill);
    } catch (const std::system_error&) {
        return false;  // no thread to be had: the caller reads on this thread instead
    }
    static_assert(decltype(ring)::value_type::kMostHeld >= kPipelineStages, "the pipeline holds kPipelineStages");
    std::size_t read_count = 0;
    bool reading = true;
    std::size_t last_round = 0;
    // Batch n arrives in round n (ring->receive rethrows the reader's exception, if it had one), ... and is tracked
    // in round n + 4, as in feed_pipeline. Leaving by an exception destroys the ring, which stops and joins the
    // reader thread.
    for (std::size_t round = 0;; ++round) {
        if (reading) {
            PendingBatch& fresh = ring->receive();
            for (std::size_t i = 0; i < fresh.count; ++i) prefetch_on_read(fresh.packets[i]);
            read_count += fresh.count;
            if (ring->last_received()) {
                reading = false;
                last_round = round;
            }
        }
        const auto stage = [&](std::size_t lag) -> PendingBatch* {
            if (round < lag || (!reading && round - lag > last_round)) return nullptr;
            return &ring->received(round - lag);
        };
        prefetch_steps(stage(1), stage(2), stage(3));
        if (PendingBatch* batch = stage(kPipelineStages - 1)) {
            for (std::size_t i = 0; i < batch->count; ++i) {
                const PendingPacket& pending = batch->packets[i];
                track(pending.packet, pending.dissected, &pending.devices, &pending.digests);
            }
            ring->release();
        }
        if (!reading && round == last_round + kPipelineStages - 1) break;
    }
    result.error = read_error;
    result.packets = read_count;
    return true;
}

}  // namespace kismetcore
