# SPDX-License-Identifier: MIT
# cmake -DSRC=<repo> -DNM=<nm> -DCORE_LIB=<libeas> [-DJSON_LIB=..]
#       [-DSIM_LIB=..] -DJSON_HEADERS=a.h|b.h -DSIM_HEADERS=c.h|d.h
#       -P api_defined.cmake
#
# Every function a public header declares with EAS_API is defined (exported
# text symbol) by the library of the header's layer: the core's headers by
# libeas, EAS_JSON_HEADERS by libeas-json, EAS_SIM_HEADERS by libeas-sim
# (CMakeLists.txt). Catches a declaration nobody implements, a misspelt
# definition, and a hosted header missing from those lists.
cmake_minimum_required(VERSION 3.16)
foreach(v SRC NM CORE_LIB)
  if(NOT ${v})
    message(FATAL_ERROR "api_defined.cmake: ${v} not given")
  endif()
endforeach()
string(REPLACE "|" ";" JSON_HEADERS "${JSON_HEADERS}")
string(REPLACE "|" ";" SIM_HEADERS "${SIM_HEADERS}")

function(defined_syms lib var)
  set(syms)
  if(lib AND EXISTS ${lib})
    execute_process(COMMAND ${NM} --defined-only ${lib} OUTPUT_VARIABLE o
      RESULT_VARIABLE rc)
    if(lib MATCHES "\\.so")
      execute_process(COMMAND ${NM} -D --defined-only ${lib}
        OUTPUT_VARIABLE o RESULT_VARIABLE rc)
    endif()
    string(REGEX MATCHALL "[0-9a-fA-F]+ [TW] eas_[a-z0-9_]+" m "${o}")
    foreach(x ${m})
      string(REGEX REPLACE ".* " "" x "${x}")
      list(APPEND syms ${x})
    endforeach()
  endif()
  set(${var} "${syms}" PARENT_SCOPE)
endfunction()
defined_syms("${CORE_LIB}" core_syms)
defined_syms("${JSON_LIB}" json_syms)
defined_syms("${SIM_LIB}" sim_syms)

file(GLOB hdrs ${SRC}/include/libeas/*.h)
list(SORT hdrs)
set(fail 0)
set(n 0)
foreach(h ${hdrs})
  get_filename_component(hn ${h} NAME)
  if(hn IN_LIST JSON_HEADERS)
    set(layer json)
    set(lib "${JSON_LIB}")
  elseif(hn IN_LIST SIM_HEADERS)
    set(layer sim)
    set(lib "${SIM_LIB}")
  else()
    set(layer core)
    set(lib "${CORE_LIB}")
  endif()
  if(NOT lib)
    continue() # the layer is not built here
  endif()
  file(READ ${h} text)
  # Drop comments so that prose mentioning EAS_API does not count.
  string(REGEX REPLACE "/\\*([^*]|\\*+[^*/])*\\*+/" "" text "${text}")
  string(REGEX MATCHALL "EAS_API[^;(#]*[ *\t\n]eas_[a-z0-9_]+[ \t\n]*\\("
    decls "${text}")
  foreach(d ${decls})
    string(REGEX MATCH "eas_[a-z0-9_]+[ \t\n]*\\($" f "${d}")
    string(REGEX REPLACE "[ \t\n]*\\($" "" f "${f}")
    math(EXPR n "${n} + 1")
    if(NOT f IN_LIST ${layer}_syms)
      message(SEND_ERROR "${hn} declares ${f}() but lib${layer} "
        "(${lib}) does not define it")
      set(fail 1)
    endif()
  endforeach()
endforeach()
if(fail)
  message(FATAL_ERROR "public API check failed")
endif()
message(STATUS "${n} EAS_API functions declared, each defined by its layer's library")
