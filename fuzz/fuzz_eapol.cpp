// libFuzzer target: dissect_eapol over arbitrary EAPOL frames, with and without their LLC/SNAP header.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "kismetcore/dissect/eapol_key.h"

namespace {

bool inside(std::span<const std::uint8_t> part, std::span<const std::uint8_t> whole) {
    if (part.empty()) return true;
    return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

// Aborts on a broken promise: MIC and key data are views inside the input, key data is as long as its length
// field says, message numbers stay in range, and a decoded key descriptor comes only with success.
void check(std::span<const std::uint8_t> bytes, const kismetcore::dissect::DissectError& error,
           const kismetcore::dissect::EapolKey& key) {
    if (error.reason == nullptr || error.offset > bytes.size()) std::abort();
    if (!inside(key.mic, bytes) || !inside(key.key_data, bytes)) std::abort();
    if (key.has_key_descriptor) {
        if (!error.ok()) std::abort();
        if (key.key_data.size() != key.key_data_length) std::abort();
        if (key.mic.size() != 0 && key.mic.size() != 16 && key.mic.size() != 24) std::abort();
    }
    if (key.message_number > 4 || key.group_message_number > 2) std::abort();
    volatile unsigned sink = 0;
    for (const auto byte : key.key_data) sink = sink + byte;
    for (const auto byte : key.mic) sink = sink + byte;
    if (key.pmkid) sink = sink + (*key.pmkid)[15];
    sink = sink + static_cast<unsigned>(key.replay_counter);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    kismetcore::dissect::EapolKey key;
    check(bytes, kismetcore::dissect::dissect_eapol(bytes, key), key);
    return 0;
}
