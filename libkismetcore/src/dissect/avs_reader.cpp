// Reads the AVS WLAN capture header (DLT 163, or DLT 119 with an AVS magic) into RadioInfo.
#include "kismetcore/dissect/avs_reader.h"

#include <limits>

#include "dissect/link_layer_internal.h"
#include "dissect/reset_to_default.h"
#include "kismetcore/capture/packet.h"
#include "kismetcore/common/byte_cursor.h"
#include "kismetcore/dissect/channel.h"

namespace kismetcore::dissect {
namespace {

using namespace avs;

struct AvsHeader {
    std::uint64_t mactime = 0;
    std::uint64_t hosttime = 0;
    std::uint32_t phytype = 0;
    std::uint32_t frequency = 0;
    std::uint32_t datarate = 0;
    std::uint32_t antenna = 0;
    std::uint32_t priority = 0;
    std::uint32_t ssi_type = 0;
    std::uint32_t ssi_signal = 0;
    std::uint32_t ssi_noise = 0;
    std::uint32_t preamble = 0;
    std::uint32_t encoding = 0;
};

bool read_header(ByteCursor& cursor, AvsHeader& header) noexcept {
    return cursor.read_be64(header.mactime) && cursor.read_be64(header.hosttime) && cursor.read_be32(header.phytype) &&
           cursor.read_be32(header.frequency) && cursor.read_be32(header.datarate) &&
           cursor.read_be32(header.antenna) && cursor.read_be32(header.priority) && cursor.read_be32(header.ssi_type) &&
           cursor.read_be32(header.ssi_signal) && cursor.read_be32(header.ssi_noise) &&
           cursor.read_be32(header.preamble) && cursor.read_be32(header.encoding);
}

Band band_of_phy(std::uint32_t phytype) noexcept {
    switch (phytype) {
        case kPhyDsss:
        case kPhyDsssB:
        case kPhyPbccB:
        case kPhyOfdmG:
        case kPhyPbccG:
        case kPhyDsssOfdmG:
            return Band::ghz_2_4;
        case kPhyOfdmA:
            return Band::ghz_5;
        default:
            return Band::unknown;
    }
}

PhyEncoding encoding_of(std::uint32_t encoding, std::uint32_t phytype) noexcept {
    switch (encoding) {  // 1 CCK, 2 PBCC, 3 OFDM, 4 DSSS-OFDM, 5-8 modulations of OFDM
        case 1:
        case 2:
            return PhyEncoding::cck;
        case 3:
        case 4:
            return PhyEncoding::ofdm;
        default:
            break;
    }
    switch (phytype) {
        case kPhyFhss:
            return PhyEncoding::fhss;
        case kPhyDsss:
        case kPhyDsssB:
        case kPhyPbccB:
            return PhyEncoding::cck;
        case kPhyOfdmG:
        case kPhyPbccG:
        case kPhyOfdmA:
        case kPhyDsssOfdmG:
            return PhyEncoding::ofdm;
        default:
            return PhyEncoding::unknown;
    }
}

std::int16_t clamp_dbm(std::uint32_t raw) noexcept {
    const auto value = static_cast<std::int32_t>(raw);
    if (value < std::numeric_limits<std::int16_t>::min()) return std::numeric_limits<std::int16_t>::min();
    if (value > std::numeric_limits<std::int16_t>::max()) return std::numeric_limits<std::int16_t>::max();
    return static_cast<std::int16_t>(value);
}

void apply_frequency(const AvsHeader& header, RadioInfo& radio) noexcept {
    if (header.phytype == kPhyFhss) {
        radio.fhss = FhssInfo{static_cast<std::uint8_t>(header.frequency & 0xFFu),
                              static_cast<std::uint8_t>((header.frequency >> 8) & 0xFFu)};
        return;
    }
    if (header.frequency == 0) return;
    if (header.frequency < 256) {
        radio.channel = header.frequency;
        if (const auto mhz = frequency_from_channel(header.frequency, band_of_phy(header.phytype)))
            radio.frequency_khz = *mhz * 1000;
        return;
    }
    const std::uint32_t mhz = header.frequency < 10000 ? header.frequency : header.frequency / 1000;
    radio.frequency_khz = header.frequency < 10000 ? header.frequency * 1000 : header.frequency;
    radio.channel = channel_from_frequency(mhz);
}

void apply_signal(const AvsHeader& header, RadioInfo& radio) noexcept {
    const bool has_noise = header.ssi_noise != 0xFFFFFFFFu;
    switch (header.ssi_type) {
        case kSsiDbm:
            radio.signal_dbm = clamp_dbm(header.ssi_signal);
            if (has_noise) radio.noise_dbm = clamp_dbm(header.ssi_noise);
            break;
        case kSsiNormalizedRssi:
        case kSsiRawRssi:
            radio.signal_rssi = header.ssi_signal;
            if (has_noise) radio.noise_rssi = header.ssi_noise;
            break;
        default:
            break;
    }
}

}  // namespace

DissectError dissect_avs(std::span<const std::uint8_t> packet, RadioInfo& radio, LinkPayload& payload) noexcept {
    detail::reset_to_default(radio);
    payload = LinkPayload{};
    radio.header = LinkHeaderType::avs;

    ByteCursor cursor(packet);
    std::uint32_t magic = 0, length = 0;
    if (!cursor.read_be32(magic) || !cursor.read_be32(length))
        return dissect_error(DissectStatus::truncated, "AVS header shorter than 8 bytes", 0);
    if (magic != kMagicV1 && magic != kMagicV2) {
        if ((magic & 0xFFFFFFF0u) == kMagicBase)
            return dissect_error(DissectStatus::unsupported_version, "AVS header version is not 1 or 2", 0);
        return dissect_error(DissectStatus::malformed, "AVS header does not start with an AVS magic", 0);
    }
    if (length < kHeaderLengthV1)
        return dissect_error(DissectStatus::malformed, "AVS header length is below 64 bytes", 4);
    if (length > packet.size())
        return dissect_error(DissectStatus::truncated, "AVS header length runs past the captured bytes", 4);

    AvsHeader header;
    read_header(cursor, header);  // fits: length >= 64 and the packet holds length bytes
    if (header.mactime != 0) radio.tsft = header.mactime;
    apply_frequency(header, radio);
    if (header.datarate != 0) {
        // 100 kbps units, or bits per second from 100000 up.
        radio.rate_500kbps = header.datarate < 100000 ? header.datarate / 5 : header.datarate / 500000;
    }
    if (header.antenna != 0 && header.antenna <= 0xFF) radio.antenna = static_cast<std::uint8_t>(header.antenna);
    apply_signal(header, radio);
    radio.short_preamble = header.preamble == 1;
    radio.encoding = encoding_of(header.encoding, header.phytype);

    // capturefrm.txt: every frame ends with its FCS, 0xFFFFFFFF when the hardware supplied none.
    const auto frame = packet.subspan(length);
    if (frame.size() < 4) return dissect_error(DissectStatus::truncated, "AVS frame is shorter than its FCS", length);
    ByteCursor trailer(frame.last(4));
    std::uint32_t fcs = 0;
    trailer.read_le32(fcs);
    if (fcs == kFcsNotSupplied) {
        radio.fcs_present = true;
        payload = LinkPayload{capture::dlt::kIeee80211, frame.first(frame.size() - 4)};
        return kDissectOk;
    }
    return finish_dot11_payload(packet, length, true, radio, payload);
}

}  // namespace kismetcore::dissect
