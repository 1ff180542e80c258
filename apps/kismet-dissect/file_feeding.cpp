// Feeding kismet-dissect's files into one Engine.
#include "file_feeding.h"

#include <cstdio>

namespace kismetcore::apps {

int feed_files(Engine& engine, const std::vector<std::string>& files) {
    int status = 0;
    for (const auto& file : files) {
        const auto read = engine.feed_file(file);
        if (!read.error.empty()) {
            std::fprintf(stderr, "kismet-dissect: %s\n", read.error.c_str());
            status = 1;
        }
    }
    return status;
}

}  // namespace kismetcore::apps
