# SPDX-License-Identifier: MIT
# README.md code snippets are complete programs: every ```c block that
# follows a "<!-- readme-test: NAME -->" line is extracted at configure
# time into readme/NAME.c, built against the libraries (core, json) like a
# user's program, and run as the ctest "readme_NAME" (label "readme"): it
# must exit 0. Editing README.md re-runs the extraction.
set(_rm_src ${PROJECT_SOURCE_DIR}/README.md)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_rm_src})
file(READ ${_rm_src} _rm)
set(_rm_n 0)
while(TRUE)
  string(FIND "${_rm}" "<!-- readme-test: " _rm_pos)
  if(_rm_pos EQUAL -1)
    break()
  endif()
  string(SUBSTRING "${_rm}" ${_rm_pos} -1 _rm)
  if(NOT _rm MATCHES "^<!-- readme-test: ([a-z0-9_]+) -->\n```c\n")
    message(FATAL_ERROR "README.md: a readme-test marker must be followed "
      "by a ```c block")
  endif()
  set(_rm_name ${CMAKE_MATCH_1})
  string(LENGTH "${CMAKE_MATCH_0}" _rm_hl)
  string(SUBSTRING "${_rm}" ${_rm_hl} -1 _rm)
  string(FIND "${_rm}" "\n```" _rm_end)
  string(SUBSTRING "${_rm}" 0 ${_rm_end} _rm_code)
  set(_rm_file ${CMAKE_CURRENT_BINARY_DIR}/readme/${_rm_name}.c)
  file(WRITE ${_rm_file}.tmp "${_rm_code}\n")
  configure_file(${_rm_file}.tmp ${_rm_file} COPYONLY)
  add_executable(readme_${_rm_name} ${_rm_file})
  target_link_libraries(readme_${_rm_name} PRIVATE eas_json eas_core)
  eas_warnings(readme_${_rm_name})
  add_test(NAME readme_${_rm_name} COMMAND readme_${_rm_name})
  set_tests_properties(readme_${_rm_name} PROPERTIES LABELS readme)
  math(EXPR _rm_n "${_rm_n} + 1")
endwhile()
if(_rm_n LESS 2)
  message(FATAL_ERROR "README.md: expected at least 2 readme-test snippets, "
    "found ${_rm_n}")
endif()

# Printed output shown in README.md is what the tool prints: every ``` block
# after a "<!-- readme-output: ARGS -->" line must equal the stdout of
# `eas ARGS` run from the source tree (ctest "readme_output_N").
file(READ ${_rm_src} _rm)
set(_ro_n 0)
while(TRUE)
  string(FIND "${_rm}" "<!-- readme-output: " _ro_pos)
  if(_ro_pos EQUAL -1)
    break()
  endif()
  string(SUBSTRING "${_rm}" ${_ro_pos} -1 _rm)
  if(NOT _rm MATCHES "^<!-- readme-output: ([^\n]+) -->\n```\n")
    message(FATAL_ERROR "README.md: a readme-output marker must be followed "
      "by a ``` block")
  endif()
  set(_ro_args "${CMAKE_MATCH_1}")
  string(LENGTH "${CMAKE_MATCH_0}" _ro_hl)
  string(SUBSTRING "${_rm}" ${_ro_hl} -1 _rm)
  string(FIND "${_rm}" "```" _ro_end)
  string(SUBSTRING "${_rm}" 0 ${_ro_end} _ro_text)
  math(EXPR _ro_n "${_ro_n} + 1")
  set(_ro_file ${CMAKE_CURRENT_BINARY_DIR}/readme/output_${_ro_n}.txt)
  file(WRITE ${_ro_file} "${_ro_text}")
  separate_arguments(_ro_list UNIX_COMMAND "${_ro_args}")
  add_test(NAME readme_output_${_ro_n} COMMAND ${CMAKE_COMMAND}
    -DEAS=$<TARGET_FILE:eas_cli> "-DARGS=${_ro_list}" -DEXPECTED=${_ro_file}
    -P ${CMAKE_CURRENT_SOURCE_DIR}/readme/compare_output.cmake)
  set_tests_properties(readme_output_${_ro_n} PROPERTIES LABELS readme
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endwhile()
if(_ro_n LESS 1)
  message(FATAL_ERROR "README.md: expected a readme-output block")
endif()
