// One raised alert (kismet.alert.*), as the backlog keeps it and every serializer writes it.
#pragma once

#include <cstdint>
#include <string>

#include "kismetcore/common/device_key.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/fields/record_schema.h"
#include "kismetcore/track/location_record.h"

namespace kismetcore::alert {

// A point in time with Kismet's microsecond precision; kept as integers so since-queries compare exactly.
struct AlertTime {
    std::int64_t sec = 0;
    std::uint32_t usec = 0;

    [[nodiscard]] constexpr std::int64_t microseconds() const noexcept {
        return sec * 1'000'000 + static_cast<std::int64_t>(usec);
    }
    [[nodiscard]] constexpr double seconds() const noexcept {
        return static_cast<double>(sec) + static_cast<double>(usec) / 1e6;
    }
    // The nearest microsecond of a double number of seconds (what a since-query carries).
    [[nodiscard]] static AlertTime from_seconds(double seconds) noexcept;

    friend constexpr auto operator<=>(const AlertTime&, const AlertTime&) noexcept = default;
};

struct AlertRecord {
    DeviceKey device_key;  // Kismet leaves it empty ("00_0") for every built-in alert
    std::string header;
    std::string alert_class;
    std::uint32_t hash = 0;  // kismet_alert_hash() of the fields below
    std::uint8_t severity = 0;
    std::int32_t phy = -1;  // kismet.alert.phy_id prints it as an unsigned 32-bit number
    AlertTime time;
    MacAddress transmitter;  // Kismet's bssid argument
    MacAddress source;
    MacAddress destination;
    MacAddress other;
    std::string channel;
    double frequency = 0;  // kHz, as Kismet's packet info has it
    std::string text;
    track::LocationPoint location;  // only geopoint [0, 0] without a fix
};

// The checksum of "<header> <severity> <phy> <sec>.<usec> <tx> <src> <dst> <other> <channel>" with the phy as an
// unsigned number, usec zero-padded to six digits and MACs in upper case (checked against Kismet's records).
[[nodiscard]] std::uint32_t kismet_alert_hash(const AlertRecord& record);

// kismet.alert.*
const fields::RecordSchema& alert_record_schema();

}  // namespace kismetcore::alert
