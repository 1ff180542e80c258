// The version CMake's project() declares.
#include "kismetcore/common/version.h"

namespace kismetcore {

std::string_view library_version() noexcept {
    return KISMETCORE_VERSION;
}

}  // namespace kismetcore
