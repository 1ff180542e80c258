// Reads the wlan-ng Prism header (DLT 119) item by item, then hands back the 802.11 frame after msglen.
#include "kismetcore/dissect/prism_reader.h"

#include <limits>
#include <optional>

#include "dissect/link_layer_internal.h"
#include "dissect/reset_to_default.h"
#include "kismetcore/common/byte_cursor.h"
#include "kismetcore/dissect/avs_reader.h"
#include "kismetcore/dissect/channel.h"
#include "kismetcore/dissect/fcs.h"

namespace kismetcore::dissect {
namespace {

using namespace prism;

// Reads u32s in the capturing host's byte order.
struct HostOrderReader {
    bool big_endian = false;

    bool read_u32(ByteCursor& cursor, std::uint32_t& out) const noexcept {
        return big_endian ? cursor.read_be32(out) : cursor.read_le32(out);
    }
    bool read_u16(ByteCursor& cursor, std::uint16_t& out) const noexcept {
        return big_endian ? cursor.read_be16(out) : cursor.read_le16(out);
    }
};

// The item number of a DID in either numbering (see prism_reader.h), or 0 for an unknown DID.
unsigned item_of(std::uint32_t did) noexcept {
    const std::uint32_t code = did & 0xFFFFu;
    if ((did & 0xFFFF0FFFu) == 0x41u || (did & 0xFFFF0FFFu) == 0x44u) return (did >> 12) & 0x0Fu;
    if (code == 0x41u || code == 0x44u) return did >> 16;
    return 0;
}

std::int16_t clamp_dbm(std::int32_t value) noexcept {
    if (value < std::numeric_limits<std::int16_t>::min()) return std::numeric_limits<std::int16_t>::min();
    return static_cast<std::int16_t>(value);
}

// Signal-like items: drivers put dBm (negative) or a unitless RSSI (positive) in them.
struct SignalItems {
    std::optional<std::int32_t> rssi, signal, noise;

    void apply(RadioInfo& radio) const noexcept {
        const auto& strength = signal ? signal : rssi;  // the signal item wins over the RSSI item
        if (strength && *strength < 0) radio.signal_dbm = clamp_dbm(*strength);
        if (strength && *strength > 0) radio.signal_rssi = static_cast<std::uint32_t>(*strength);
        if (noise && *noise < 0) radio.noise_dbm = clamp_dbm(*noise);
        if (noise && *noise > 0) radio.noise_rssi = static_cast<std::uint32_t>(*noise);
    }
};

void apply_item(unsigned item, std::uint32_t data, RadioInfo& radio, SignalItems& signals) noexcept {
    switch (item) {
        case kMacTime:
            radio.tsft = data;
            break;
        case kChannel:
            if (data == 0) break;
            radio.channel = data;
            if (const auto mhz = frequency_from_channel(data, Band::unknown)) radio.frequency_khz = *mhz * 1000;
            break;
        case kRssi:
            signals.rssi = static_cast<std::int32_t>(data);
            break;
        case kSignal:
            signals.signal = static_cast<std::int32_t>(data);
            break;
        case kNoise:
            signals.noise = static_cast<std::int32_t>(data);
            break;
        case kRate:
            if (data != 0) radio.rate_500kbps = data;
            break;
        default:
            break;  // host time, signal quality, is-TX and frame length say nothing RadioInfo reports
    }
}

}  // namespace

DissectError dissect_prism(std::span<const std::uint8_t> packet, RadioInfo& radio, LinkPayload& payload) noexcept {
    ByteCursor cursor(packet);
    std::uint32_t magic = 0;
    if (ByteCursor peek(packet); peek.read_be32(magic) && (magic == avs::kMagicV1 || magic == avs::kMagicV2))
        return dissect_avs(packet, radio, payload);

    detail::reset_to_default(radio);
    payload = LinkPayload{};
    radio.header = LinkHeaderType::prism;

    std::uint32_t code_le = 0, length_le = 0;
    if (!cursor.read_le32(code_le) || !cursor.read_le32(length_le))
        return dissect_error(DissectStatus::truncated, "Prism header shorter than 8 bytes", 0);
    // Host byte order: a big-endian writer shows up as a byte-swapped msglen.
    std::uint32_t length_be = 0;
    ByteCursor swapped(packet);
    swapped.skip(4);
    swapped.read_be32(length_be);
    HostOrderReader host{length_le > 0xFFFF && length_be <= 0xFFFF};
    const std::uint32_t length = host.big_endian ? length_be : length_le;
    if (length < kPreambleLength)
        return dissect_error(DissectStatus::malformed, "Prism msglen is below its 24-byte preamble", 4);
    if (length > packet.size())
        return dissect_error(DissectStatus::truncated, "Prism msglen runs past the captured bytes", 4);

    ByteCursor items(packet.first(length));
    items.seek(kPreambleLength);
    SignalItems signals;
    while (items.remaining() >= kItemLength) {
        std::uint32_t did = 0, data = 0;
        std::uint16_t status = 0, item_length = 0;
        host.read_u32(items, did);
        host.read_u16(items, status);
        host.read_u16(items, item_length);
        host.read_u32(items, data);
        if (did != 0 && status == 0) apply_item(item_of(did), data, radio, signals);
    }
    signals.apply(radio);

    // With no FCS flag in the header, a trailing CRC-32 that matches is the only sign of an FCS.
    const auto frame = packet.subspan(length);
    return finish_dot11_payload(packet, length, fcs_valid(frame), radio, payload);
}

}  // namespace kismetcore::dissect
