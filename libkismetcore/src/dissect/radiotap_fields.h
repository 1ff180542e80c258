// Private to the radiotap reader: decoding one field's bytes, and a TLV list, into RadioInfo.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "kismetcore/dissect/radio_info.h"

namespace kismetcore::dissect::radiotap {

// What one presence word in the default namespace said about one receive chain; Linux drivers repeat
// signal/noise/antenna in words after the first, one word per chain.
struct ChainReading {
    std::optional<std::int8_t> signal_dbm;
    std::optional<std::int8_t> noise_dbm;
    std::optional<std::uint8_t> antenna;
};

// Decodes field `field` of the default namespace; `bytes` holds exactly field_layout(field)->size bytes.
void decode_field(unsigned field, std::span<const std::uint8_t> bytes, RadioInfo& radio, ChainReading& chain) noexcept;

// Decodes a TLV list (field 28) that fills `tlvs`. Returns false when an item's length runs past the end.
bool decode_tlvs(std::span<const std::uint8_t> tlvs, RadioInfo& radio, ChainReading& chain) noexcept;

}  // namespace kismetcore::dissect::radiotap
