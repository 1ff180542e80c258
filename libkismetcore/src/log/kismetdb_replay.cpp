// Replaying a kismetdb's packets table through an engine.
#include "kismetcore/log/kismetdb_replay.h"

#include <map>

#include "kismetcore/engine/datasource_definition.h"
#include "kismetcore/log/kismetdb_reader.h"

namespace kismetcore::log {
namespace {

// The definition to add a logged source with: its own, with the logged UUID (Kismet logs definitions without
// one when the UUID was derived, as for a pcapfile; adding it keeps the records' seen-by UUIDs).
std::string definition_with_uuid(const LoggedDatasource& source) {
    std::string error;
    const auto parsed = parse_datasource_definition(source.definition, error);
    if (!parsed) return source.interface + ":uuid=" + source.uuid;
    if (parsed->option("uuid")) return source.definition;
    return source.definition + (parsed->options.empty() ? ":" : ",") + "uuid=" + source.uuid;
}

}  // namespace

Engine::FileResult replay_kismetdb(Engine& engine, const std::filesystem::path& path) {
    Engine::FileResult result;
    std::string error;
    const auto reader = KismetdbReader::open(path, error);
    if (!reader) {
        result.error = error;
        return result;
    }
    std::map<std::string, capture::SourceId> sources;
    if (!reader->datasources(
            [&](const LoggedDatasource& source) {
                std::string add_error;
                if (const auto id = engine.add_source(definition_with_uuid(source), add_error))
                    sources.emplace(source.uuid, *id);
                return true;
            },
            error)) {
        result.error = error;
        return result;
    }
    capture::Packet packet;
    const bool read = reader->packets(
        {},
        [&](const LoggedPacket& logged) {
            packet.data = logged.bytes;
            packet.ts_sec = logged.ts_sec;
            packet.ts_usec = static_cast<std::uint32_t>(logged.ts_usec);
            packet.dlt = logged.dlt;
            packet.original_length =
                logged.full_length != 0 ? logged.full_length : static_cast<std::uint32_t>(logged.bytes.size());
            const auto source = sources.find(logged.datasource);
            packet.source = source != sources.end() ? source->second : 0;
            engine.feed(packet);
            ++result.packets;
            return true;
        },
        error);
    if (!read) result.error = error;
    return result;
}

}  // namespace kismetcore::log
