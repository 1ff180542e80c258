// Kismet's location record: bounding box with 0 as "unset", unit-vector average, last fix, one average per second.
#include <catch2/catch.hpp>

#include "kismetcore/track/location_record.h"

using kismetcore::track::GpsFix;
using kismetcore::track::LocationPoint;
using kismetcore::track::LocationRecord;
using kismetcore::track::WallTime;

namespace {
GpsFix fix_at(double lat, double lon, std::uint8_t fix, double alt = 0) {
    GpsFix gps;
    gps.lat = lat;
    gps.lon = lon;
    gps.alt = alt;
    gps.fix = fix;
    gps.speed = 12.5;
    gps.heading = 270;
    return gps;
}
constexpr WallTime kNow{1795369464, 250000};
}  // namespace

TEST_CASE("a fix below 2 leaves the location record untouched", "[subrecords]") {
    LocationRecord record;
    record.add_with_average(fix_at(52.5, 13.25, 1), kNow);
    record.add(fix_at(52.5, 13.25, 0));
    CHECK(record.loc_fix == 0);
    CHECK_FALSE(record.min_loc);
    CHECK_FALSE(record.max_loc);
    CHECK_FALSE(record.avg_loc);
    CHECK_FALSE(record.last);
    CHECK(record.averaged_fixes == 0);
}

TEST_CASE("the first fix fills every corner and the average is that fix", "[subrecords]") {
    LocationRecord record;
    record.add_with_average(fix_at(52.5, 13.25, 2, 40), kNow);
    CHECK(record.loc_fix == 2);
    REQUIRE(record.last);
    CHECK(record.last->lat == 52.5);
    CHECK(record.last->lon == 13.25);
    CHECK(record.last->alt == 40);  // last keeps the altitude even from a 2D fix
    CHECK(record.last->fix == 2);
    CHECK(record.last->speed == 12.5f);
    CHECK(record.last->heading == 270);
    CHECK_FALSE(record.last->has(LocationPoint::kTime));
    REQUIRE(record.min_loc);
    CHECK(record.min_loc->lat == 52.5);
    CHECK(record.min_loc->lon == 13.25);
    CHECK_FALSE(record.min_loc->has(LocationPoint::kAlt));  // altitude bounds move only with 3D fixes
    CHECK_FALSE(record.min_loc->has(LocationPoint::kFix));
    CHECK_FALSE(record.min_loc->has(LocationPoint::kTime));
    REQUIRE(record.avg_loc);
    CHECK(record.avg_loc->lat == 52.5);
    CHECK(record.avg_loc->lon == 13.25);
    CHECK(record.avg_loc->alt == 40);
    CHECK(record.avg_loc->fix == 2);
    CHECK(record.avg_loc->time_sec == kNow.sec);
    CHECK(record.avg_loc->time_usec == kNow.usec);
}

TEST_CASE("the average is the mean of unit vectors, altitude the mean of 3D fixes", "[subrecords]") {
    LocationRecord record;
    record.add_with_average(fix_at(52.5, 13.25, 3, 100), kNow);
    record.add_with_average(fix_at(52.75, 13.5, 2, 999), kNow);
    record.add_with_average(fix_at(52.25, 13.0, 3, 50), kNow);
    // Hand-computed with Kismet's formula (x,y,z summed, atan2 back): not the arithmetic mean 52.5 / 13.25.
    REQUIRE(record.avg_loc);
    CHECK(record.avg_loc->lat == Approx(52.50017560606236).epsilon(1e-14));
    CHECK(record.avg_loc->lon == Approx(13.249052261750089).epsilon(1e-14));
    CHECK(record.avg_loc->alt == 75);  // (100 + 50) / 2: the 2D fix's altitude is not averaged
    CHECK(record.avg_loc->fix == 3);
    CHECK(record.loc_fix == 3);
    CHECK(record.min_loc->lat == 52.25);
    CHECK(record.max_loc->lat == 52.75);
    CHECK(record.min_loc->lon == 13.0);
    CHECK(record.max_loc->lon == 13.5);
    CHECK(record.min_loc->alt == 50);
    CHECK(record.max_loc->alt == 100);
    CHECK(record.last->lat == 52.25);

    LocationRecord flat;
    flat.add_with_average(fix_at(10, 20, 2), kNow);
    flat.add_with_average(fix_at(10, 22, 2), kNow);
    CHECK(flat.avg_loc->lat == Approx(10.001492526984078).epsilon(1e-14));  // the great-circle midpoint
    CHECK(flat.avg_loc->lon == Approx(21).epsilon(1e-14));
    CHECK(flat.avg_loc->fix == 2);  // no 3D fix averaged
    CHECK(flat.avg_loc->alt == 0);
}

TEST_CASE("a bound at exactly 0 counts as unset and is replaced", "[subrecords]") {
    LocationRecord record;
    record.add(fix_at(0, 5, 3, 0));
    record.add(fix_at(3, 7, 3, 20));
    // min lat was 0 (the equator): Kismet takes 3 as the new minimum. min alt was 0: 20 replaces it.
    CHECK(record.min_loc->lat == 3);
    CHECK(record.max_loc->lat == 3);
    CHECK(record.min_loc->lon == 5);
    CHECK(record.max_loc->lon == 7);
    CHECK(record.min_loc->alt == 20);
    CHECK(record.max_loc->alt == 20);
    record.add(fix_at(-1, 6, 3, 10));
    CHECK(record.min_loc->lat == -1);
    CHECK(record.min_loc->alt == 10);
}

TEST_CASE("the tracker averages at most one fix per second of its clock", "[subrecords]") {
    LocationRecord record;
    record.update(fix_at(50, 10, 2), WallTime{1000, 0});
    record.update(fix_at(51, 11, 2), WallTime{1000, 500});  // same second: box and last only
    CHECK(record.averaged_fixes == 1);
    CHECK(record.avg_loc->lat == 50);
    CHECK(record.last->lat == 51);
    CHECK(record.max_loc->lat == 51);
    record.update(fix_at(52, 12, 1), WallTime{1001, 0});  // uses up second 1001 although it is ignored
    record.update(fix_at(52, 12, 2), WallTime{1001, 1});
    CHECK(record.averaged_fixes == 1);
    CHECK(record.last_average_time == 1001);
    CHECK(record.max_loc->lat == 52);
    record.update(fix_at(52, 12, 2), WallTime{1002, 0});
    CHECK(record.averaged_fixes == 2);
    CHECK(record.avg_loc->time_sec == 1002);
}

TEST_CASE("location records stay small", "[subrecords]") {
    CHECK(sizeof(LocationPoint) == 48);
    CHECK(sizeof(LocationRecord) == 288);  // allocated only for devices heard with a GPS fix
}
