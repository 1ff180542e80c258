// Kismet's signal record (kismet.common.signal.*) and the layer-1 reading it is updated from.
#pragma once

#include <cstdint>
#include <memory>

#include "kismetcore/track/compact_signal_rrd.h"
#include "kismetcore/track/location_record.h"

namespace kismetcore::dissect {
struct RadioInfo;
}

namespace kismetcore::track {

// kismet.common.signal.type: "none" until the first dBm or RSSI reading, then fixed for the record's life.
enum class SignalType : std::uint8_t { none, dbm, rssi };

// Kismet's phy_carrier_type and phy_encoding_type (packet.h). Kismet ORs the enum *values* into carrierset and
// encodingset (not 1 << value), so those "bitsets" are unions of small numbers: b (1) | a (3) reads as 3.
enum class Carrier : std::uint8_t {
    unknown = 0,
    dot11b = 1,
    dot11b_plus = 2,
    dot11a = 3,
    dot11g = 4,
    dot11_fhss = 5,
    dot11_dsss = 6,
    dot11n_20 = 7,
    dot11n_40 = 8,
    dot11ac_80 = 9,
    dot11ac_160 = 10,
};
enum class Encoding : std::uint8_t { unknown = 0, cck = 1, pbcc = 2, ofdm = 3, dynamic_cck = 4, gfsk = 5 };

// What Kismet's kis_layer1_packinfo holds for one packet, in its units.
struct Layer1Sample {
    SignalType type = SignalType::none;
    std::int32_t signal = 0;  // dBm or RSSI; 0 = no reading
    std::int32_t noise = 0;   // dBm or RSSI; 0 = no reading
    double datarate = 0;      // Kismet units of 100 kbit/s (1 Mbit/s = 10); 0 for HT and later (MCS ignored)
    Carrier carrier = Carrier::unknown;
    Encoding encoding = Encoding::unknown;
};

// Translates a dissected capture header the way Kismet's radiotap and PPI decoders fill kis_layer1_packinfo:
// dBm signal or noise make the type dbm (signal = the header's first antenna signal); carrier and encoding come
// from the channel flags (radiotap: first matching of FHSS, A, B+, B, pure G, G, Turbo; PPI: its own order);
// datarate from the legacy rate field only (radiotap strips bit 0x80). Prism/AVS RSSI values give type rssi
// (Kismet itself does not decode Prism; unverified for AVS).
Layer1Sample layer1_sample(const dissect::RadioInfo& radio) noexcept;

// kismet.device.base.signal and kismet.common.seenby.signal. Update rules (devicetracker_component.cc,
// append_signal with layer-1 and GPS info):
// - a reading counts only if its type is the record's type (or the record's type is still none, which it then
//   takes): a record that saw dBm ignores RSSI readings, and the other way round;
// - signal and noise of 0 mean "no reading": last/min/max move only for non-zero values; min and max treat a
//   stored 0 as unset;
// - a new maximum signal, while the packet carries a GPS position, sets peak_loc (whatever the fix, even below 2),
//   stamped with the wall clock;
// - each non-zero signal goes to signal_rrd (a minute RRD with the peak aggregator) at the *packet* time;
// - carrierset, encodingset and maxseenrate take every packet's layer-1 info, whatever its signal type.
// Plain data, not synchronized: guard it with the owning device's lock.
struct SignalRecord {
    // Members are ordered for packing (88 bytes); the field schema gives Kismet's order.
    std::int32_t last_signal = 0;
    std::int32_t last_noise = 0;
    std::int32_t min_signal = 0;
    std::int32_t min_noise = 0;
    std::int32_t max_signal = 0;
    std::int32_t max_noise = 0;
    double maxseenrate = 0;                   // Kismet units (100 kbit/s)
    std::unique_ptr<LocationPoint> peak_loc;  // kismet.common.signal.peak_loc, dynamic
    CompactSignalRrd signal_rrd;              // kismet.common.signal.signal_rrd, dynamic (absent while empty)
    SignalType type = SignalType::none;
    std::uint8_t encodingset = 0;  // OR of Encoding values (Kismet: uint64)
    std::uint8_t carrierset = 0;   // OR of Carrier values (Kismet: uint64)

    SignalRecord() = default;
    SignalRecord(const SignalRecord& other);
    SignalRecord& operator=(const SignalRecord& other);
    SignalRecord(SignalRecord&&) noexcept = default;
    SignalRecord& operator=(SignalRecord&&) noexcept = default;
    ~SignalRecord() = default;

    // Kismet's append_signal(sig_combo, update_rrd, rrd_ts). `gps` is the fix attached to the packet, if any;
    // `packet_time` is the packet's timestamp in seconds (the RRD's clock); `now` stamps peak_loc. Allocates
    // only the first time peak_loc is needed or signal_rrd goes dense.
    void append(const Layer1Sample& layer1, const GpsFix* gps, bool update_rrd, std::uint64_t packet_time,
                WallTime now);
};

}  // namespace kismetcore::track
