# SPDX-License-Identifier: MIT
# cmake -DCC=<gcc> -DSRC=<repo> -DOUT=<dir> -DNM=.. -DOBJDUMP=.. -DAR=..
#       [-DGENERAL_REGS_ONLY=ON] -P freestanding.cmake
#
# Compiles every lib/core/*.c (globbed now, so it follows the tree) the way a
# firmware build would:
#   -std=c11 -ffreestanding -fno-builtin -nostdlib -fno-stack-protector
#   -mgeneral-regs-only (x86-64/arm64 gcc: any float or double is an error)
#   the project's warnings + the core's (cmake/warnings.sh), -Werror;
# checks that project files include only the C11 freestanding headers (the
# ones a bare-metal compiler ships: float.h iso646.h limits.h stdalign.h
# stdarg.h stdbool.h stddef.h stdint.h stdnoreturn.h); links the objects
# into one relocatable object with -nostdlib -r (nothing else is linked in)
# and runs check_symbols.cmake on the archive of the objects.
cmake_minimum_required(VERSION 3.16)
foreach(v CC SRC OUT NM OBJDUMP AR)
  if(NOT ${v})
    message(FATAL_ERROR "freestanding.cmake: ${v} not given")
  endif()
endforeach()
file(GLOB srcs ${SRC}/lib/core/*.c)
list(SORT srcs)
if(NOT srcs)
  message(FATAL_ERROR "no lib/core/*.c")
endif()
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})

include(${SRC}/cmake/EasWarnings.cmake)
set(flags -std=c11 -ffreestanding -fno-builtin -nostdlib -fno-stack-protector
  -O2 ${EAS_WARNING_FLAGS} ${EAS_CORE_WARNING_FLAGS} -Werror
  -I${SRC}/include -I${SRC}/lib/core)
if(GENERAL_REGS_ONLY)
  list(APPEND flags -mgeneral-regs-only)
endif()
set(freestanding_headers float.h iso646.h limits.h stdalign.h stdarg.h
  stdbool.h stddef.h stdint.h stdnoreturn.h)
get_filename_component(src_real ${SRC} REALPATH)

set(objs)
set(fail 0)
foreach(s ${srcs})
  get_filename_component(n ${s} NAME_WE)
  set(o ${OUT}/${n}.o)
  execute_process(COMMAND ${CC} ${flags} -H -c ${s} -o ${o}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  # -H prints one line per header, dots = depth. Any header that a project
  # file includes directly must be a project header or freestanding.
  string(REPLACE ";" "<semicolon>" err "${err}")
  string(REPLACE "\n" ";" lines "${err}")
  set(parent_0 "${s}")
  set(diag "")
  foreach(l ${lines})
    if(l MATCHES "^(\\.+) (.*)$")
      string(LENGTH "${CMAKE_MATCH_1}" depth)
      set(h "${CMAKE_MATCH_2}")
      math(EXPR up "${depth} - 1")
      set(par "${parent_${up}}")
      set(parent_${depth} "${h}")
      get_filename_component(par_real "${par}" REALPATH)
      get_filename_component(h_real "${h}" REALPATH)
      string(FIND "${par_real}" "${src_real}/" par_in)
      string(FIND "${h_real}" "${src_real}/" h_in)
      get_filename_component(hn "${h}" NAME)
      if(par_in EQUAL 0 AND NOT h_in EQUAL 0
          AND NOT hn IN_LIST freestanding_headers)
        message(SEND_ERROR "${par} includes ${h}: not a C11 freestanding "
          "header (the core may use only ${freestanding_headers})")
        set(fail 1)
      endif()
    else()
      string(REPLACE "<semicolon>" ";" l "${l}")
      string(APPEND diag "${l}\n")
    endif()
  endforeach()
  if(NOT rc EQUAL 0)
    message(SEND_ERROR "${s} does not compile freestanding:\n${diag}")
    set(fail 1)
  endif()
  list(APPEND objs ${o})
endforeach()
if(fail)
  string(REPLACE ";" " " f "${flags}")
  message(FATAL_ERROR "freestanding compile failed (flags: ${f})")
endif()

# Link the objects together and nothing else: a relocatable object.
execute_process(COMMAND ${CC} -nostdlib -r -o ${OUT}/eas_core_all.o ${objs}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "partial link failed: ${err}")
endif()
execute_process(COMMAND ${AR} rcs ${OUT}/libeas-freestanding.a ${objs}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${AR} failed")
endif()
list(LENGTH objs nobj)
message(STATUS "${nobj} core files compile with -ffreestanding -nostdlib"
  " ${GENERAL_REGS_ONLY_MSG}and link alone")
execute_process(COMMAND ${CMAKE_COMMAND} -DARCHIVE=${OUT}/libeas-freestanding.a
  -DNM=${NM} -DOBJDUMP=${OBJDUMP}
  -P ${CMAKE_CURRENT_LIST_DIR}/check_symbols.cmake RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "symbol check failed")
endif()
