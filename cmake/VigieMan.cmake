# Man pages generated from the --help texts at build time (help2man, from
# Debian's help2man package), so they never drift from the binary: vigie.1
# from `vigie --help`, vigie-COMMAND.1 from `vigie COMMAND --help` through a
# small wrapper (help2man documents one program). Skipped, with a note,
# when help2man is missing.
set(VIGIE_COMMANDS index stats stub search score eval train topics saved trends report serve)
find_program(VIGIE_HELP2MAN help2man)
if(NOT VIGIE_HELP2MAN)
  message(STATUS "help2man not found: no man pages (scripts/setup installs it)")
  return()
endif()
set(man_dir ${CMAKE_BINARY_DIR}/man)
set(pages)
add_custom_command(
  OUTPUT ${man_dir}/vigie.1
  COMMAND ${CMAKE_COMMAND} -E make_directory ${man_dir}
  COMMAND ${VIGIE_HELP2MAN} --no-info --no-discard-stderr --version-string=${PROJECT_VERSION}
          --name "search and text analytics for drug-policy perception" --section 1
          --output ${man_dir}/vigie.1 $<TARGET_FILE:vigie>
  DEPENDS vigie VERBATIM)
list(APPEND pages ${man_dir}/vigie.1)
foreach(c IN LISTS VIGIE_COMMANDS)
  set(wrapper ${man_dir}/bin/vigie-${c})
  file(GENERATE OUTPUT ${wrapper}
       CONTENT "#!/bin/sh\nexec \"$<TARGET_FILE:vigie>\" ${c} \"$@\"\n"
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  # NAME line: the command's one-line summary from `vigie --help`.
  add_custom_command(
    OUTPUT ${man_dir}/vigie-${c}.1
    COMMAND sh -c "\"$1\" --no-info --no-discard-stderr --version-string=$2 --section 1 --name \"$(\"$3\" --help | sed -n \"s/^  $4  *//p\")\" --output \"$5\" \"$6\""
            sh ${VIGIE_HELP2MAN} ${PROJECT_VERSION} $<TARGET_FILE:vigie> ${c} ${man_dir}/vigie-${c}.1 ${wrapper}
    DEPENDS vigie ${wrapper} VERBATIM)
  list(APPEND pages ${man_dir}/vigie-${c}.1)
endforeach()
add_custom_target(vigie_man ALL DEPENDS ${pages})
install(FILES ${pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
