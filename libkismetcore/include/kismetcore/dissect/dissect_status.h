// The result every dissector returns instead of throwing: what went wrong, and where.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kismetcore::dissect {

enum class DissectStatus : std::uint8_t {
    ok,
    truncated,              // a length or field ran past the captured bytes
    malformed,              // the bytes are present but contradict the format
    unsupported_version,    // a header version this dissector does not know
    unsupported_link_type,  // a DLT (or inner DLT) with no dissector
};

// `reason` always points at a string literal, so an error costs no allocation on the per-packet path.
// `offset` is the byte offset within the packet where the problem was found (a captured packet is far below
// 4 GiB). The struct is 16 bytes on purpose: the x86-64 and AArch64 ABIs return that in two registers, where a
// 24-byte struct goes through memory and its caller's wide reload of the callee's narrow stores stalls.
struct DissectError {
    DissectStatus status = DissectStatus::ok;
    std::uint32_t offset = 0;
    const char* reason = "";

    [[nodiscard]] constexpr bool ok() const noexcept { return status == DissectStatus::ok; }
};

static_assert(sizeof(DissectError) <= 2 * sizeof(void*), "DissectError is returned in two registers");

inline constexpr DissectError kDissectOk{};

constexpr DissectError dissect_error(DissectStatus status, const char* reason, std::size_t offset) noexcept {
    DissectError error;
    error.status = status;
    error.offset = static_cast<std::uint32_t>(offset);
    error.reason = reason;
    return error;
}

constexpr const char* to_string(DissectStatus status) noexcept {
    switch (status) {
        case DissectStatus::ok:
            return "ok";
        case DissectStatus::truncated:
            return "truncated";
        case DissectStatus::malformed:
            return "malformed";
        case DissectStatus::unsupported_version:
            return "unsupported version";
        case DissectStatus::unsupported_link_type:
            return "unsupported link type";
    }
    return "unknown";
}

}  // namespace kismetcore::dissect
