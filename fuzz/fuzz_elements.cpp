// libFuzzer target: parse_information_elements, crypt_bits and crypt_string over arbitrary element lists.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>

#include "kismetcore/dissect/crypt_set.h"
#include "kismetcore/dissect/information_elements.h"

namespace {

using namespace kismetcore::dissect;

bool inside(std::span<const std::uint8_t> part, std::span<const std::uint8_t> whole) {
    if (part.empty()) return true;
    return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

volatile unsigned sink = 0;

void touch(std::span<const std::uint8_t> part, std::span<const std::uint8_t> whole) {
    if (!inside(part, whole)) std::abort();
    for (const auto byte : part) sink = sink + byte;
}

// Aborts on a broken promise: every span lies inside the input, every offset within it, counts agree with the
// lists, and a truncated walk points at a real element start. Reading every span lets ASan check the bytes.
void check(std::span<const std::uint8_t> bytes, const DissectError& error, const InformationElements& ie) {
    if (error.reason == nullptr || error.offset > bytes.size()) std::abort();
    if (!error.ok() && error.status != DissectStatus::truncated) std::abort();
    if (ie.raw().data() != bytes.data() || ie.raw().size() != bytes.size()) std::abort();
    if (ie.tags().size() > ie.element_count() || (!ie.tags().overflow && ie.tags().size() != ie.element_count()))
        std::abort();
    if (ie.malformed().size() > ie.malformed_count()) std::abort();
    for (const auto& bad : ie.malformed())
        if (bad.offset >= bytes.size() || bad.reason == nullptr || std::strlen(bad.reason) == 0) std::abort();

    touch(ie.ssid().bytes, bytes);
    touch(ie.mesh_id().bytes, bytes);
    touch(ie.supported_rates().bytes, bytes);
    touch(ie.extended_rates().bytes, bytes);
    sink = sink + ie.supported_rates().max_rate_500kbps() + ie.extended_rates().max_rate_500kbps();
    if (ie.ssid().hidden && !ie.ssid().bytes.empty() && ie.ssid().bytes[0] != 0) std::abort();
    if (ie.ssid().over_long != (ie.ssid().bytes.size() > kMaxSsidLength)) std::abort();
    if (ie.tim()) touch(ie.tim()->partial_virtual_bitmap, bytes);
    if (ie.extended_capabilities()) touch(ie.extended_capabilities()->bytes, bytes);
    if (ie.multiple_bssid()) touch(ie.multiple_bssid()->subelements, bytes);
    if (ie.cisco_ccx1()) touch(ie.cisco_ccx1()->ap_name, bytes);
    if (ie.owe_transition()) touch(ie.owe_transition()->ssid, bytes);
    if (ie.he_capabilities()) touch(ie.he_capabilities()->ppe_thresholds, bytes);
    for (const auto& vendor : ie.vendors()) touch(vendor.payload, bytes);
    for (const auto* security : {ie.rsn() ? &*ie.rsn() : nullptr, ie.wpa() ? &*ie.wpa() : nullptr}) {
        if (security == nullptr) continue;
        if (security->pairwise_ciphers.size() > security->pairwise_count) std::abort();
        if (security->akm_suites.size() > security->akm_count) std::abort();
        if (security->pmkids.size() > security->pmkid_count) std::abort();
        for (const auto pmkid : security->pmkids) {
            if (pmkid.size() != kPmkidLength) std::abort();
            touch(pmkid, bytes);
        }
        if (security->malformed != (std::strlen(security->malformed_reason) != 0)) std::abort();
    }
    if (ie.wps()) {
        for (const auto* text : {&ie.wps()->device_name, &ie.wps()->manufacturer, &ie.wps()->model_name,
                                 &ie.wps()->model_number, &ie.wps()->serial_number})
            if (text->has_value()) touch((*text)->bytes, bytes);
        for (const auto* fixed : {&ie.wps()->uuid_e, &ie.wps()->uuid_r, &ie.wps()->primary_device_type})
            if (fixed->has_value()) touch(**fixed, bytes);
    }
    if (ie.wmm_tspec() && ie.wmm_tspec_count() == 0) std::abort();
    sink = sink + static_cast<unsigned>(operating_channel_width(ie).value_or(ChannelWidth::mhz20));

    for (const bool privacy : {false, true}) {
        const auto bits = crypt_bits(privacy, ie);
        CryptText text;
        const auto view = crypt_string(bits, text);
        // Empty only for bits with no printable token (a WPA element holding just its version), as in Kismet.
        if ((bits == 0 && view != "Open") || view.size() >= text.chars.size()) std::abort();
        if (!view.empty() && view.data() != text.chars.data()) std::abort();
        if (view.find('\0') != std::string_view::npos) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    static InformationElements elements;  // reused, as the engine does, to catch stale state
    check(bytes, parse_information_elements(bytes, elements), elements);

    // Any 64-bit value, not only those crypt_bits makes, must print within the buffer.
    std::uint64_t bits = 0;
    std::memcpy(&bits, data, size < sizeof(bits) ? size : sizeof(bits));
    CryptText text;
    const auto view = crypt_string(bits, text);
    if (view.size() >= text.chars.size()) std::abort();
    return 0;
}
