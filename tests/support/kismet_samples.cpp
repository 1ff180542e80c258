// Locates Kismet's sample answers and the captures they came from.
#include "support/kismet_samples.h"

#include "support/shared_captures.h"

namespace kismetcore::testing {

std::filesystem::path kismet_samples_dir() {
    const std::filesystem::path dir{KISMETCORE_KISMET_SAMPLES};
    std::error_code error;
    return std::filesystem::is_directory(dir, error) ? std::filesystem::canonical(dir, error) : std::filesystem::path{};
}

std::filesystem::path capture_of_sample(const std::string& sample) {
    for (const auto& file : shared_capture_files())
        if (file.stem().string() == "aircrack-ng__" + sample) return file;
    return {};
}

}  // namespace kismetcore::testing
