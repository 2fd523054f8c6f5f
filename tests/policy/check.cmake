# SPDX-License-Identifier: MIT
# cmake -DEAS=<eas> -DMODE=<wrap|fixed|fallback|bad> -DPLUGIN=<.so>
#       [-DKERNEL=<k>] [-DOUT=<dir>] [-DEXPECT=<regex>] -P check.cmake
#
# `eas simulate --policy` on the embedded default platform and workload:
#   wrap      the plugin wraps eas_select_task_rq_fair(): --json equals the
#             built-in eas byte for byte, and so does the --decisions log
#             apart from the policy name; --decisions does not change
#             --json.
#   fixed     the plugin answers CPU 1: every placement of a task allowed
#             there is CPU 1 (no fallback), and there are such placements.
#   fallback  the plugin answers a CPU that does not exist, or an error:
#             every placement is select_fallback_rq()'s ("fallback": true,
#             "path": "fallback"), counted in the summary.
#   bad       a plugin that must be refused: exit status 1, stderr matches
#             EXPECT.
cmake_minimum_required(VERSION 3.16)

function(run out_var rc_var err_var)
  execute_process(COMMAND ${EAS} simulate ${ARGN}
    OUTPUT_VARIABLE o ERROR_VARIABLE e RESULT_VARIABLE rc)
  set(${out_var} "${o}" PARENT_SCOPE)
  set(${rc_var} "${rc}" PARENT_SCOPE)
  set(${err_var} "${e}" PARENT_SCOPE)
endfunction()

function(run_ok out_var)
  run(o rc e ${ARGN})
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "eas simulate ${ARGN}: exit ${rc}\n${e}")
  endif()
  set(${out_var} "${o}" PARENT_SCOPE)
endfunction()

if(OUT)
  file(REMOVE_RECURSE ${OUT})
  file(MAKE_DIRECTORY ${OUT})
endif()
if(NOT KERNEL)
  set(KERNEL v6.19)
endif()

if(MODE STREQUAL "wrap")
  run_ok(a --kernel ${KERNEL} --json)
  run_ok(a2 --kernel ${KERNEL} --json --decisions ${OUT}/eas.jsonl)
  run_ok(b --kernel ${KERNEL} --json --policy ${PLUGIN}
    --decisions ${OUT}/wrap.jsonl)
  if(NOT a STREQUAL a2)
    message(FATAL_ERROR "--decisions changed the --json output")
  endif()
  if(NOT a STREQUAL b)
    file(WRITE ${OUT}/eas.json "${a}")
    file(WRITE ${OUT}/wrap.json "${b}")
    message(FATAL_ERROR "--json differs between eas and ${PLUGIN} "
      "(${OUT}/eas.json, ${OUT}/wrap.json)")
  endif()
  file(READ ${OUT}/eas.jsonl d1)
  file(READ ${OUT}/wrap.jsonl d2)
  string(REPLACE "\"policy\": \"wrap-eas\"" "\"policy\": \"eas\"" d2 "${d2}")
  if(NOT d1 STREQUAL d2)
    message(FATAL_ERROR "the decision logs differ beyond the policy name "
      "(${OUT}/eas.jsonl, ${OUT}/wrap.jsonl)")
  endif()
  string(REGEX MATCHALL "\n" nl "${d1}")
  list(LENGTH nl n)
  if(n LESS 100)
    message(FATAL_ERROR "only ${n} placements logged")
  endif()
  message(STATUS "${KERNEL}: --json and ${n} decisions identical")
elseif(MODE STREQUAL "fixed" OR MODE STREQUAL "fallback")
  run_ok(j --json --decisions ${OUT}/d.jsonl --policy ${PLUGIN})
  run_ok(summary --policy ${PLUGIN})
  file(STRINGS ${OUT}/d.jsonl lines)
  set(n 0)
  set(obeyed 0)
  foreach(l ${lines})
    math(EXPR n "${n} + 1")
    if(NOT l MATCHES "\"answer\": (-?[0-9]+), \"cpu\": ([0-9]+), \"path\": \"([a-z_]+)\", \"fallback\": (true|false)")
      message(FATAL_ERROR "unexpected decision line: ${l}")
    endif()
    set(answer ${CMAKE_MATCH_1})
    set(cpu ${CMAKE_MATCH_2})
    set(path ${CMAKE_MATCH_3})
    set(fb ${CMAKE_MATCH_4})
    if(MODE STREQUAL "fixed")
      if(fb STREQUAL "false")
        if(NOT cpu EQUAL 1 OR NOT answer EQUAL 1 OR NOT path STREQUAL "policy")
          message(FATAL_ERROR "CPU 1 not obeyed: ${l}")
        endif()
        math(EXPR obeyed "${obeyed} + 1")
      elseif(NOT path STREQUAL "fallback")
        message(FATAL_ERROR "a fallback not logged as such: ${l}")
      endif()
    elseif(fb STREQUAL "false" OR NOT path STREQUAL "fallback")
      message(FATAL_ERROR "answer ${answer} was not replaced: ${l}")
    endif()
  endforeach()
  if(n EQUAL 0)
    message(FATAL_ERROR "no placement logged")
  endif()
  if(MODE STREQUAL "fixed" AND obeyed EQUAL 0)
    message(FATAL_ERROR "no placement on CPU 1")
  endif()
  math(EXPR fallbacks "${n} - ${obeyed}")
  if(NOT summary MATCHES "placement policy [a-z0-9]+: ${fallbacks} answers outside the task's allowed online CPUs \\(or errors\\) replaced by select_fallback_rq\\(\\)")
    message(FATAL_ERROR "the summary does not count ${fallbacks} fallbacks:\n${summary}")
  endif()
  message(STATUS "${n} placements, ${obeyed} on CPU 1, ${fallbacks} fallbacks")
elseif(MODE STREQUAL "bad")
  run(o rc e --policy ${PLUGIN})
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "exit ${rc} (expected 1)\n${e}")
  endif()
  if(NOT e MATCHES "${EXPECT}")
    message(FATAL_ERROR "stderr does not match '${EXPECT}':\n${e}")
  endif()
  message(STATUS "refused: ${e}")
else()
  message(FATAL_ERROR "check.cmake: unknown MODE '${MODE}'")
endif()
