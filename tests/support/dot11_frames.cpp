// Stations, truncation sweeps and real-capture loading for the 802.11 and EAPOL tests.
#include "support/dot11_frames.h"

#include <catch2/catch.hpp>

#include <string>

#include "kismetcore/capture/capture_file_reader.h"
#include "kismetcore/dissect/link_layer.h"
#include "kismetcore/dissect/radio_info.h"
#include "support/shared_captures.h"

namespace kismetcore::testing {

MacAddress mac(std::string_view text) {
    const auto parsed = MacAddress::parse(text);
    REQUIRE(parsed.has_value());
    return *parsed;
}

Owned<dissect::Dot11Frame> dissect_frame_ok(std::span<const std::uint8_t> bytes) {
    Owned<dissect::Dot11Frame> owned;
    owned.bytes.assign(bytes.begin(), bytes.end());
    const auto error = dissect::dissect_dot11_frame(owned.bytes, owned);
    INFO(dissect::to_string(error.status) << ": " << error.reason << " at byte " << error.offset);
    REQUIRE(error.ok());
    return owned;
}

Owned<dissect::EapolKey> dissect_eapol_ok(std::span<const std::uint8_t> bytes) {
    Owned<dissect::EapolKey> owned;
    owned.bytes.assign(bytes.begin(), bytes.end());
    const auto error = dissect::dissect_eapol(owned.bytes, owned);
    INFO(dissect::to_string(error.status) << ": " << error.reason << " at byte " << error.offset);
    REQUIRE(error.ok());
    return owned;
}

std::vector<std::size_t> truncation_failures(
    std::span<const std::uint8_t> bytes, std::size_t complete_length,
    const std::function<dissect::DissectError(std::span<const std::uint8_t>)>& dissect) {
    std::vector<std::size_t> failures;
    for (std::size_t length = 0; length <= bytes.size(); ++length) {
        // A copy of exactly `length` bytes, so a read past the prefix is a heap overflow the sanitizer sees.
        const std::vector<std::uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length));
        const auto error = dissect(prefix);
        if (length < complete_length && error.status != dissect::DissectStatus::truncated) failures.push_back(length);
        if (length >= complete_length && !error.ok()) failures.push_back(length + 100000);
    }
    return failures;
}

Dot11Capture read_dot11_capture(const std::filesystem::path& path) {
    Dot11Capture capture;
    std::string error;
    auto reader = capture::CaptureFileReader::open(path, 0, error);
    REQUIRE(reader != nullptr);
    capture::Packet packet;
    while (reader->next(packet) == capture::ReadResult::packet) {
        dissect::RadioInfo radio;
        dissect::LinkPayload payload;
        const auto status = dissect::dissect_link_layer(packet.dlt, packet.bytes(), radio, payload);
        if (!status.ok() || payload.dlt != 105) {
            ++capture.undecodable;
            continue;
        }
        capture.frames.emplace_back(payload.bytes.begin(), payload.bytes.end());
    }
    return capture;
}

std::filesystem::path shared_capture(std::string_view name) {
    const auto dir = shared_captures_dir();
    if (dir.empty()) return {};
    auto path = dir / name;
    return std::filesystem::exists(path) ? path : std::filesystem::path{};
}

}  // namespace kismetcore::testing
