// A kismetdb log as a capture source: its packets, fed to an engine again.
#pragma once

#include <filesystem>

#include "kismetcore/engine/engine.h"

namespace kismetcore::log {

// Feeds every packet of the log at `path` to `engine`, in the order they were logged, each from a datasource
// with the UUID and definition it was logged with (added to the engine, or reused when the engine has it). A log
// of a capture rebuilds the capture's devices and alerts exactly: the packets carry their original bytes, times
// and lengths. Returns the packets fed; `error` when the log cannot be opened or read (the packets before a
// damage are fed).
Engine::FileResult replay_kismetdb(Engine& engine, const std::filesystem::path& path);

}  // namespace kismetcore::log
