// An owning handle for a C stdio FILE, closed when the handle goes away.
#pragma once

#include <cstdio>
#include <memory>

namespace kismetcore::capture {

struct StdioFileCloser {
    void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};
using StdioFile = std::unique_ptr<std::FILE, StdioFileCloser>;

}  // namespace kismetcore::capture
