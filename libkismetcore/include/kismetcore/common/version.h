// The library's version, as records that name their software show it (datasource_version, the log's KISMET row).
#pragma once

#include <string_view>

namespace kismetcore {

// "<major>.<minor>.<patch>" of the libkismetcore that is linked, not the one compiled against.
[[nodiscard]] std::string_view library_version() noexcept;

}  // namespace kismetcore
