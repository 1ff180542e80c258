// Translates between the LINKTYPE numbers stored in capture files and this platform's DLT numbers.
#include "capture/link_type_mapping.h"

#include <array>
#include <utility>

namespace kismetcore::capture {

namespace {
// {LINKTYPE, DLT}: ATM_RFC1483, RAW, SLIP_BSDOS, PPP_BSDOS, ATM_CLIP. Every other value is the same in both.
constexpr std::array<std::pair<std::uint32_t, std::uint32_t>, 5> kDifferences{
    {{100, 11}, {101, 12}, {102, 15}, {103, 16}, {106, 19}}};
}  // namespace

std::uint32_t dlt_from_linktype(std::uint32_t linktype) noexcept {
    for (const auto& [file_value, dlt] : kDifferences)
        if (file_value == linktype) return dlt;
    return linktype;
}

std::uint32_t linktype_from_dlt(std::uint32_t dlt) noexcept {
    for (const auto& [file_value, platform_value] : kDifferences)
        if (platform_value == dlt) return file_value;
    return dlt;
}

}  // namespace kismetcore::capture
