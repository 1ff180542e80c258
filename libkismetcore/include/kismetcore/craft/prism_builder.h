// Builds wlan-ng Prism headers (DLT 119) for tests, examples, the sample capture generator and benchmarks.
// Builders allocate; they are not on the dissect path.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace kismetcore::craft {

// The 144-byte header: msgcode 0x44, msglen, a 16-byte device name, then the ten items in order. An item
// that is not set is written as "not supplied" (status 1, data 0); frame length defaults to the frame's.
class PrismBuilder {
public:
    PrismBuilder& device_name(std::string_view name);  // up to 15 characters are kept
    PrismBuilder& host_time(std::uint32_t jiffies);
    PrismBuilder& mac_time(std::uint32_t microseconds);
    PrismBuilder& channel(std::uint32_t channel);
    PrismBuilder& rssi(std::int32_t rssi);
    PrismBuilder& signal_quality(std::uint32_t quality);
    PrismBuilder& signal(std::int32_t signal);  // dBm when negative, otherwise a driver RSSI
    PrismBuilder& noise(std::int32_t noise);
    PrismBuilder& rate(std::uint32_t rate_500kbps);
    PrismBuilder& is_tx(bool transmitted);
    PrismBuilder& frame_length(std::uint32_t length);
    // The older wlan-ng DID numbering, (item << 12) | 0x41, instead of (item << 16) | 0x44.
    PrismBuilder& old_did_numbering(bool old);
    PrismBuilder& big_endian(bool big_endian);           // a capture written on a big-endian host
    PrismBuilder& message_length(std::uint32_t msglen);  // msglen as given (tests of damaged headers)
    // Appends the frame's CRC-32 (Prism has no flag for it); corrupt_fcs() appends a wrong one.
    PrismBuilder& fcs(bool append = true);
    PrismBuilder& corrupt_fcs();

    [[nodiscard]] std::vector<std::uint8_t> header(std::size_t frame_length) const;
    [[nodiscard]] std::vector<std::uint8_t> build(std::span<const std::uint8_t> frame) const;

private:
    PrismBuilder& set(std::size_t item, std::uint32_t value);

    std::array<char, 16> device_name_{'w', 'l', 'a', 'n', '0'};
    std::array<std::optional<std::uint32_t>, 11> items_{};  // indexed by item number 1-10
    bool old_dids_ = false;
    bool big_endian_ = false;
    std::optional<std::uint32_t> message_length_;
    bool fcs_ = false;
    bool corrupt_fcs_ = false;
};

}  // namespace kismetcore::craft
