// Private to the readers: filling Packet::data with a record's bytes in one copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kismetcore::capture {

// Replaces `data` with the `count` bytes at `bytes`, keeping its capacity. vector::assign copies in two pieces
// whenever a packet is longer than the one before it, and resize() would zero the bytes before they are
// overwritten; clear() then insert() at the end is a single copy (and an allocation only when growing).
inline void copy_packet_bytes(const std::uint8_t* bytes, std::size_t count, std::vector<std::uint8_t>& data) {
    data.clear();
    data.insert(data.end(), bytes, bytes + count);
}

}  // namespace kismetcore::capture
