# SPDX-License-Identifier: MIT
# cmake -DLIBS=<a.so|b.so> -DNM=<nm> -DOBJDUMP=<objdump>
#       -DSOVERSION=<0.2|1> -P shared_exports.cmake
#
# A shared libeas exports exactly its EAS_API functions: every dynamic
# symbol it defines starts with "eas_" (never the internal "eas__"), apart
# from the linker's own section markers.
#
# Its SONAME is lib<name>.so.<SOVERSION>: while the version is 0.x the
# SONAME carries the minor (libeas.so.0.2), so the loader never pairs a
# program built against 0.1 with an incompatible 0.2.
cmake_minimum_required(VERSION 3.16)
if(NOT LIBS OR NOT NM OR NOT OBJDUMP OR NOT SOVERSION)
  message(FATAL_ERROR
    "shared_exports.cmake: LIBS, NM, OBJDUMP and SOVERSION are required")
endif()
string(REPLACE "|" ";" LIBS "${LIBS}")
set(linker_syms _init _fini _edata _end __bss_start)
set(fail 0)
foreach(lib ${LIBS})
  execute_process(COMMAND ${NM} -D --defined-only ${lib}
    OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NM} -D ${lib} failed")
  endif()
  string(REPLACE "\n" ";" lines "${out}")
  set(n 0)
  foreach(l ${lines})
    if(NOT l MATCHES "^[0-9a-fA-F]* *([A-Za-z]) (.+)$")
      continue()
    endif()
    set(name "${CMAKE_MATCH_2}")
    string(REGEX REPLACE "@.*" "" name "${name}")
    if(name IN_LIST linker_syms)
      continue()
    endif()
    if(NOT name MATCHES "^eas_[A-Za-z0-9]" )
      message(SEND_ERROR "${lib} exports '${name}': only eas_* (EAS_API) may be exported")
      set(fail 1)
    else()
      math(EXPR n "${n} + 1")
    endif()
  endforeach()
  if(n EQUAL 0)
    message(STATUS "note: ${lib} exports nothing (no EAS_API function yet?)")
  endif()
  get_filename_component(b ${lib} NAME)
  message(STATUS "${b}: ${n} exported symbols, all eas_*")
  execute_process(COMMAND ${OBJDUMP} -p ${lib}
    OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "SONAME +([^\n]+)")
    message(SEND_ERROR "${lib}: no SONAME (${OBJDUMP} -p)")
    set(fail 1)
  else()
    set(soname "${CMAKE_MATCH_1}")
    string(REGEX REPLACE "\\.so.*$" "" stem "${b}")
    if(NOT soname STREQUAL "${stem}.so.${SOVERSION}")
      message(SEND_ERROR "${lib}: SONAME ${soname}, expected "
        "${stem}.so.${SOVERSION} (0.x: the minor is part of the ABI version)")
      set(fail 1)
    else()
      message(STATUS "${b}: SONAME ${soname}")
    endif()
  endif()
endforeach()
if(fail)
  message(FATAL_ERROR "shared library exports check failed")
endif()
