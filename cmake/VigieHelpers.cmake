# vigie_module(NAME DIR... DEPS ...): one static library from the .cc files of
# the listed directories (non-recursive), public include root = repository top.
function(vigie_module name)
  cmake_parse_arguments(M "" "" "DIRS;DEPS" ${ARGN})
  set(srcs)
  foreach(d IN LISTS M_DIRS)
    file(GLOB s CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${d}/*.cc)
    list(APPEND srcs ${s})
  endforeach()
  if(srcs)
    add_library(${name} STATIC ${srcs})
    target_compile_options(${name} PRIVATE ${VIGIE_EXTRA_WARNINGS})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${M_DEPS})
  else()  # header-only for now
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ${M_DEPS})
  endif()
endfunction()

# vigie_test_dir(DIR DEPS ...): one GoogleTest executable per test directory,
# named test_<dir with / replaced by _>, discovered by ctest.
function(vigie_test_dir dir)
  cmake_parse_arguments(T "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*.cc)
  if(NOT srcs)
    return()
  endif()
  string(REPLACE "/" "_" tname "test_${dir}")
  add_executable(${tname} ${srcs})
  target_link_libraries(${tname} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${tname} PRIVATE
    VIGIE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    VIGIE_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  # Unit tests do not depend on the vigie binary (CLI tests are tests/cli/*.sh),
  # so one module's test builds without every other module.
  gtest_discover_tests(${tname} DISCOVERY_TIMEOUT 60)
endfunction()
