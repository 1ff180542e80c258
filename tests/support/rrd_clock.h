// A random clock for the RRD tests: the seconds a stream of samples comes in, with the runs and gaps that take
// each of Kismet's add_sample paths.
#pragma once

#include <cstdint>
#include <random>

namespace kismetcore::testing {

// The time of the next sample after `now`: mostly the same or the next seconds, sometimes a gap past a minute, an
// hour or a day, rarely back by up to 90 seconds (a late sample).
inline std::uint64_t next_rrd_time(std::mt19937_64& random, std::uint64_t now) {
    switch (random() % 10) {
        case 0:
            return now + 61 + random() % 600;
        case 1:
            return now + (random() % 2 == 0 ? 3601 + random() % 7200 : 86401 + random() % 1000);
        case 2:
            return now - random() % 90;
        case 3:
        case 4:
            return now + 1 + random() % 59;
        default:
            return now;
    }
}

}  // namespace kismetcore::testing
