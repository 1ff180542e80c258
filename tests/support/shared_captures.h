// Where the shared real-world captures live, for tests that read them.
#pragma once

#include <filesystem>
#include <vector>

namespace kismetcore::testing {

// ../shared/captures beside the checkout (CI places it there); empty path when it is absent.
std::filesystem::path shared_captures_dir();
// Every capture file in that folder, sorted by name.
std::vector<std::filesystem::path> shared_capture_files();

}  // namespace kismetcore::testing
