// Kismet's signal record: type locking, zero readings ignored, peak location, the signal RRD, layer-1 mapping,
// and the records Kismet showed for the test1 and wpa3-psk radiotap captures.
#include <catch2/catch.hpp>

#include <string>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/dissect/packet_dissector.h"
#include "kismetcore/dissect/radio_info.h"
#include "kismetcore/track/signal_record.h"
#include "support/dot11_frames.h"

using kismetcore::track::Carrier;
using kismetcore::track::Encoding;
using kismetcore::track::GpsFix;
using kismetcore::track::Layer1Sample;
using kismetcore::track::SignalRecord;
using kismetcore::track::SignalRrd;
using kismetcore::track::SignalType;
using kismetcore::track::WallTime;

namespace {

constexpr WallTime kNow{1795369476, 125};

Layer1Sample dbm(std::int32_t signal, std::int32_t noise = 0, double rate = 10) {
    Layer1Sample sample;
    sample.type = SignalType::dbm;
    sample.signal = signal;
    sample.noise = noise;
    sample.datarate = rate;
    sample.carrier = Carrier::dot11b;
    sample.encoding = Encoding::cck;
    return sample;
}

// Feeds the signal record of one transmitter from every frame it sent in a shared capture, as Kismet's tracker
// does for a device's own frames, and returns false when the capture is not available.
bool replay_transmitter(const char* capture_name, const char* transmitter, SignalRecord& record) {
    const auto path = kismetcore::testing::shared_capture(capture_name);
    if (path.empty()) return false;
    std::string error;
    auto reader = kismetcore::capture::CaptureFileReader::open(path, 1, error);
    REQUIRE(reader);
    const auto wanted = kismetcore::testing::mac(transmitter);
    kismetcore::capture::Packet packet;
    kismetcore::dissect::DissectedPacket dissected;
    while (reader->next(packet) == kismetcore::capture::ReadResult::packet) {
        kismetcore::dissect::dissect_packet(packet, dissected);
        if (!dissected.has_dot11 || dissected.dot11.frame.transmitter != wanted) continue;
        record.append(kismetcore::track::layer1_sample(dissected.radio), nullptr, true,
                      static_cast<std::uint64_t>(packet.ts_sec), kNow);
    }
    return true;
}

}  // namespace

TEST_CASE("a new signal record is type none with no readings", "[subrecords]") {
    SignalRecord record;
    CHECK(record.type == SignalType::none);
    CHECK(record.last_signal == 0);
    CHECK(record.signal_rrd.empty());
    CHECK_FALSE(record.peak_loc);
    CHECK(sizeof(SignalRecord) == 88);  // with its compact signal RRD inline
}

TEST_CASE("signal and noise ignore zero readings; min and max treat 0 as unset", "[subrecords]") {
    SignalRecord record;
    record.append(dbm(-70, -95), nullptr, true, 100, kNow);
    record.append(dbm(0, 0), nullptr, true, 101, kNow);
    CHECK(record.type == SignalType::dbm);
    CHECK(record.last_signal == -70);
    CHECK(record.last_noise == -95);
    record.append(dbm(-80, -90), nullptr, true, 102, kNow);
    record.append(dbm(-60), nullptr, true, 103, kNow);
    CHECK(record.last_signal == -60);
    CHECK(record.min_signal == -80);
    CHECK(record.max_signal == -60);
    CHECK(record.last_noise == -90);
    CHECK(record.min_noise == -95);
    CHECK(record.max_noise == -90);
}

TEST_CASE("the first typed reading fixes the record's type; the other type is ignored", "[subrecords]") {
    SignalRecord record;
    Layer1Sample rssi;
    rssi.type = SignalType::rssi;
    rssi.signal = 40;
    rssi.datarate = 540;
    rssi.carrier = Carrier::dot11a;
    rssi.encoding = Encoding::ofdm;
    record.append(dbm(-70), nullptr, true, 100, kNow);
    record.append(rssi, nullptr, true, 100, kNow);
    CHECK(record.type == SignalType::dbm);
    CHECK(record.last_signal == -70);
    CHECK(record.max_signal == -70);
    // Carrier, encoding and rate are taken from every packet, whatever its signal type; the sets OR enum values.
    CHECK(record.maxseenrate == 540);
    CHECK(record.carrierset == (1 | 3));
    CHECK(record.encodingset == (1 | 3));

    SignalRecord none_first;
    Layer1Sample no_signal;
    no_signal.datarate = 10;
    none_first.append(no_signal, nullptr, true, 100, kNow);
    CHECK(none_first.type == SignalType::none);
    CHECK(none_first.maxseenrate == 10);
    none_first.append(rssi, nullptr, true, 100, kNow);
    CHECK(none_first.type == SignalType::rssi);
    CHECK(none_first.max_signal == 40);
}

TEST_CASE("a new maximum with a GPS position sets peak_loc, whatever the fix", "[subrecords]") {
    SignalRecord record;
    GpsFix gps;
    gps.lat = 52.5;
    gps.lon = 13.25;
    gps.alt = 40;
    gps.fix = 1;
    record.append(dbm(-70), nullptr, true, 100, kNow);
    CHECK_FALSE(record.peak_loc);
    record.append(dbm(-75), &gps, true, 101, kNow);  // not a new maximum
    CHECK_FALSE(record.peak_loc);
    record.append(dbm(-65), &gps, true, 102, kNow);
    REQUIRE(record.peak_loc);
    CHECK(record.peak_loc->lat == 52.5);
    CHECK(record.peak_loc->lon == 13.25);
    CHECK(record.peak_loc->alt == 40);
    CHECK(record.peak_loc->fix == 1);
    CHECK(record.peak_loc->time_sec == kNow.sec);
    CHECK(record.peak_loc->time_usec == kNow.usec);
}

TEST_CASE("non-zero signals go to the signal RRD at the packet time, unless RRDs are off", "[subrecords]") {
    SignalRecord record;
    record.append(dbm(-70), nullptr, true, 1000, kNow);  // a minute RRD drops its very first sample
    record.append(dbm(-72), nullptr, true, 1001, kNow);
    record.append(dbm(-68), nullptr, true, 1001, kNow);
    record.append(dbm(0, -90), nullptr, true, 1002, kNow);
    SignalRrd scratch;
    const SignalRrd* rrd = record.signal_rrd.view(scratch);
    REQUIRE(rrd != nullptr);
    CHECK(rrd->last_time == 1001);
    CHECK(rrd->minute_vec[41] == -68);
    CHECK(rrd->last_value == -68);

    SignalRecord without;
    without.append(dbm(-70), nullptr, false, 1000, kNow);
    CHECK(without.signal_rrd.empty());

    SignalRecord copy(record);
    SignalRrd copy_scratch;
    const SignalRrd* copied = copy.signal_rrd.view(copy_scratch);
    REQUIRE(copied != nullptr);
    CHECK(copied->minute_vec[41] == -68);
    CHECK(copied->last_value_n1 == rrd->last_value_n1);
}

TEST_CASE("layer-1 samples follow Kismet's radiotap and PPI decoders", "[subrecords]") {
    using kismetcore::dissect::LinkHeaderType;
    kismetcore::dissect::RadioInfo radio;
    radio.header = LinkHeaderType::radiotap;
    Layer1Sample sample = kismetcore::track::layer1_sample(radio);
    CHECK(sample.type == SignalType::none);
    CHECK(sample.datarate == 0);
    CHECK(sample.carrier == Carrier::unknown);

    radio.signal_dbm = -76;
    radio.rate_500kbps = 2;
    radio.channel_flags = 0x00a0;  // 2 GHz + CCK
    sample = kismetcore::track::layer1_sample(radio);
    CHECK(sample.type == SignalType::dbm);
    CHECK(sample.signal == -76);
    CHECK(sample.noise == 0);
    CHECK(sample.datarate == 10);
    CHECK(sample.carrier == Carrier::dot11b);
    CHECK(sample.encoding == Encoding::cck);

    radio.signal_dbm.reset();
    radio.noise_dbm = -95;           // noise alone makes the type dBm, as in Kismet's radiotap decoder
    radio.rate_500kbps = 0x80 | 11;  // Kismet strips bit 0x80: 5.5 Mbit/s
    radio.channel_flags = 0x0140;    // 5 GHz + OFDM
    sample = kismetcore::track::layer1_sample(radio);
    CHECK(sample.type == SignalType::dbm);
    CHECK(sample.signal == 0);
    CHECK(sample.noise == -95);
    CHECK(sample.datarate == 55);
    CHECK(sample.carrier == Carrier::dot11a);
    CHECK(sample.encoding == Encoding::ofdm);

    radio.channel_flags = 0x00c0;  // 2 GHz + OFDM
    CHECK(kismetcore::track::layer1_sample(radio).carrier == Carrier::dot11g);
    radio.channel_flags = 0x0480;  // 2 GHz + dynamic CCK
    CHECK(kismetcore::track::layer1_sample(radio).carrier == Carrier::dot11g);
    CHECK(kismetcore::track::layer1_sample(radio).encoding == Encoding::dynamic_cck);
    radio.channel_flags = 0x0880;  // 2 GHz + GFSK
    CHECK(kismetcore::track::layer1_sample(radio).carrier == Carrier::dot11_fhss);
    CHECK(kismetcore::track::layer1_sample(radio).encoding == Encoding::gfsk);
    radio.channel_flags = 0x00b0;  // 2 GHz + CCK + turbo
    CHECK(kismetcore::track::layer1_sample(radio).carrier == Carrier::dot11b_plus);

    radio.rate_500kbps.reset();
    radio.mcs_index = 7;  // Kismet ignores MCS: no rate for HT frames
    CHECK(kismetcore::track::layer1_sample(radio).datarate == 0);

    radio.header = LinkHeaderType::ppi;
    radio.rate_500kbps = 108;
    radio.channel_flags = 0x00e0;  // 2 GHz + CCK + OFDM: PPI's later tests win
    sample = kismetcore::track::layer1_sample(radio);
    CHECK(sample.datarate == 540);
    CHECK(sample.carrier == Carrier::dot11g);
    CHECK(sample.encoding == Encoding::ofdm);

    kismetcore::dissect::RadioInfo prism;
    prism.header = LinkHeaderType::prism;
    prism.signal_rssi = 42;
    CHECK(kismetcore::track::layer1_sample(prism).type == SignalType::rssi);
    CHECK(kismetcore::track::layer1_sample(prism).signal == 42);
}

TEST_CASE("test1: F8:1A:67:E5:05:62's signal record matches Kismet's", "[subrecords]") {
    SignalRecord record;
    if (!replay_transmitter("aircrack-ng__test1.pcap", "f8:1a:67:e5:05:62", record)) {
        WARN("shared captures not found");
        return;
    }
    // Kismet: type dbm, last -76, min -86, max -75, noise 0, maxseenrate 10, encodingset 1, carrierset 1; its
    // signal_rrd, serialized at 1795369476 long after the packet times, is all zero with last_value_n1 -76.
    CHECK(record.type == SignalType::dbm);
    CHECK(record.last_signal == -76);
    CHECK(record.min_signal == -86);
    CHECK(record.max_signal == -75);
    CHECK(record.last_noise == 0);
    CHECK(record.min_noise == 0);
    CHECK(record.max_noise == 0);
    CHECK(record.maxseenrate == 10);
    CHECK(record.encodingset == 1);
    CHECK(record.carrierset == 1);
    SignalRrd scratch;
    const SignalRrd* seen = record.signal_rrd.view(scratch);
    REQUIRE(seen != nullptr);
    SignalRrd rrd = *seen;
    rrd.fast_forward(1795369476);
    CHECK(rrd.last_time == 1795369476);
    CHECK(rrd.serial_time == 1795369476);
    CHECK(rrd.last_value == 0);
    CHECK(rrd.last_value_n1 == -76);
    for (auto value : rrd.minute_vec) CHECK(value == 0);
}

TEST_CASE("test1 and wpa3-psk: frames without a signal leave the type none but count rate and sets", "[subrecords]") {
    SignalRecord injected;  // 00:0D:58:EF:88:09: rate 1 Mbit/s, no channel field, no signal
    if (!replay_transmitter("aircrack-ng__test1.pcap", "00:0d:58:ef:88:09", injected)) {
        WARN("shared captures not found");
        return;
    }
    CHECK(injected.type == SignalType::none);
    CHECK(injected.maxseenrate == 10);
    CHECK(injected.encodingset == 0);
    CHECK(injected.carrierset == 0);
    CHECK(injected.signal_rrd.empty());

    SignalRecord ap;  // 02:00:00:00:00:00: 2412 MHz CCK at 1 Mbit/s, no signal field
    REQUIRE(replay_transmitter("aircrack-ng__wpa3-psk.pcap", "02:00:00:00:00:00", ap));
    CHECK(ap.type == SignalType::none);
    CHECK(ap.last_signal == 0);
    CHECK(ap.maxseenrate == 10);
    CHECK(ap.encodingset == 1);
    CHECK(ap.carrierset == 1);
}
