// Lays out the 144-byte wlan-ng Prism header ahead of a frame.
#include "kismetcore/craft/prism_builder.h"

#include <algorithm>

#include "craft/header_bytes.h"
#include "kismetcore/dissect/fcs.h"
#include "kismetcore/dissect/prism_reader.h"

namespace kismetcore::craft {

using namespace header_bytes;
namespace prism = dissect::prism;

PrismBuilder& PrismBuilder::set(std::size_t item, std::uint32_t value) {
    items_[item] = value;
    return *this;
}

PrismBuilder& PrismBuilder::device_name(std::string_view name) {
    device_name_.fill(0);
    std::copy_n(name.begin(), std::min(name.size(), device_name_.size() - 1), device_name_.begin());
    return *this;
}

PrismBuilder& PrismBuilder::host_time(std::uint32_t jiffies) {
    return set(prism::kHostTime, jiffies);
}
PrismBuilder& PrismBuilder::mac_time(std::uint32_t microseconds) {
    return set(prism::kMacTime, microseconds);
}
PrismBuilder& PrismBuilder::channel(std::uint32_t channel) {
    return set(prism::kChannel, channel);
}
PrismBuilder& PrismBuilder::rssi(std::int32_t rssi) {
    return set(prism::kRssi, static_cast<std::uint32_t>(rssi));
}
PrismBuilder& PrismBuilder::signal_quality(std::uint32_t quality) {
    return set(prism::kSignalQuality, quality);
}
PrismBuilder& PrismBuilder::signal(std::int32_t signal) {
    return set(prism::kSignal, static_cast<std::uint32_t>(signal));
}
PrismBuilder& PrismBuilder::noise(std::int32_t noise) {
    return set(prism::kNoise, static_cast<std::uint32_t>(noise));
}
PrismBuilder& PrismBuilder::rate(std::uint32_t rate_500kbps) {
    return set(prism::kRate, rate_500kbps);
}
PrismBuilder& PrismBuilder::is_tx(bool transmitted) {
    return set(prism::kIsTx, transmitted ? 1 : 0);
}
PrismBuilder& PrismBuilder::frame_length(std::uint32_t length) {
    return set(prism::kFrameLength, length);
}

PrismBuilder& PrismBuilder::old_did_numbering(bool old) {
    old_dids_ = old;
    return *this;
}

PrismBuilder& PrismBuilder::big_endian(bool big_endian) {
    big_endian_ = big_endian;
    return *this;
}

PrismBuilder& PrismBuilder::message_length(std::uint32_t msglen) {
    message_length_ = msglen;
    return *this;
}

PrismBuilder& PrismBuilder::fcs(bool append) {
    fcs_ = append;
    return *this;
}

PrismBuilder& PrismBuilder::corrupt_fcs() {
    fcs_ = true;
    corrupt_fcs_ = true;
    return *this;
}

std::vector<std::uint8_t> PrismBuilder::header(std::size_t frame_length) const {
    std::vector<std::uint8_t> out;
    const auto put32 = [&](std::uint32_t value) { big_endian_ ? put_be(out, value) : put_le(out, value); };
    const auto put16 = [&](std::uint16_t value) { big_endian_ ? put_be(out, value) : put_le(out, value); };
    put32(old_dids_ ? 0x41u : prism::kMessageCode);
    put32(message_length_.value_or(static_cast<std::uint32_t>(prism::kHeaderLength)));
    for (const char c : device_name_) out.push_back(static_cast<std::uint8_t>(c));
    for (std::uint32_t item = prism::kHostTime; item <= prism::kFrameLength; ++item) {
        auto value = items_[item];
        if (item == prism::kFrameLength && !value) value = static_cast<std::uint32_t>(frame_length);
        put32(old_dids_ ? (item << 12) | 0x41u : prism::did(static_cast<prism::Item>(item)));
        put16(value ? 0 : 1);  // status: 0 supplied, 1 not supplied
        put16(4);
        put32(value.value_or(0));
    }
    return out;
}

std::vector<std::uint8_t> PrismBuilder::build(std::span<const std::uint8_t> frame) const {
    auto out = header(frame.size() + (fcs_ ? 4 : 0));
    put_bytes(out, frame);
    if (fcs_) put_le(out, dissect::crc32(frame) ^ (corrupt_fcs_ ? 0xFFFFFFFFu : 0u));
    return out;
}

}  // namespace kismetcore::craft
