// Locates ../shared/captures for tests over real captures.
#include "support/shared_captures.h"

#include <algorithm>

namespace kismetcore::testing {

std::filesystem::path shared_captures_dir() {
    const std::filesystem::path dir{KISMETCORE_SHARED_CAPTURES};
    std::error_code error;
    return std::filesystem::is_directory(dir, error) ? std::filesystem::canonical(dir, error) : std::filesystem::path{};
}

std::vector<std::filesystem::path> shared_capture_files() {
    std::vector<std::filesystem::path> files;
    const auto dir = shared_captures_dir();
    if (dir.empty()) return files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const auto ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".pcap" || ext == ".cap" || ext == ".pcapng"))
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace kismetcore::testing
