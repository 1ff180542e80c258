// Crafts the memory benchmark's workloads with the craft/ builders and lists the record sizes (memory_workloads.h).
#include "memory_workloads.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "kismetcore/craft/dot11_frame_builder.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/craft/radiotap_builder.h"
#include "kismetcore/dissect/dot11_constants.h"
#include "kismetcore/dissect/radiotap_reader.h"
#include "kismetcore/track/device.h"
#include "kismetcore/track/dot11/dot11_device.h"
#include "kismetcore/track/location_record.h"
#include "kismetcore/track/rrd.h"
#include "kismetcore/track/seenby_record.h"
#include "kismetcore/track/signal_record.h"

namespace kismetcore::bench::workloads {
namespace {

namespace radiotap = dissect::radiotap;

constexpr std::uint64_t kClientAccessPoints = 100;
constexpr std::int64_t kStartSecond = 1'700'000'000;
constexpr std::uint32_t kPacketsPerSecond = 1000;
constexpr std::array<std::uint8_t, 3> kChannels = {1, 6, 11};

// Globally administered addresses under two vendors' OUIs, numbered by index.
MacAddress numbered_mac(std::array<std::uint8_t, 3> oui, std::uint64_t index) {
    return MacAddress(std::array<std::uint8_t, 6>{oui[0], oui[1], oui[2], static_cast<std::uint8_t>(index >> 16),
                                                  static_cast<std::uint8_t>(index >> 8),
                                                  static_cast<std::uint8_t>(index)});
}
MacAddress ap_mac(std::uint64_t index) {
    return numbered_mac({0x00, 0x1a, 0x2b}, index);
}
MacAddress client_mac(std::uint64_t index) {
    return numbered_mac({0x00, 0x16, 0xcb}, index);
}
std::uint8_t ap_channel(std::uint64_t index) {
    return kChannels[index % kChannels.size()];
}

std::string ap_ssid(std::uint64_t index) {
    char text[32];
    std::snprintf(text, sizeof text, "bench-ap-%06llu", static_cast<unsigned long long>(index));
    return text;
}

// Packets get consecutive timestamps, kPacketsPerSecond apart, in the order they are made.
class PacketSink {
public:
    explicit PacketSink(std::vector<capture::Packet>& out, std::uint64_t& sequence)
        : out_(&out), sequence_(&sequence) {}

    void add(std::uint8_t channel, const craft::Bytes& frame) {
        const std::uint16_t frequency = static_cast<std::uint16_t>(2407 + 5 * channel);
        const auto header = craft::RadiotapBuilder()
                                .flags(0)
                                .rate(12)
                                .channel(frequency, radiotap::kChannel2Ghz | radiotap::kChannelOfdm)
                                .signal_dbm(-55)
                                .build(frame);
        capture::Packet packet;
        packet.data = header;
        packet.dlt = capture::dlt::kRadiotap;
        packet.original_length = packet.captured_length();
        packet.ts_sec = kStartSecond + static_cast<std::int64_t>(*sequence_ / kPacketsPerSecond);
        packet.ts_usec = static_cast<std::uint32_t>(*sequence_ % kPacketsPerSecond) * (1'000'000 / kPacketsPerSecond);
        ++*sequence_;
        out_->push_back(std::move(packet));
    }

private:
    std::vector<capture::Packet>* out_;
    std::uint64_t* sequence_;
};

craft::Bytes beacon_of(std::uint64_t index, std::uint64_t beacon_number) {
    craft::ElementBuilder elements;
    using craft::ElementBuilder;
    elements.ssid(ap_ssid(index))
        .supported_rates({ElementBuilder::basic_rate(1), ElementBuilder::basic_rate(2), ElementBuilder::basic_rate(5.5),
                          ElementBuilder::basic_rate(11), ElementBuilder::rate(6), ElementBuilder::rate(9),
                          ElementBuilder::rate(12), ElementBuilder::rate(18)})
        .ds_channel(ap_channel(index))
        .rsn(craft::RsnSpec{});
    craft::BeaconSpec spec;
    spec.bssid = ap_mac(index);
    spec.timestamp = 102'400 * (beacon_number + 1) + index;
    spec.capability = dissect::dot11::capability::kEss | dissect::dot11::capability::kPrivacy;
    spec.elements = elements.bytes();
    spec.options.sequence_number = static_cast<std::uint16_t>((index + beacon_number) & 0x0fff);
    return craft::beacon(spec);
}

craft::Bytes data_of(craft::DsDirection direction, const MacAddress& client, const MacAddress& ap,
                     std::uint16_t sequence) {
    // A CCMP header and 40 bytes of ciphertext: what a protected frame's body looks like to the tracker.
    std::array<std::uint8_t, 48> body{};
    body[3] = 0x20;  // Ext IV
    body[0] = static_cast<std::uint8_t>(sequence);
    craft::DataSpec spec;
    spec.direction = direction;
    spec.source = direction == craft::DsDirection::to_ap ? client : ap;
    spec.destination = direction == craft::DsDirection::to_ap ? ap : client;
    spec.bssid = ap;
    spec.subtype = dissect::dot11::data::kQosData;
    spec.body = body;
    spec.options.flags = dissect::dot11::fc_flag::kProtected;
    spec.options.sequence_number = sequence;
    return craft::data_frame(spec);
}

}  // namespace

Workload clients(std::uint64_t count) {
    Workload workload;
    std::uint64_t sequence = 0;
    const std::uint64_t access_points = std::min(count, kClientAccessPoints);
    PacketSink setup(workload.setup, sequence);
    for (std::uint64_t ap = 0; ap < access_points; ++ap) setup.add(ap_channel(ap), beacon_of(ap, 0));

    PacketSink measured(workload.measured, sequence);
    workload.measured.reserve(count * 4);
    for (std::uint64_t index = 0; index < count; ++index) {
        const std::uint64_t ap = index % access_points;
        const MacAddress client = client_mac(index);
        const MacAddress bssid = ap_mac(ap);
        const auto frame_sequence = static_cast<std::uint16_t>(index & 0x0fff);
        craft::ElementBuilder elements;
        elements.ssid(ap_ssid(ap))
            .supported_rates({craft::ElementBuilder::rate(1), craft::ElementBuilder::rate(2),
                              craft::ElementBuilder::rate(5.5), craft::ElementBuilder::rate(11)});
        craft::ProbeRequestSpec probe;
        probe.source = client;
        probe.elements = elements.bytes();
        probe.options.sequence_number = frame_sequence;
        measured.add(ap_channel(ap), craft::probe_request(probe));
        measured.add(ap_channel(ap), data_of(craft::DsDirection::to_ap, client, bssid, frame_sequence));
        measured.add(ap_channel(ap), data_of(craft::DsDirection::from_ap, client, bssid, frame_sequence));
        measured.add(ap_channel(ap),
                     data_of(craft::DsDirection::to_ap, client, bssid, static_cast<std::uint16_t>(frame_sequence + 1)));
    }
    workload.expected_devices = count;
    return workload;
}

Workload access_points(std::uint64_t count) {
    Workload workload;
    std::uint64_t sequence = 0;
    PacketSink measured(workload.measured, sequence);
    workload.measured.reserve(count * 2);
    for (std::uint64_t beacon_number = 0; beacon_number < 2; ++beacon_number)
        for (std::uint64_t index = 0; index < count; ++index)
            measured.add(ap_channel(index), beacon_of(index, beacon_number));
    workload.expected_devices = count;
    return workload;
}

std::span<const census::KnownType> known_types() {
    using track::Device;
    using track::dot11::Dot11Device;
    // make_shared puts the control block (vtable pointer, two counts) before the Device in one chunk. The device
    // index is one flat slot array, counted with the large chunks.
    static const std::array<census::KnownType, 12> kTypes = {{
        {"Device + shared_ptr control block", sizeof(Device) + 16},
        {"Dot11Device", sizeof(Dot11Device)},
        {"Rrd (packets, datasize, rx, tx; dense)", sizeof(track::Rrd)},
        {"SignalRrd (dense)", sizeof(track::SignalRrd)},
        {"SignalRecord", sizeof(track::SignalRecord)},
        {"SeenbyRecord", sizeof(track::SeenbyRecord)},
        {"probed_ssid_map entry", sizeof(std::pair<std::uint64_t, track::dot11::ProbedSsid>)},
        {"advertised_ssid_map entry", sizeof(std::pair<std::uint64_t, track::dot11::AdvertisedSsid>)},
        {"client_map entry", sizeof(std::pair<MacAddress, track::dot11::ClientRecord>)},
        {"associated_client_map entry", sizeof(std::pair<MacAddress, DeviceKey>)},
        {"string of 16-23 chars", 24},
        {"string of 24-39 chars", 40},
    }};
    return kTypes;
}

void print_type_sizes() {
    std::printf(
        "sizeof: Device %zu (PacketRrds %zu), Dot11Device %zu, Rrd %zu, SignalRecord %zu, SignalRrd %zu, "
        "SeenbyRecord %zu,\n"
        "        LocationRecord %zu, ProbedSsid %zu, AdvertisedSsid %zu, WpsInfo %zu, ClientRecord %zu, "
        "std::string %zu, std::mutex %zu\n",
        sizeof(track::Device), sizeof(track::PacketRrds), sizeof(track::dot11::Dot11Device), sizeof(track::Rrd),
        sizeof(track::SignalRecord), sizeof(track::SignalRrd), sizeof(track::SeenbyRecord),
        sizeof(track::LocationRecord), sizeof(track::dot11::ProbedSsid), sizeof(track::dot11::AdvertisedSsid),
        sizeof(track::dot11::WpsInfo), sizeof(track::dot11::ClientRecord), sizeof(std::string), sizeof(std::mutex));
}

std::string json_type_sizes() {
    char text[300];
    std::snprintf(text, sizeof text,
                  "{\"Device\":%zu,\"Dot11Device\":%zu,\"Rrd\":%zu,\"SignalRecord\":%zu,\"SignalRrd\":%zu,"
                  "\"SeenbyRecord\":%zu,\"ProbedSsid\":%zu,\"AdvertisedSsid\":%zu,\"ClientRecord\":%zu}",
                  sizeof(track::Device), sizeof(track::dot11::Dot11Device), sizeof(track::Rrd),
                  sizeof(track::SignalRecord), sizeof(track::SignalRrd), sizeof(track::SeenbyRecord),
                  sizeof(track::dot11::ProbedSsid), sizeof(track::dot11::AdvertisedSsid),
                  sizeof(track::dot11::ClientRecord));
    return text;
}

}  // namespace kismetcore::bench::workloads
