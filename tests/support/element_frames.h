// Helpers for the element tests: parse built element bytes, and pull the elements out of a shared capture.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "kismetcore/dissect/information_elements.h"

namespace kismetcore::testing {

// Parsed elements together with the bytes their spans point into, so a test can parse a temporary.
struct ParsedElements : dissect::InformationElements {
    std::shared_ptr<const std::vector<std::uint8_t>> bytes;
};

// Parses `elements` and requires the walk to have visited every element (status ok).
ParsedElements parse_elements(std::vector<std::uint8_t> elements);

// Frame `index` (0-based) of a pcap file in the shared captures folder, as a management frame with fixed
// fields (beacon or probe response): the radiotap header (DLT 127) is skipped and, when `strip_fcs`, the last
// four octets dropped. A record cut short in the file is taken as far as it goes. nullopt when the capture or
// the frame is missing.
struct CapturedBeacon {
    std::vector<std::uint8_t> frame;  // the 802.11 frame
    std::uint16_t capability_info = 0;
    std::vector<std::uint8_t> elements;  // after the 24-octet header and 12 octets of fixed fields

    [[nodiscard]] bool privacy() const noexcept { return (capability_info & 0x0010) != 0; }
};
std::optional<CapturedBeacon> captured_beacon(std::string_view capture_name, std::size_t index, bool strip_fcs);

// The whole file, or an empty vector when it cannot be read.
std::vector<std::uint8_t> read_whole_file(const std::filesystem::path& path);

// The bytes of a string literal, for comparing spans with expected text.
std::vector<std::uint8_t> bytes_of(std::string_view text);

}  // namespace kismetcore::testing
