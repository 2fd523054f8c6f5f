# SPDX-License-Identifier: MIT
# Placement-policy plugins (docs/policy.md): test plugins built as shared
# objects into <build>/tests/policy/, the checks of `eas simulate --policy`
# through the eas binary (policy/check.cmake), and test_policy's access to
# the plugins (tests/unit/test_policy.c).
set(_pol_dir ${CMAKE_CURRENT_BINARY_DIR}/policy)
set(_pol_src ${CMAKE_CURRENT_SOURCE_DIR}/policy)

# _eas_policy_plugin(<name> <source> <linked: ON|OFF> [definitions...])
function(_eas_policy_plugin name src linked)
  add_library(${name} MODULE ${_pol_src}/${src})
  set_target_properties(${name} PROPERTIES PREFIX "" OUTPUT_NAME ${name}
    LIBRARY_OUTPUT_DIRECTORY ${_pol_dir})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/include)
  if(linked)
    # `pkg-config --libs libeas`: the plugin carries (static) or needs
    # (shared build) libeas itself
    target_link_libraries(${name} PRIVATE eas_core)
  endif()
  # unlinked: libeas's symbols stay undefined and come from eas (-rdynamic)
  if(ARGN)
    target_compile_definitions(${name} PRIVATE ${ARGN})
  endif()
  eas_warnings(${name})
endfunction()

_eas_policy_plugin(wrap_linked wrap.c ON)
_eas_policy_plugin(wrap_unlinked wrap.c OFF)
_eas_policy_plugin(fixed_cpu1 fixed.c OFF FIXED_ANSWER=1 FIXED_NAME="cpu1")
_eas_policy_plugin(fixed_cpu99 fixed.c OFF FIXED_ANSWER=99 FIXED_NAME="cpu99")
_eas_policy_plugin(fixed_error fixed.c OFF FIXED_ANSWER=-1 FIXED_NAME="error")
set(_bad_plugins)
foreach(k 1 2 3 4 5)
  _eas_policy_plugin(bad${k} bad.c OFF BAD_KIND=${k})
  list(APPEND _bad_plugins bad${k})
endforeach()
set(_eas_policy_plugins wrap_linked wrap_unlinked fixed_cpu1 fixed_cpu99
  fixed_error ${_bad_plugins})

if(TARGET test_policy)
  add_dependencies(test_policy ${_eas_policy_plugins} eas_cli)
  target_compile_definitions(test_policy PRIVATE POLICY_DIR="${_pol_dir}")
endif()

set(_pol_eas $<TARGET_FILE:eas_cli>)
# The wrapper reproduces the built-in eas exactly, linked or not, for
# each flavour; --decisions leaves --json byte-identical.
foreach(v linked unlinked)
  foreach(k v6.19 v5.4)
    add_test(NAME policy_wrap_${v}_${k} COMMAND ${CMAKE_COMMAND}
      -DEAS=${_pol_eas} -DMODE=wrap -DKERNEL=${k}
      -DPLUGIN=$<TARGET_FILE:wrap_${v}> -DOUT=${_pol_dir}/out_wrap_${v}_${k}
      -P ${_pol_src}/check.cmake)
    set_tests_properties(policy_wrap_${v}_${k} PROPERTIES LABELS policy)
  endforeach()
endforeach()
# A fixed answer is obeyed; an answer outside the allowed CPUs or an error
# is replaced by select_fallback_rq() and logged as such.
add_test(NAME policy_fixed_cpu COMMAND ${CMAKE_COMMAND}
  -DEAS=${_pol_eas} -DMODE=fixed -DPLUGIN=$<TARGET_FILE:fixed_cpu1>
  -DOUT=${_pol_dir}/out_fixed -P ${_pol_src}/check.cmake)
add_test(NAME policy_fallback COMMAND ${CMAKE_COMMAND}
  -DEAS=${_pol_eas} -DMODE=fallback -DPLUGIN=$<TARGET_FILE:fixed_cpu99>
  -DOUT=${_pol_dir}/out_fallback -P ${_pol_src}/check.cmake)
add_test(NAME policy_fallback_error COMMAND ${CMAKE_COMMAND}
  -DEAS=${_pol_eas} -DMODE=fallback -DPLUGIN=$<TARGET_FILE:fixed_error>
  -DOUT=${_pol_dir}/out_fallback_error -P ${_pol_src}/check.cmake)
set_tests_properties(policy_fixed_cpu policy_fallback policy_fallback_error
  PROPERTIES LABELS policy)
# Bad plugins: exit status 1 and a message saying what is wrong.
set(_bad_expect
  "no symbol eas_policy_entry"
  "eas_policy_entry\\(\\) returned NULL"
  "policy ABI 99, expected 1"
  "select_task_rq is NULL"
  "the policy has no name")
set(_i 0)
foreach(k 1 2 3 4 5)
  list(GET _bad_expect ${_i} _re)
  math(EXPR _i "${_i} + 1")
  add_test(NAME policy_bad${k} COMMAND ${CMAKE_COMMAND}
    -DEAS=${_pol_eas} -DMODE=bad -DPLUGIN=$<TARGET_FILE:bad${k}>
    "-DEXPECT=${_re}" -P ${_pol_src}/check.cmake)
  set_tests_properties(policy_bad${k} PROPERTIES LABELS policy)
endforeach()
add_test(NAME policy_bad_missing COMMAND ${CMAKE_COMMAND}
  -DEAS=${_pol_eas} -DMODE=bad -DPLUGIN=${_pol_dir}/no-such-plugin.so
  "-DEXPECT=no-such-plugin.so: No such file or directory"
  -P ${_pol_src}/check.cmake)
add_test(NAME policy_bad_not_elf COMMAND ${CMAKE_COMMAND}
  -DEAS=${_pol_eas} -DMODE=bad -DPLUGIN=${PROJECT_SOURCE_DIR}/README.md
  "-DEXPECT=README.md: cannot load: .*README.md: (invalid ELF header|file too short)"
  -P ${_pol_src}/check.cmake)
set_tests_properties(policy_bad_missing policy_bad_not_elf
  PROPERTIES LABELS policy)
# eas sweep with a plugin policy: the wrapper's line equals the built-in
# eas line but for the policy field (a LIST written at generate time, with
# the plugin's absolute path).
if(TARGET eas_cli)
  set(_ex ${PROJECT_SOURCE_DIR}/examples)
  file(GENERATE OUTPUT ${_pol_dir}/sweep-$<CONFIG>.txt CONTENT
"${_ex}/platforms/hikey960.json ${_ex}/workloads/phone-light.json v6.19 eas
${_ex}/platforms/hikey960.json ${_ex}/workloads/phone-light.json v6.19 $<TARGET_FILE:wrap_unlinked>
${_ex}/platforms/hikey960.json ${_ex}/workloads/phone-light.json v6.19 ${_pol_dir}/no-such-plugin.so
")
  add_test(NAME policy_sweep COMMAND ${CMAKE_COMMAND}
    -DEAS=${_pol_eas} -DLIST=${_pol_dir}/sweep-$<CONFIG>.txt
    -P ${_pol_src}/sweep.cmake)
  set_tests_properties(policy_sweep PROPERTIES LABELS policy)
endif()
