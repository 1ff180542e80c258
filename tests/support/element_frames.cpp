// Element test helpers: a parse that must succeed, and a minimal reader for the first frames of a pcap file.
#include "support/element_frames.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "support/shared_captures.h"

namespace kismetcore::testing {
namespace {

std::uint32_t read_u32(const std::vector<std::uint8_t>& bytes, std::size_t at, bool big_endian) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const std::size_t shift = big_endian ? 8 * (3 - i) : 8 * i;
        value |= static_cast<std::uint32_t>(bytes[at + i]) << shift;
    }
    return value;
}

}  // namespace

ParsedElements parse_elements(std::vector<std::uint8_t> elements) {
    ParsedElements parsed;
    // Moving the vector keeps its buffer, so the spans stay valid for as long as `parsed.bytes` lives.
    parsed.bytes = std::make_shared<const std::vector<std::uint8_t>>(std::move(elements));
    const auto status = dissect::parse_information_elements(*parsed.bytes, parsed);
    INFO("status " << dissect::to_string(status.status) << ": " << status.reason << " at " << status.offset);
    REQUIRE(status.ok());
    return parsed;
}

std::optional<CapturedBeacon> captured_beacon(std::string_view capture_name, std::size_t index, bool strip_fcs) {
    const auto dir = shared_captures_dir();
    if (dir.empty()) return std::nullopt;
    const auto bytes = read_whole_file(dir / std::string(capture_name));
    // Classic pcap only: a 24-octet global header, then 16-octet record headers.
    if (bytes.size() < 24) return std::nullopt;
    const bool big_endian = bytes[0] == 0xa1;
    const std::uint32_t link_type = read_u32(bytes, 20, big_endian);

    std::size_t at = 24;
    for (std::size_t record = 0;; ++record) {
        if (at + 16 > bytes.size()) return std::nullopt;
        const std::size_t included = read_u32(bytes, at + 8, big_endian);
        const std::size_t available = std::min(included, bytes.size() - (at + 16));
        if (record < index) {
            at += 16 + included;
            continue;
        }
        std::vector<std::uint8_t> frame(bytes.begin() + static_cast<std::ptrdiff_t>(at + 16),
                                        bytes.begin() + static_cast<std::ptrdiff_t>(at + 16 + available));
        if (link_type == 127) {  // radiotap: it_len at octets 2-3, little-endian
            if (frame.size() < 4) return std::nullopt;
            const auto header = static_cast<std::size_t>(frame[2] | (frame[3] << 8));
            if (header > frame.size()) return std::nullopt;
            frame.erase(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(header));
        }
        if (strip_fcs && frame.size() >= 4) frame.resize(frame.size() - 4);
        if (frame.size() < 36) return std::nullopt;
        CapturedBeacon beacon;
        beacon.capability_info = static_cast<std::uint16_t>(frame[34] | (frame[35] << 8));
        beacon.elements.assign(frame.begin() + 36, frame.end());
        beacon.frame = std::move(frame);
        return beacon;
    }
}

std::vector<std::uint8_t> read_whole_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    if (!file) return {};
    const auto size = static_cast<std::size_t>(file.tellg());
    std::vector<std::uint8_t> bytes(size);
    file.seekg(0);
    file.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
    if (!file) return {};
    return bytes;
}

std::vector<std::uint8_t> bytes_of(std::string_view text) {
    return {text.begin(), text.end()};
}

}  // namespace kismetcore::testing
