// Counts what one capture file holds, by frame type and subtype, for `--format summary`.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "kismetcore/dissect/packet_dissector.h"

namespace kismetcore::apps {

class CaptureSummary {
public:
    explicit CaptureSummary(std::string file) : file_(std::move(file)) {}

    void count(const dissect::DissectedPacket& dissected);
    void set_read_error(std::string error) { read_error_ = std::move(error); }
    // Writes one JSON object on one line.
    void print(std::FILE* out) const;

private:
    std::string file_;
    std::uint64_t packets_ = 0;
    std::uint64_t non_dot11_ = 0;
    // Keyed by the frame's type_name, so the printout reads without a table of subtype numbers.
    std::map<std::string, std::uint64_t> by_type_;
    std::map<std::string, std::uint64_t> errors_;
    std::string read_error_;
};

}  // namespace kismetcore::apps
