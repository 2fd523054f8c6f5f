# SPDX-License-Identifier: MIT
# cmake -DARCHIVE=<lib.a> -DNM=<nm> -DOBJDUMP=<objdump> [-DEXTRA_ALLOWED=a;b]
#       -P check_symbols.cmake
#
# Freestanding proof on an archive of the core:
#  1. external symbols (nm -u minus what the archive defines) are only memcpy, memset, memmove, memcmp
#     (what gcc/clang may emit for struct copies and zeroing even under
#     -ffreestanding) plus EXTRA_ALLOWED;
#  2. no writable data: no symbol of type D/d/B/b/C/G/g/S/s, and no
#     non-empty .data/.bss/.sdata/.sbss/.tdata/.tbss section. Exception:
#     .data.rel.ro* holds const tables of pointers in PIC/PIE objects; it is
#     read-only after relocation, so a 'd' symbol there is accepted.
cmake_minimum_required(VERSION 3.16)
foreach(v ARCHIVE NM OBJDUMP)
  if(NOT ${v})
    message(FATAL_ERROR "check_symbols.cmake: ${v} not given")
  endif()
endforeach()
if(NOT EXISTS "${ARCHIVE}")
  message(FATAL_ERROR "check_symbols.cmake: ${ARCHIVE} does not exist")
endif()
set(allowed memcpy memset memmove memcmp ${EXTRA_ALLOWED})
set(fail 0)

execute_process(COMMAND ${NM} -u ${ARCHIVE} OUTPUT_VARIABLE out
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -u ${ARCHIVE} failed")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(undef)
foreach(l ${lines})
  if(l MATCHES "^[ \t]*[Uw][ \t]+([^ \t]+)$")
    list(APPEND undef ${CMAKE_MATCH_1})
  endif()
endforeach()
# An archive lists per object what it needs; what another object of the
# archive defines is not external.
execute_process(COMMAND ${NM} --defined-only ${ARCHIVE} OUTPUT_VARIABLE out
  RESULT_VARIABLE rc)
string(REPLACE "\n" ";" lines "${out}")
set(defined)
foreach(l ${lines})
  if(l MATCHES "^[0-9a-fA-F]+ [A-Z] ([^ \t]+)$")
    list(APPEND defined ${CMAKE_MATCH_1})
  endif()
endforeach()
list(REMOVE_DUPLICATES undef)
if(defined)
  list(REMOVE_ITEM undef ${defined})
endif()
list(SORT undef)
foreach(s ${undef})
  if(NOT s IN_LIST allowed)
    message(SEND_ERROR "undefined symbol not allowed in the core: ${s}")
    set(fail 1)
  endif()
endforeach()
string(REPLACE ";" " " _u "${undef}")
message(STATUS "undefined symbols: ${_u}")

# Symbol table with sections (objdump -t: value flags section size name).
execute_process(COMMAND ${OBJDUMP} -t ${ARCHIVE} OUTPUT_VARIABLE out
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OBJDUMP} -t ${ARCHIVE} failed")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(obj "?")
foreach(l ${lines})
  if(l MATCHES "^([^ ]+\\.o):[ \t]+file format")
    set(obj "${CMAKE_MATCH_1}")
  elseif(l MATCHES "^[0-9a-fA-F]+ (.......) ([^ \t]+)[ \t]+[0-9a-fA-F]+ (.*)$")
    set(flags "${CMAKE_MATCH_1}")
    set(sec "${CMAKE_MATCH_2}")
    set(name "${CMAKE_MATCH_3}")
    if(sec MATCHES "^\\.data\\.rel\\.ro")
      continue()
    endif()
    if(sec MATCHES "^\\.(s?data|s?bss|tdata|tbss)(\\.|$)" OR sec STREQUAL "*COM*")
      if(NOT flags MATCHES "[df]")
        message(SEND_ERROR
          "writable data in the core: ${obj}: '${name}' in section ${sec}")
        set(fail 1)
      endif()
    endif()
  endif()
endforeach()

# Anonymous writable data has no symbol: look at the section sizes too.
execute_process(COMMAND ${OBJDUMP} -h ${ARCHIVE} OUTPUT_VARIABLE out
  RESULT_VARIABLE rc)
string(REPLACE "\n" ";" lines "${out}")
set(obj "?")
foreach(l ${lines})
  if(l MATCHES "^([^ ]+\\.o):[ \t]+file format")
    set(obj "${CMAKE_MATCH_1}")
  elseif(l MATCHES "^ +[0-9]+ ([^ ]+) +([0-9a-fA-F]+) ")
    set(sec "${CMAKE_MATCH_1}")
    set(size "${CMAKE_MATCH_2}")
    if(sec MATCHES "^\\.data\\.rel\\.ro")
      continue()
    endif()
    if(sec MATCHES "^\\.(s?data|s?bss|tdata|tbss)(\\.|$)"
        AND NOT size MATCHES "^0+$")
      message(SEND_ERROR
        "writable section in the core: ${obj}: ${sec} has 0x${size} bytes")
      set(fail 1)
    endif()
  endif()
endforeach()

if(fail)
  message(FATAL_ERROR "${ARCHIVE}: the core is not freestanding (see above)")
endif()
message(STATUS "${ARCHIVE}: only ${allowed} may be undefined; no writable data: OK")
