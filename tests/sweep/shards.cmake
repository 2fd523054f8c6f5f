# SPDX-License-Identifier: MIT
# `eas sweep LIST` sharding: the N shards' outputs, concatenated, are the
# unsharded run's lines (as a multiset: sorted, equal), each shard holds
# exactly the cases whose index mod N is I-1 (so shards are disjoint),
# --out FILE writes what stdout gets, and one case's "result" is the
# `eas simulate --json` document of that case on one line.
#   -DEAS=<eas binary> -DLIST=<list file> -DN=<shard count>
#   -DARGS=<;-list of extra arguments, e.g. --duration-ms;300>
#   -DWORK=<scratch directory>
#   [-DSIM=<;-list: eas simulate arguments equal to case 0>]
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
function(run out)
  execute_process(COMMAND ${EAS} sweep ${LIST} ${ARGS} ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "eas sweep ${ARGN}: exit ${rc}\n${e}")
  endif()
  set(${out} "${o}" PARENT_SCOPE)
endfunction()
# lines of a text as a sorted CMake list (lines hold no ';')
function(lines text out)
  string(FIND "${text}" ";" _semi)
  if(NOT _semi EQUAL -1)
    message(FATAL_ERROR "a line holds ';'")
  endif()
  string(REGEX REPLACE "\n$" "" text "${text}")
  if(text STREQUAL "")
    set(${out} "" PARENT_SCOPE)
    return()
  endif()
  string(REPLACE "\n" ";" l "${text}")
  list(SORT l)
  set(${out} "${l}" PARENT_SCOPE)
endfunction()

run(all)
lines("${all}" all_l)
list(LENGTH all_l nall)
if(nall LESS 2)
  message(FATAL_ERROR "expected several cases, got ${nall}:\n${all}")
endif()
set(cat "")
set(total 0)
math(EXPR last "${N} - 1")
foreach(i RANGE 0 ${last})
  math(EXPR I "${i} + 1")
  run(part --shard ${I}/${N})
  lines("${part}" part_l)
  foreach(l IN LISTS part_l)
    if(NOT l MATCHES "^{\"case\":([0-9]+),")
      message(FATAL_ERROR "shard ${I}/${N}: not a case line: ${l}")
    endif()
    math(EXPR m "${CMAKE_MATCH_1} % ${N}")
    if(NOT m EQUAL i)
      message(FATAL_ERROR "shard ${I}/${N} ran case ${CMAKE_MATCH_1}")
    endif()
  endforeach()
  list(LENGTH part_l np)
  math(EXPR total "${total} + ${np}")
  string(APPEND cat "${part}")
endforeach()
lines("${cat}" cat_l)
if(NOT total EQUAL nall OR NOT "${cat_l}" STREQUAL "${all_l}")
  message(FATAL_ERROR "the ${N} shards (${total} lines) are not the "
    "unsharded run (${nall} lines):\n--- shards\n${cat}\n--- all\n${all}")
endif()
# --out FILE
run(o --out ${WORK}/all.jsonl)
if(NOT o STREQUAL "")
  message(FATAL_ERROR "--out: stdout not empty:\n${o}")
endif()
file(READ ${WORK}/all.jsonl f)
if(NOT f STREQUAL all)
  message(FATAL_ERROR "--out FILE differs from stdout")
endif()
# case 0's result = eas simulate --json on one line
if(DEFINED SIM)
  execute_process(COMMAND ${EAS} simulate ${SIM} --json
    RESULT_VARIABLE rc OUTPUT_VARIABLE s)
  string(REGEX REPLACE "\n *" "" s "${s}")
  string(FIND "${all}" "\"result\":${s}}\n" at)
  if(NOT rc EQUAL 0 OR at EQUAL -1)
    message(FATAL_ERROR "case 0's result is not eas simulate's "
      "(${SIM}):\n${s}\n--- sweep\n${all}")
  endif()
endif()
file(REMOVE_RECURSE ${WORK})
