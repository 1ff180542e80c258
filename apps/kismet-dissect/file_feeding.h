// Feeding kismet-dissect's files into one Engine, as the --devices and --alerts modes both do.
#pragma once

#include <string>
#include <vector>

#include "kismetcore/engine/engine.h"

namespace kismetcore::apps {

// Feeds each file as its own capture source (the engine names it after the path), reporting read errors on stderr.
// Returns 0, or 1 when a file could not be read whole.
int feed_files(Engine& engine, const std::vector<std::string>& files);

}  // namespace kismetcore::apps
