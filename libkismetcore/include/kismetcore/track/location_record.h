// Kismet's per-device location (kismet.common.location.*): bounding box, running average and last fix.
#pragma once

#include <cstdint>
#include <optional>

namespace kismetcore::track {

// A position from the host's GPS, attached to the packets it receives while the fix holds. fix: 0/1 none,
// 2 = 2D, 3 = 3D (gpsd's mode). speed in km/h, heading in degrees; time is when the GPS reported it.
struct GpsFix {
    double lat = 0;
    double lon = 0;
    double alt = 0;  // metres; meaningful with a 3D fix
    double speed = 0;
    double heading = 0;
    std::uint8_t fix = 0;
    std::uint64_t time_sec = 0;
    std::uint32_t time_usec = 0;
};

// The local wall clock. Kismet stamps average and peak locations with gettimeofday() when it sets them; kismetcore
// takes the clock from the caller so records stay deterministic under test.
struct WallTime {
    std::uint64_t sec = 0;
    std::uint32_t usec = 0;
};

// Kismet's kis_tracked_location_triplet (and, with speed/heading, kis_tracked_location_full). geopoint is always
// serialized, as `kismet.common.location.geopoint` = [lon, lat]; the other fields are dynamic, present only once
// set (the presence bits). Kismet stores alt, speed and heading as float.
struct LocationPoint {
    enum Present : std::uint8_t { kAlt = 1, kFix = 2, kTime = 4, kSpeed = 8, kHeading = 16 };

    double lat = 0;
    double lon = 0;
    std::uint64_t time_sec = 0;   // kismet.common.location.time_sec
    std::uint32_t time_usec = 0;  // kismet.common.location.time_usec
    float alt = 0;                // kismet.common.location.alt (metres)
    float speed = 0;              // kismet.common.location.speed (km/h), "last" only
    float heading = 0;            // kismet.common.location.heading (degrees), "last" only
    std::uint8_t fix = 0;         // kismet.common.location.fix
    std::uint8_t present = 0;     // Present bits

    [[nodiscard]] bool has(Present field) const noexcept { return (present & field) != 0; }
    void set_alt(double value) noexcept {
        alt = static_cast<float>(value);
        present |= kAlt;
    }
    void set_fix(std::uint8_t value) noexcept {
        fix = value;
        present |= kFix;
    }
    // Kismet's triplet set(lat, lon, alt, fix): every field, stamped with the wall clock.
    void set(double in_lat, double in_lon, double in_alt, std::uint8_t in_fix, WallTime now) noexcept;
};

// kismet.device.base.location. Kismet's update rules (trackedlocation.cc, devicetracker.cc):
// - fixes below 2 change nothing;
// - loc_fix is the best fix seen;
// - min_loc/max_loc widen per coordinate, treating 0 as "unset" (a device on the equator or the prime meridian
//   restarts that bound); their alt moves only with 3D fixes, again with 0 as unset; they carry no fix or time;
// - last takes every field of the fix except time (lat, lon, alt, fix, speed, heading);
// - avg_loc is the mean of unit vectors (lat/lon -> x,y,z on the sphere, summed, converted back with atan2), and
//   alt the plain mean of the 3D fixes' altitudes; the first sample is copied as it is; its fix is 3 once any 3D
//   fix was averaged, else 2; it is stamped with the wall clock.
// Plain data, not synchronized: guard it with the owning device's lock.
struct LocationRecord {
    std::uint8_t loc_fix = 0;  // kismet.common.location.loc_fix
    std::optional<LocationPoint> min_loc;
    std::optional<LocationPoint> max_loc;
    std::optional<LocationPoint> avg_loc;
    std::optional<LocationPoint> last;

    // Averaging state (not serialized).
    double sum_x = 0;
    double sum_y = 0;
    double sum_z = 0;
    double sum_alt = 0;
    std::uint64_t averaged_fixes = 0;
    std::uint64_t averaged_altitudes = 0;
    std::uint64_t last_average_time = 0;  // Kismet's last_location_time

    // Kismet's add_loc: bounding box, loc_fix and last.
    void add(const GpsFix& fix);
    // Kismet's add_loc_with_avg: add() plus the running average.
    void add_with_average(const GpsFix& fix, WallTime now);
    // What Kismet's tracker does per packet that carries a fix: the average takes at most one fix per second of
    // the tracker's clock (`now`, which then counts as used even when the fix is below 2); the other fixes of
    // that second only widen the box and replace `last`.
    void update(const GpsFix& fix, WallTime now);
};

}  // namespace kismetcore::track
