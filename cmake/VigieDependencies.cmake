# Every dependency comes from a Debian package; scripts/setup installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

find_package(Xapian REQUIRED)                       # libxapian-dev
find_package(ICU 70 REQUIRED COMPONENTS uc i18n data) # libicu-dev
find_package(TBB REQUIRED)                          # libtbb-dev
find_package(simdjson REQUIRED)                     # libsimdjson-dev
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(ZLIB REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
# libcpp-httplib-dev: the HTTP server of `vigie serve`. Its .pc file carries
# the TLS/compression defines the Debian library was built with, which the
# header's class layouts depend on.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

# CLD2 ships neither a CMake config nor a .pc file on Debian.
# core/CMakeLists.txt finds the library (libcld2, not libcld2_full).
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)

add_library(vigie_xapian INTERFACE)
target_include_directories(vigie_xapian SYSTEM INTERFACE ${XAPIAN_INCLUDE_DIR})
target_link_libraries(vigie_xapian INTERFACE ${XAPIAN_LIBRARIES})
