# Finds what kismetcore builds against. Everything comes from Debian 12 packages (scripts/install-deps).
find_package(PkgConfig REQUIRED)
pkg_check_modules(PCAP REQUIRED IMPORTED_TARGET libpcap)
# RE2 (regex filters) and simdjson (field specifications, kismetdb device records) through pkg-config: Debian 12's
# RE2 has no CMake package.
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(SIMDJSON REQUIRED IMPORTED_TARGET simdjson)
# xxHash: Kismet keys SSID records by XXH32 of the SSID, so the same keys need the same hash.
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
# SQLite: the kismetdb log.
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)

# Debian's ieee-data: the IEEE MA-L, MA-M and MA-S registries the manufacturer lookup reads at run time.
set(KISMETCORE_IEEE_DATA_DIR "/usr/share/ieee-data" CACHE PATH "Directory holding oui.csv, mam.csv and oui36.csv")

# Debian 12 ships RapidJSON as headers without a CMake target.
find_path(RAPIDJSON_INCLUDE_DIR rapidjson/writer.h REQUIRED)
add_library(kismetcore_rapidjson INTERFACE)
target_include_directories(kismetcore_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIR})
