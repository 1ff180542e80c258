// The packet chain RRDs and their field schema.
#include "kismetcore/engine/packet_chain_stats.h"

#include "kismetcore/fields/record_schema_builder.h"
#include "kismetcore/track/common_record_schemas.h"

namespace kismetcore {

void PacketChainStats::add_second(const PacketCounts& current, const PacketCounts& previous,
                                  std::uint64_t now) noexcept {
    const auto delta = [](std::uint64_t after, std::uint64_t before) {
        return static_cast<double>(after >= before ? after - before : 0);
    };
    const double packets = delta(current.packets, previous.packets);
    peak_packets_rrd.add_sample(packets, now);
    packets_rrd.add_sample(packets, now);
    error_packets_rrd.add_sample(delta(current.errors, previous.errors), now);
    dupe_packets_rrd.add_sample(delta(current.duplicates, previous.duplicates), now);
    queued_packets_rrd.add_sample(0, now);
    dropped_packets_rrd.add_sample(0, now);
    processed_packets_rrd.add_sample(delta(current.processed, previous.processed), now);
}

void PacketChainStats::fast_forward(std::uint64_t now) noexcept {
    for (track::Rrd* rrd : {&peak_packets_rrd, &packets_rrd, &error_packets_rrd, &dupe_packets_rrd, &queued_packets_rrd,
                            &dropped_packets_rrd, &processed_packets_rrd})
        rrd->fast_forward(now);
}

const fields::RecordSchema& packet_chain_stats_schema() {
    using S = PacketChainStats;
    const auto& rrd = track::rrd_schema();
    static const fields::RecordSchema schema =
        fields::RecordSchemaBuilder<S>("kismet.packetchain")
            .record<&S::peak_packets_rrd>("kismet.packetchain.peak_packets_rrd", "incoming packets peak rrd", rrd)
            .record<&S::packets_rrd>("kismet.packetchain.packets_rrd", "total packets seen rrd", rrd)
            .record<&S::error_packets_rrd>("kismet.packetchain.error_packets_rrd", "error packets seen rrd", rrd)
            .record<&S::dupe_packets_rrd>("kismet.packetchain.dupe_packets_rrd", "duplicate packets seen rrd", rrd)
            .record<&S::queued_packets_rrd>("kismet.packetchain.queued_packets_rrd", "packets queued for processing",
                                            rrd)
            .record<&S::dropped_packets_rrd>("kismet.packetchain.dropped_packets_rrd",
                                             "lost packets which could not be processed", rrd)
            .record<&S::processed_packets_rrd>("kismet.packetchain.processed_packets_rrd", "processed packets rrd", rrd)
            .build();
    return schema;
}

}  // namespace kismetcore
