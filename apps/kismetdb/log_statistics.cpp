// A log's version, row counts, time range, link types, sources and devices per phy.
#include "log_statistics.h"

#include <cstdio>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "kismetcore/log/kismetdb_reader.h"

namespace kismetcore::apps {
namespace {

void print_json(const std::string& log_path, const log::KismetdbLogInfo& info, const log::LogStatistics& stats) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
    out.StartObject();
    out.Key("file");
    out.String(log_path.c_str());
    out.Key("kismet_version");
    out.String(info.kismet_version.c_str());
    out.Key("db_version");
    out.Int(info.db_version);
    out.Key("tables");
    out.StartObject();
    for (const auto& table : stats.tables) {
        out.Key(table.name.c_str());
        out.Uint64(table.rows);
    }
    out.EndObject();
    out.Key("first_packet_time");
    stats.first_packet_time ? out.Int64(*stats.first_packet_time) : out.Null();
    out.Key("last_packet_time");
    stats.last_packet_time ? out.Int64(*stats.last_packet_time) : out.Null();
    out.Key("link_types");
    out.StartArray();
    for (const auto dlt : stats.link_types) out.Uint(dlt);
    out.EndArray();
    out.Key("sources");
    out.StartArray();
    for (const auto& source : stats.sources) {
        out.StartObject();
        out.Key("uuid");
        out.String(source.uuid.c_str());
        out.Key("type");
        out.String(source.typestring.c_str());
        out.Key("name");
        out.String(source.name.c_str());
        out.Key("interface");
        out.String(source.interface.c_str());
        out.Key("packets");
        out.Uint64(source.packets);
        out.EndObject();
    }
    out.EndArray();
    out.Key("devices_per_phy");
    out.StartObject();
    for (const auto& phy : stats.devices_per_phy) {
        out.Key(phy.name.c_str());
        out.Uint64(phy.devices);
    }
    out.EndObject();
    out.EndObject();
    std::printf("%s\n", buffer.GetString());
}

void print_text(const std::string& log_path, const log::KismetdbLogInfo& info, const log::LogStatistics& stats) {
    std::printf("%s: kismetdb version %d, written by %s\n", log_path.c_str(), info.db_version,
                info.kismet_version.c_str());
    for (const auto& table : stats.tables)
        std::printf("  %-12s %llu rows\n", table.name.c_str(), static_cast<unsigned long long>(table.rows));
    if (stats.first_packet_time)
        std::printf("packets from %lld to %lld (%lld s)\n", static_cast<long long>(*stats.first_packet_time),
                    static_cast<long long>(*stats.last_packet_time),
                    static_cast<long long>(*stats.last_packet_time - *stats.first_packet_time));
    std::string types;
    for (const auto dlt : stats.link_types) types += (types.empty() ? "" : ", ") + std::to_string(dlt);
    std::printf("link types: %s\n", types.empty() ? "none" : types.c_str());
    for (const auto& source : stats.sources)
        std::printf("source %s (%s, %s): %llu packets\n", source.uuid.c_str(), source.typestring.c_str(),
                    source.interface.c_str(), static_cast<unsigned long long>(source.packets));
    for (const auto& phy : stats.devices_per_phy)
        std::printf("devices of %s: %llu\n", phy.name.c_str(), static_cast<unsigned long long>(phy.devices));
}

}  // namespace

int print_log_statistics(const std::string& log_path, bool json) {
    std::string error;
    const auto reader = log::KismetdbReader::open(log_path, error);
    log::LogStatistics stats;
    if (!reader || !reader->statistics(stats, error)) {
        std::fprintf(stderr, "kismetdb: %s\n", error.c_str());
        return 1;
    }
    if (json)
        print_json(log_path, reader->info(), stats);
    else
        print_text(log_path, reader->info(), stats);
    return 0;
}

}  // namespace kismetcore::apps
