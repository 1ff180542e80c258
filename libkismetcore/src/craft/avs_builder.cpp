// Lays out the big-endian AVS capture header ahead of a frame and its FCS.
#include "kismetcore/craft/avs_builder.h"

#include "craft/header_bytes.h"
#include "kismetcore/dissect/avs_reader.h"
#include "kismetcore/dissect/fcs.h"

namespace kismetcore::craft {

using namespace header_bytes;
namespace avs = dissect::avs;

AvsBuilder& AvsBuilder::version(std::uint8_t version) {
    version_ = version;
    return *this;
}
AvsBuilder& AvsBuilder::magic(std::uint32_t magic) {
    magic_ = magic;
    return *this;
}
AvsBuilder& AvsBuilder::header_length(std::uint32_t length) {
    header_length_ = length;
    return *this;
}
AvsBuilder& AvsBuilder::mac_time(std::uint64_t microseconds) {
    mac_time_ = microseconds;
    return *this;
}
AvsBuilder& AvsBuilder::host_time(std::uint64_t microseconds) {
    host_time_ = microseconds;
    return *this;
}
AvsBuilder& AvsBuilder::phy_type(std::uint32_t phytype) {
    phy_type_ = phytype;
    return *this;
}
AvsBuilder& AvsBuilder::frequency(std::uint32_t frequency) {
    frequency_ = frequency;
    return *this;
}
AvsBuilder& AvsBuilder::data_rate(std::uint32_t rate_100kbps) {
    data_rate_ = rate_100kbps;
    return *this;
}
AvsBuilder& AvsBuilder::antenna(std::uint32_t antenna) {
    antenna_ = antenna;
    return *this;
}
AvsBuilder& AvsBuilder::priority(std::uint32_t priority) {
    priority_ = priority;
    return *this;
}
AvsBuilder& AvsBuilder::preamble(std::uint32_t preamble) {
    preamble_ = preamble;
    return *this;
}
AvsBuilder& AvsBuilder::encoding(std::uint32_t encoding) {
    encoding_ = encoding;
    return *this;
}
AvsBuilder& AvsBuilder::sequence(std::uint32_t sequence) {
    sequence_ = sequence;
    return *this;
}
AvsBuilder& AvsBuilder::drops(std::uint32_t drops) {
    drops_ = drops;
    return *this;
}
AvsBuilder& AvsBuilder::receiver(const std::array<std::uint8_t, 6>& address) {
    receiver_ = address;
    return *this;
}
AvsBuilder& AvsBuilder::fcs(AvsFcs fcs) {
    fcs_ = fcs;
    return *this;
}

AvsBuilder& AvsBuilder::ssi(std::uint32_t ssi_type, std::int32_t signal, std::int32_t noise) {
    ssi_type_ = ssi_type;
    ssi_signal_ = signal;
    ssi_noise_ = noise;
    return *this;
}

std::vector<std::uint8_t> AvsBuilder::header() const {
    std::vector<std::uint8_t> out;
    const auto default_length = version_ == 1 ? avs::kHeaderLengthV1 : avs::kHeaderLengthV2;
    put_be(out, magic_.value_or(avs::kMagicBase + version_));
    put_be(out, header_length_.value_or(static_cast<std::uint32_t>(default_length)));
    put_be(out, mac_time_);
    put_be(out, host_time_);
    for (const std::uint32_t value :
         {phy_type_, frequency_, data_rate_, antenna_, priority_, ssi_type_, static_cast<std::uint32_t>(ssi_signal_),
          static_cast<std::uint32_t>(ssi_noise_), preamble_, encoding_})
        put_be(out, value);
    if (version_ != 1) {
        put_be(out, sequence_);
        put_be(out, drops_);
        put_bytes(out, receiver_);
        out.push_back(0);
        out.push_back(0);
    }
    return out;
}

std::vector<std::uint8_t> AvsBuilder::build(std::span<const std::uint8_t> frame) const {
    auto out = header();
    put_bytes(out, frame);
    switch (fcs_) {
        case AvsFcs::valid:
            put_le(out, dissect::crc32(frame));
            break;
        case AvsFcs::not_supplied:
            put_le(out, avs::kFcsNotSupplied);
            break;
        case AvsFcs::corrupt:
            put_le(out, dissect::crc32(frame) ^ 0xFFFFFFFFu);
            break;
    }
    return out;
}

}  // namespace kismetcore::craft
