# Build directories of the sanitizer runs, shared by scripts/sanitize and
# scripts/fuzz (sourced, not run).
#
# address: one clang build with ASan+UBSan and libFuzzer's coverage
#   instrumentation (VIGIE_FUZZ) serves both the tests of
#   `scripts/sanitize address` and the fuzz targets of `scripts/fuzz`, so CI
#   compiles the instrumented project once. Tests and the vigie binary run
#   unchanged under the coverage counters; only fuzz targets link libFuzzer.
# thread: a TSan build of its own.
# Both use -O1 -g1: the optimisation level the sanitizers are tuned for, and
# line tables for their stack traces, at about two thirds of the compile
# time of -O2 -g. oneTBB's malloc replacement is off, so the sanitizers see
# every allocation. Set CMAKE_CXX_COMPILER_LAUNCHER=ccache to cache objects.

# ensure_libfuzzer: installs clang (with libFuzzer's runtime) when missing.
ensure_libfuzzer() {
  if ! command -v clang++ >/dev/null ||
     ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
    echo "sanitizers: installing clang (ASan, UBSan, libFuzzer)" >&2
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang >&2
  fi
}

# sanitizer_build_dir MODE: the build directory of MODE (address|thread);
# BUILD_DIR overrides it.
sanitizer_build_dir() {
  case "$1" in
    address) echo "${BUILD_DIR:-build-asan}" ;;
    thread) echo "${BUILD_DIR:-build-tsan}" ;;
  esac
}

# configure_sanitizer_build MODE DIR: configures DIR for MODE unless it is
# already configured so; a directory configured otherwise (another compiler,
# no fuzz targets) is configured afresh.
configure_sanitizer_build() {
  local mode=$1 dir=$2 want
  local flags=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
               "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DVIGIE_SANITIZE="$mode" -DVIGIE_TBBMALLOC=OFF
               -DVIGIE_BUILD_BENCHMARKS=OFF)
  if [ "$mode" = address ]; then
    ensure_libfuzzer
    want="VIGIE_FUZZ:BOOL=ON"
    flags+=(-DVIGIE_FUZZ=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++)
  else
    want="VIGIE_SANITIZE:STRING=thread"
  fi
  if [ -f "$dir/build.ninja" ] && grep -qx "$want" "$dir/CMakeCache.txt" 2>/dev/null &&
     grep -q -- "-O1 -g1" "$dir/CMakeCache.txt"; then
    return 0
  fi
  rm -rf "$dir"
  cmake -S . -B "$dir" "${flags[@]}" >&2
}
