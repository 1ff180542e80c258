// A log's packets into pcapng or pcap files.
#include "log_conversion.h"

#include <cstdio>
#include <map>
#include <utility>

#include "kismetcore/capture/pcap_file_writer.h"
#include "kismetcore/capture/pcapng_file_writer.h"
#include "kismetcore/log/kismetdb_reader.h"

namespace kismetcore::apps {
namespace {

std::unique_ptr<log::KismetdbReader> open_log(const std::string& path) {
    std::string error;
    auto reader = log::KismetdbReader::open(path, error);
    if (!reader) std::fprintf(stderr, "kismetdb: %s\n", error.c_str());
    return reader;
}

// The length on the wire: the log's, or the stored bytes' when it does not say (before db_version 9).
std::uint32_t original_length(const log::LoggedPacket& packet) {
    return packet.full_length != 0 ? packet.full_length : static_cast<std::uint32_t>(packet.bytes.size());
}

int fail(const std::string& message) {
    std::fprintf(stderr, "kismetdb: %s\n", message.c_str());
    return 1;
}

}  // namespace

int log_to_pcapng(const std::string& log_path, const std::string& output) {
    const auto reader = open_log(log_path);
    if (!reader) return 1;
    std::string error;
    // Interfaces are named after their datasource's capture interface, as Kismet's own converter names them.
    std::map<std::string, std::string> interface_of_source;
    if (!reader->datasources(
            [&interface_of_source](const log::LoggedDatasource& source) {
                interface_of_source[source.uuid] = source.interface.empty() ? source.uuid : source.interface;
                return true;
            },
            error))
        return fail(error);
    auto writer = capture::PcapngFileWriter::create(output, error);
    if (!writer) return fail(error);
    std::map<std::pair<std::string, std::uint32_t>, std::uint32_t> interfaces;
    bool written = true;
    const bool read = reader->packets(
        {},
        [&](const log::LoggedPacket& packet) {
            const auto key = std::make_pair(packet.datasource, packet.dlt);
            auto found = interfaces.find(key);
            if (found == interfaces.end()) {
                const auto name = interface_of_source.find(packet.datasource);
                found = interfaces
                            .emplace(key, writer->add_interface(packet.dlt, name != interface_of_source.end()
                                                                                ? name->second
                                                                                : packet.datasource))
                            .first;
            }
            written = writer->write(found->second, packet.ts_sec, static_cast<std::uint32_t>(packet.ts_usec),
                                    packet.bytes, original_length(packet));
            return written;
        },
        error);
    if (!writer->close() || !written) return fail(writer->error());
    if (!read) return fail(error);
    return 0;
}

int log_to_pcap(const std::string& log_path, const std::string& output) {
    const auto reader = open_log(log_path);
    if (!reader) return 1;
    std::string error;
    log::LogStatistics statistics;
    if (!reader->statistics(statistics, error)) return fail(error);
    if (statistics.link_types.size() > 1) {
        std::string types;
        for (const auto dlt : statistics.link_types) types += (types.empty() ? "" : ", ") + std::to_string(dlt);
        return fail(log_path + " holds packets of " + std::to_string(statistics.link_types.size()) + " link types (" +
                    types + "); a pcap file holds one: use to-pcapng");
    }
    // An empty log still makes a valid, empty capture (of raw 802.11, Kismet's usual link type).
    const std::uint32_t dlt = statistics.link_types.empty() ? capture::dlt::kIeee80211 : statistics.link_types[0];
    auto writer = capture::PcapFileWriter::create(output, dlt, error);
    if (!writer) return fail(error);
    bool written = true;
    const bool read = reader->packets(
        {},
        [&](const log::LoggedPacket& packet) {
            written = writer->write(packet.ts_sec, static_cast<std::uint32_t>(packet.ts_usec), packet.bytes,
                                    original_length(packet));
            return written;
        },
        error);
    if (!writer->close() || !written) return fail(writer->error());
    if (!read) return fail(error);
    return 0;
}

}  // namespace kismetcore::apps
