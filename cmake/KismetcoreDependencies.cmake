# Finds what kismetcore builds against. Everything comes from Debian 12 packages (scripts/install-deps).
find_package(PkgConfig REQUIRED)
pkg_check_modules(PCAP REQUIRED IMPORTED_TARGET libpcap)

# Debian 12 ships RapidJSON as headers without a CMake target.
find_path(RAPIDJSON_INCLUDE_DIR rapidjson/writer.h REQUIRED)
add_library(kismetcore_rapidjson INTERFACE)
target_include_directories(kismetcore_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIR})
