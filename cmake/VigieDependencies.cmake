# Every dependency comes from a Debian package; scripts/setup installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Start-up time: every shared library costs the dynamic loader its symbol
# lookups before main() (a `vigie search` is a few milliseconds, so they
# count). Debian ships static archives of ICU's code libraries and of
# Boost.Program_options: linked in, their cross-library references are
# resolved by the linker, not at every start (docs/scale.md). ICU's data
# goes with its code: static code referring to a shared library's 30 MB data
# symbol gets a copy relocation, a 30 MB copy at every start.
option(VIGIE_STATIC_DEPS "Link ICU and Boost.Program_options statically" ON)
if(VIGIE_STATIC_DEPS)
  set(Boost_USE_STATIC_LIBS ON)
endif()

find_package(Xapian REQUIRED)                       # libxapian-dev
find_package(ICU 70 REQUIRED COMPONENTS uc i18n data) # libicu-dev
find_package(TBB REQUIRED)                          # libtbb-dev
find_package(simdjson REQUIRED)                     # libsimdjson-dev
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(ZLIB REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)

if(VIGIE_STATIC_DEPS)
  find_library(VIGIE_ICU_UC_STATIC NAMES libicuuc.a REQUIRED)
  find_library(VIGIE_ICU_I18N_STATIC NAMES libicui18n.a REQUIRED)
  find_library(VIGIE_ICU_DATA_STATIC NAMES libicudata.a REQUIRED)
  foreach(c UC I18N DATA)
    string(TOLOWER ${c} t)
    set_target_properties(ICU::${t} PROPERTIES IMPORTED_LOCATION ${VIGIE_ICU_${c}_STATIC}
                                               IMPORTED_LOCATION_RELEASE ${VIGIE_ICU_${c}_STATIC}
                                               IMPORTED_LOCATION_DEBUG ${VIGIE_ICU_${c}_STATIC})
  endforeach()
  # Archives resolve left to right: i18n before uc before the data and the
  # system libraries ICU's code needs.
  set_property(TARGET ICU::i18n APPEND PROPERTY INTERFACE_LINK_LIBRARIES ICU::uc)
  set_property(TARGET ICU::uc APPEND PROPERTY INTERFACE_LINK_LIBRARIES ICU::data ${CMAKE_DL_LIBS} Threads::Threads)
endif()
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
