// Builds AVS WLAN capture headers (DLT 163; linux-wlan-ng capturefrm.txt) for tests, examples, the sample
// capture generator and benchmarks. Builders allocate; they are not on the dissect path.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace kismetcore::craft {

// What the builder puts where the frame's FCS goes: AVS frames always end with one.
enum class AvsFcs : std::uint8_t { valid, not_supplied, corrupt };

// Version 2 (80 bytes) unless told otherwise; all fields big endian. Unset values are 0, noise 0xFFFFFFFF.
class AvsBuilder {
public:
    AvsBuilder& version(std::uint8_t version);  // 1 or 2; the magic is 0x80211000 + version
    AvsBuilder& magic(std::uint32_t magic);     // any magic, for tests of damaged headers
    AvsBuilder& header_length(std::uint32_t length);
    AvsBuilder& mac_time(std::uint64_t microseconds);
    AvsBuilder& host_time(std::uint64_t microseconds);
    AvsBuilder& phy_type(std::uint32_t phytype);     // dissect::avs::kPhy*
    AvsBuilder& frequency(std::uint32_t frequency);  // < 256 a channel, < 10000 MHz, else kHz
    AvsBuilder& data_rate(std::uint32_t rate_100kbps);
    AvsBuilder& antenna(std::uint32_t antenna);
    AvsBuilder& priority(std::uint32_t priority);
    AvsBuilder& ssi(std::uint32_t ssi_type, std::int32_t signal, std::int32_t noise);
    AvsBuilder& preamble(std::uint32_t preamble);  // 1 short, 2 long
    AvsBuilder& encoding(std::uint32_t encoding);  // 1 CCK, 2 PBCC, 3 OFDM, ...
    AvsBuilder& sequence(std::uint32_t sequence);
    AvsBuilder& drops(std::uint32_t drops);
    AvsBuilder& receiver(const std::array<std::uint8_t, 6>& address);
    AvsBuilder& fcs(AvsFcs fcs);

    [[nodiscard]] std::vector<std::uint8_t> header() const;
    [[nodiscard]] std::vector<std::uint8_t> build(std::span<const std::uint8_t> frame) const;

private:
    std::uint8_t version_ = 2;
    std::optional<std::uint32_t> magic_;
    std::optional<std::uint32_t> header_length_;
    std::uint64_t mac_time_ = 0;
    std::uint64_t host_time_ = 0;
    std::uint32_t phy_type_ = 0;
    std::uint32_t frequency_ = 0;
    std::uint32_t data_rate_ = 0;
    std::uint32_t antenna_ = 0;
    std::uint32_t priority_ = 0;
    std::uint32_t ssi_type_ = 0;
    std::int32_t ssi_signal_ = 0;
    std::int32_t ssi_noise_ = -1;
    std::uint32_t preamble_ = 0;
    std::uint32_t encoding_ = 0;
    std::uint32_t sequence_ = 0;
    std::uint32_t drops_ = 0;
    std::array<std::uint8_t, 6> receiver_{};
    AvsFcs fcs_ = AvsFcs::valid;
};

}  // namespace kismetcore::craft
