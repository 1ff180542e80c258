#!/usr/bin/env bash
# Installs the build into a scratch prefix, then builds examples/embed out of tree against that install,
# once through find_package and once through pkg-config, and runs both on a capture.
# usage: check_installed_package.sh BUILD_DIR SOURCE_DIR WORK_DIR CAPTURE
set -euo pipefail
build=$1 source=$2 work=$3 capture=$4
prefix=$work/prefix
rm -rf "$work"
mkdir -p "$work"

cmake --install "$build" --prefix "$prefix" >"$work/install.log"
test -f "$prefix/include/kismetcore/dissect/packet_dissector.h"
test -f "$prefix/lib/cmake/kismetcore/kismetcoreConfigVersion.cmake"
test -f "$prefix/lib/pkgconfig/kismetcore.pc"

run_example() {
  local name=$1; shift
  cmake -S "$source/examples/embed" -B "$work/$name" -G Ninja "$@" >"$work/$name.configure.log"
  cmake --build "$work/$name" >"$work/$name.build.log"
  LD_LIBRARY_PATH="$prefix/lib" "$work/$name/embed_sensor" "$capture" >"$work/$name.out"
  tail -n 1 "$work/$name.out"
  grep -Eq '^[1-9][0-9]* 802\.11 frames$' "$work/$name.out"
}

run_example find_package -DCMAKE_PREFIX_PATH="$prefix"
run_example find_package_static -DCMAKE_PREFIX_PATH="$prefix" -DKISMETCORE_USE_STATIC=ON
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" run_example pkgconfig -DEMBED_WITH_PKGCONFIG=ON
echo "installed package works through find_package (shared and static) and pkg-config"
