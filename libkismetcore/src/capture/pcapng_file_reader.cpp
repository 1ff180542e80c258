// kismetcore's own pcapng parser: mixed link types per interface, and damage reported by block offset.
#include "capture/pcapng_file_reader.h"

#include <cstdio>
#include <string>
#include <vector>

#include "capture/packet_bytes.h"
#include "capture/pcapng_block_stream.h"
#include "capture/pcapng_blocks.h"
#include "capture/pcapng_format.h"

namespace kismetcore::capture {

namespace {

// As for pcap (pcap_file_reader.cpp): a read per megabyte, and room for most blocks without growing.
constexpr std::size_t kReadAheadSize = 1024 * 1024;

class PcapngFileReader final : public CaptureFileReader {
public:
    PcapngFileReader(std::filesystem::path path, StdioFile file, std::uint32_t first_link_type)
        : CaptureFileReader(std::move(path), CaptureFormat::pcapng, first_link_type),
          file_(std::move(file)),
          stream_(::fileno(file_.get()), kReadAheadSize) {}

private:
    ReadResult read_next(Packet& packet) override;
    ReadResult deliver(const PcapngBlock& block, const PcapngPacketFields& fields, Packet& packet);

    StdioFile file_;
    PcapngBlockStream stream_;
    // Interfaces of the current section, by id; a new section header starts the list again (section 4.1).
    std::vector<PcapngInterface> interfaces_;
    std::string what_;
};

ReadResult PcapngFileReader::read_next(Packet& packet) {
    PcapngBlock block;
    PcapngPacketFields fields;
    for (;;) {
        switch (stream_.next(block)) {
            case PcapngBlockStream::Status::end_of_file:
                return ReadResult::end_of_file;
            case PcapngBlockStream::Status::error:
                return fail(stream_.error_what(), stream_.error_offset());
            case PcapngBlockStream::Status::block:
                break;
        }
        switch (block.type) {
            case pcapng::kSectionHeaderBlock:
                if (!parse_section_header(block.body, block.big_endian, what_)) return fail(what_, block.offset);
                interfaces_.clear();
                break;
            case pcapng::kInterfaceDescriptionBlock: {
                PcapngInterface interface;
                if (!parse_interface(block.body, block.big_endian, interface, what_)) return fail(what_, block.offset);
                interfaces_.push_back(interface);
                break;
            }
            case pcapng::kEnhancedPacketBlock:
                if (!parse_enhanced_packet(block.body, block.big_endian, fields, what_))
                    return fail(what_, block.offset);
                return deliver(block, fields, packet);
            case pcapng::kObsoletePacketBlock:
                if (!parse_obsolete_packet(block.body, block.big_endian, fields, what_))
                    return fail(what_, block.offset);
                return deliver(block, fields, packet);
            case pcapng::kSimplePacketBlock: {
                if (interfaces_.empty())
                    return fail("simple packet block before any interface description", block.offset);
                if (!parse_simple_packet(block.body, block.big_endian, interfaces_.front().snaplen, fields, what_))
                    return fail(what_, block.offset);
                return deliver(block, fields, packet);
            }
            default:
                break;  // statistics, name resolution, custom and future blocks say nothing about packets
        }
    }
}

ReadResult PcapngFileReader::deliver(const PcapngBlock& block, const PcapngPacketFields& fields, Packet& packet) {
    if (fields.interface_id >= interfaces_.size())
        return fail("packet on interface " + std::to_string(fields.interface_id) + " but the section describes " +
                        std::to_string(interfaces_.size()) + " interface(s)",
                    block.offset);
    const PcapngInterface& interface = interfaces_[fields.interface_id];
    copy_packet_bytes(fields.data.data(), fields.data.size(), packet.data);
    to_seconds_and_microseconds(interface, fields.timestamp, packet.ts_sec, packet.ts_usec);
    packet.dlt = interface.dlt;
    packet.original_length = fields.original_length;
    return ReadResult::packet;
}

}  // namespace

std::unique_ptr<CaptureFileReader> open_pcapng_block_reader(const std::filesystem::path& path, StdioFile file,
                                                            std::uint32_t first_link_type) {
    return std::make_unique<PcapngFileReader>(path, std::move(file), first_link_type);
}

}  // namespace kismetcore::capture
