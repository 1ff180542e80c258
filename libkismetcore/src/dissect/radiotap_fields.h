// Private to the radiotap reader: decoding one field's bytes, and a TLV list, into RadioInfo.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/common/byte_cursor.h"
#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::dissect::radiotap {

// What one presence word in the default namespace said about one receive chain; Linux drivers repeat
// signal/noise/antenna in words after the first, one word per chain.
struct ChainReading {
    std::optional<std::int8_t> signal_dbm;
    std::optional<std::int8_t> noise_dbm;
    std::optional<std::uint8_t> antenna;
};

// Field 3's frequency (MHz, 0 = none) as frequency_khz and channel.
void set_frequency(RadioInfo& radio, std::uint32_t mhz) noexcept;
// The encoding channel flags (field 3 or 18) imply, unless a field already set one.
void encoding_from_channel_flags(RadioInfo& radio, std::uint32_t flags) noexcept;

// Reads the registry fields whose bits are set in `fields` (bits 0-27 of a default-namespace presence word,
// nothing else), each at its alignment, from `cursor`, which stands where the first one's padding starts.
// Returns false when a field or its padding runs past the end of the cursor, which then stands at the padding
// or the field that does not fit.
bool decode_fields(ByteCursor& cursor, std::uint32_t fields, RadioInfo& radio, ChainReading& chain) noexcept;

// Decodes a TLV list (field 28) that fills `tlvs`. Returns false when an item's length runs past the end.
bool decode_tlvs(std::span<const std::uint8_t> tlvs, RadioInfo& radio, ChainReading& chain) noexcept;

}  // namespace kismetcore::dissect::radiotap
