// A log without packets, and the devices' locations as GeoJSON.
#include "log_copies.h"

#include <cstdio>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "kismetcore/log/kismetdb_reader.h"
#include "kismetcore/log/kismetdb_strip.h"

namespace kismetcore::apps {

int strip_packets(const std::string& log_path, const std::string& output) {
    std::string error;
    if (log::strip_kismetdb_packets(log_path, output, error)) return 0;
    std::fprintf(stderr, "kismetdb: %s\n", error.c_str());
    return 1;
}

int log_to_geojson(const std::string& log_path) {
    std::string error;
    const auto reader = log::KismetdbReader::open(log_path, error);
    if (!reader) {
        std::fprintf(stderr, "kismetdb: %s\n", error.c_str());
        return 1;
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
    out.StartObject();
    out.Key("type");
    out.String("FeatureCollection");
    out.Key("features");
    out.StartArray();
    const bool read = reader->devices(
        {},
        [&out](const log::LoggedDevice& device) {
            // Kismet writes 0 for a device it never located.
            if (device.avg_lat == 0 && device.avg_lon == 0) return true;
            out.StartObject();
            out.Key("type");
            out.String("Feature");
            out.Key("geometry");
            out.StartObject();
            out.Key("type");
            out.String("Point");
            out.Key("coordinates");  // GeoJSON puts longitude first
            out.StartArray();
            out.Double(device.avg_lon);
            out.Double(device.avg_lat);
            out.EndArray();
            out.EndObject();
            out.Key("properties");
            out.StartObject();
            out.Key("devmac");
            out.String(device.devmac.c_str());
            out.Key("devkey");
            out.String(device.devkey.c_str());
            out.Key("phyname");
            out.String(device.phyname.c_str());
            out.Key("type");
            out.String(device.type.c_str());
            out.Key("first_time");
            out.Int64(device.first_time);
            out.Key("last_time");
            out.Int64(device.last_time);
            out.Key("strongest_signal");
            out.Int64(device.strongest_signal);
            out.Key("bbox");  // the box the device was seen in: [min lon, min lat, max lon, max lat]
            out.StartArray();
            out.Double(device.min_lon);
            out.Double(device.min_lat);
            out.Double(device.max_lon);
            out.Double(device.max_lat);
            out.EndArray();
            out.EndObject();
            out.EndObject();
            return true;
        },
        error);
    out.EndArray();
    out.EndObject();
    if (!read) {
        std::fprintf(stderr, "kismetdb: %s\n", error.c_str());
        return 1;
    }
    std::printf("%s\n", buffer.GetString());
    return 0;
}

}  // namespace kismetcore::apps
