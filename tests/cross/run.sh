#!/usr/bin/env bash
# Builds the library and its whole test suite for other platforms and runs
# them there: s390x (big-endian), i686 (32-bit), aarch64 under qemu-user, and
# Windows x64 (MinGW-w64 DLL and static library) under wine. Then exchanges
# the bytes of portable_bytes between every pair of hosts, this one included:
# each writes its file, and each reads every other's.
#
# Usage: tests/cross/run.sh [TARGET...]   (default: s390x i686 aarch64 windows)
# Needs what .ci/run installs for it (cross compilers, Check for the foreign
# architectures, qemu-user, mingw-w64, wine64). Build trees: build-cross-*.
set -euo pipefail
cd "$(dirname "$0")/../.."

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(s390x i686 aarch64 windows)

toolchain() {
  case $1 in
    windows) echo tests/cross/x86_64-w64-mingw32.cmake ;;
    *) echo "tests/cross/$1-linux-gnu.cmake" ;;
  esac
}

# wine keeps its Windows directory in a prefix; make it once, quietly.
export WINEDEBUG=-all WINEPREFIX=${WINEPREFIX:-$(mktemp -d)/wine}

exchange=$(mktemp -d)
trap 'rm -rf "$exchange"' EXIT

echo "==> native"
cmake -S . -B build-cross-native -DCXM_WERROR=ON -DCXM_BUILD_EXAMPLES=OFF -DCXM_BUILD_BENCH=OFF \
  > /dev/null
cmake --build build-cross-native -j2 --target portable_bytes > /dev/null
build-cross-native/run-portable-bytes write > "$exchange/native.txt"

for t in "${targets[@]}"; do
  echo "==> $t: build, whole suite, bytes"
  dir=build-cross-$t
  cmake -S . -B "$dir" --toolchain "$(toolchain "$t")" -DCXM_WERROR=ON \
    -DCXM_BUILD_EXAMPLES=OFF -DCXM_BUILD_BENCH=OFF > /dev/null
  cmake --build "$dir" -j2 > /dev/null
  if [ "$t" = windows ]; then
    # Make wine's prefix before the parallel tests: two wine processes that
    # both find it missing race to create it, and one of them fails.
    "$dir/run-portable-bytes" > /dev/null 2>&1 || true # usage, exit 2: wine is set up
  fi
  ctest --test-dir "$dir" -LE script --output-on-failure -j2
  "$dir/run-portable-bytes" write | tr -d '\r' > "$exchange/$t.txt"
done

echo "==> every host reads every other host's bytes"
hosts=(native "${targets[@]}")
for reader in "${hosts[@]}"; do
  dir=build-cross-$reader
  for writer in "${hosts[@]}"; do
    [ "$reader" = "$writer" ] && continue
    "$dir/run-portable-bytes" check "$exchange/$writer.txt" > /dev/null ||
      { echo "FAIL: $reader cannot read what $writer wrote"; exit 1; }
  done
  echo "$reader reads the bytes of: ${hosts[*]/$reader}"
done
echo "==> cross targets passed: ${targets[*]}"
