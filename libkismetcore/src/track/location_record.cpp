// Kismet's location record arithmetic: bounding box with 0 as "unset", unit-vector average, last fix.
#include "kismetcore/track/location_record.h"

#include <cmath>
#include <numbers>

namespace kismetcore::track {

void LocationPoint::set(double in_lat, double in_lon, double in_alt, std::uint8_t in_fix, WallTime now) noexcept {
    lat = in_lat;
    lon = in_lon;
    set_alt(in_alt);
    set_fix(in_fix);
    time_sec = now.sec;
    time_usec = now.usec;
    present |= kTime;
}

void LocationRecord::add(const GpsFix& fix) {
    if (fix.fix < 2) return;
    if (fix.fix > loc_fix) loc_fix = fix.fix;

    if (!min_loc) min_loc.emplace();
    if (!max_loc) max_loc.emplace();
    if (!last) last.emplace();

    last->lat = fix.lat;
    last->lon = fix.lon;
    last->set_alt(fix.alt);
    last->set_fix(fix.fix);
    last->speed = static_cast<float>(fix.speed);
    last->heading = static_cast<float>(fix.heading);
    last->present |= LocationPoint::kSpeed | LocationPoint::kHeading;

    // Kismet compares against the stored corner and treats an exact 0 as "never set".
    if (fix.lat < min_loc->lat || min_loc->lat == 0) min_loc->lat = fix.lat;
    if (fix.lat > max_loc->lat || max_loc->lat == 0) max_loc->lat = fix.lat;
    if (fix.lon < min_loc->lon || min_loc->lon == 0) min_loc->lon = fix.lon;
    if (fix.lon > max_loc->lon || max_loc->lon == 0) max_loc->lon = fix.lon;

    if (fix.fix > 2) {
        // The stored altitude is a float, and Kismet compares the incoming double with it.
        if (fix.alt < static_cast<double>(min_loc->alt) || min_loc->alt == 0) min_loc->set_alt(fix.alt);
        if (fix.alt > static_cast<double>(max_loc->alt) || max_loc->alt == 0) max_loc->set_alt(fix.alt);
    }
}

void LocationRecord::add_with_average(const GpsFix& fix, WallTime now) {
    if (fix.fix < 2) return;
    add(fix);
    if (!avg_loc) avg_loc.emplace();

    // Same operation order as Kismet (x * pi / 180, left to right), so the averages match it bit for bit.
    const double lat_radians = fix.lat * std::numbers::pi / 180;
    const double lon_radians = fix.lon * std::numbers::pi / 180;
    sum_x += std::cos(lat_radians) * std::cos(lon_radians);
    sum_y += std::cos(lat_radians) * std::sin(lon_radians);
    sum_z += std::sin(lat_radians);
    averaged_fixes += 1;
    if (fix.fix > 2) {
        sum_alt += fix.alt;
        averaged_altitudes += 1;
    }

    if (averaged_fixes == 1) {
        avg_loc->set(fix.lat, fix.lon, fix.alt, fix.fix, now);
        return;
    }
    const double count = static_cast<double>(averaged_fixes);
    const double mean_x = sum_x / count;
    const double mean_y = sum_y / count;
    const double mean_z = sum_z / count;
    const double central_lon = std::atan2(mean_y, mean_x);
    const double central_lat = std::atan2(mean_z, std::sqrt(mean_x * mean_x + mean_y * mean_y));
    const double mean_alt = averaged_altitudes > 0 ? sum_alt / static_cast<double>(averaged_altitudes) : 0;
    avg_loc->set(central_lat * 180 / std::numbers::pi, central_lon * 180 / std::numbers::pi, mean_alt,
                 averaged_altitudes > 0 ? 3 : 2, now);
}

void LocationRecord::update(const GpsFix& fix, WallTime now) {
    if (last_average_time != now.sec) {
        last_average_time = now.sec;
        add_with_average(fix, now);
    } else {
        add(fix);
    }
}

}  // namespace kismetcore::track
