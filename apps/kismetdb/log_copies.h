// kismetdb strip-packets and to-geojson: a smaller log without packets, and the devices' locations as GeoJSON.
#pragma once

#include <string>

namespace kismetcore::apps {

// A copy of the log without its packets and data rows, compacted; never over an existing file. 0, or 1 with
// the reason on stderr.
int strip_packets(const std::string& log_path, const std::string& output);
// The devices with a location, as a GeoJSON FeatureCollection of points at their average location, on stdout.
int log_to_geojson(const std::string& log_path);

}  // namespace kismetcore::apps
