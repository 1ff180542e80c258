// A process for the crash test: logs packet rows as fast as it can, and after each batch it has seen committed
// prints the number of rows committed so far, so the test knows what a kill must not lose.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kismetcore/log/kismetdb_writer.h"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fputs("usage: kismetdb_crash_writer LOG ROWS\n", stderr);
        return 2;
    }
    std::string error;
    kismetcore::log::KismetdbWriterOptions options;
    options.commit_interval = std::chrono::milliseconds(20);
    auto writer = kismetcore::log::KismetdbWriter::create(argv[1], options, error);
    if (!writer) {
        std::fprintf(stderr, "kismetdb_crash_writer: %s\n", error.c_str());
        return 1;
    }
    std::puts("created");
    std::fflush(stdout);
    const long rows = std::atol(argv[2]);
    for (long row = 1; row <= rows; ++row) {
        kismetcore::log::PacketRow packet;
        packet.ts_sec = row;  // the row's number, so the test can tell which rows arrived
        packet.phyname = "IEEE802.11";
        const std::vector<std::uint8_t> bytes(1024, static_cast<std::uint8_t>(row));
        packet.packet = bytes;
        packet.packet_id = static_cast<std::uint64_t>(row);
        writer->write(std::move(packet));
        if (row % 500 == 0) {
            writer->flush();
            std::printf("committed %ld\n", row);
            std::fflush(stdout);
        }
    }
    return writer->close(&error) ? 0 : 1;
}
