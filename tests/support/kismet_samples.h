// Kismet's own answers on the shared captures (../shared/reference/kismet-samples), for comparison tests.
#pragma once

#include <filesystem>
#include <string>

namespace kismetcore::testing {

// The samples folder beside the checkout; empty path when it is absent.
std::filesystem::path kismet_samples_dir();
// The shared capture a sample folder was made from ("wpa2-psk-linksys" -> .../aircrack-ng__wpa2-psk-linksys.cap);
// empty when there is none.
std::filesystem::path capture_of_sample(const std::string& sample);

}  // namespace kismetcore::testing
