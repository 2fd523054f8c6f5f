# SPDX-License-Identifier: MIT
# cmake -DCC=<c compiler> [-DCXX=<c++ compiler>] [-DCLANG=<clang>]
#       -DSRC=<repo> -DOUT=<dir> -P headers.cmake
#
# Every public header include/libeas/*.h (globbed now) must
#  - compile alone, included twice (include guard), as C11 with
#    the project's and the core's warnings (cmake/warnings.sh) and -Werror,
#    by CC and, when given, by clang;
#  - compile alone as C++11 (-Wall -Wextra -Wpedantic -Werror) when CXX is
#    given;
#  - wrap its declarations in extern "C" when it declares EAS_API functions.
# The umbrella libeas/libeas.h must include every core header (all but
# HOSTED_HEADERS, a "|"-separated list of names) and no hosted one.
cmake_minimum_required(VERSION 3.16)
foreach(v CC SRC OUT)
  if(NOT ${v})
    message(FATAL_ERROR "headers.cmake: ${v} not given")
  endif()
endforeach()
file(GLOB hdrs RELATIVE ${SRC}/include ${SRC}/include/libeas/*.h)
list(SORT hdrs)
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
include(${SRC}/cmake/EasWarnings.cmake)
set(cflags -std=c11 ${EAS_WARNING_FLAGS} ${EAS_CORE_WARNING_FLAGS} -Werror
  -fsyntax-only -I${SRC}/include)
set(cxxflags -std=c++11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only
  -I${SRC}/include)
set(fail 0)
set(n 0)
foreach(h ${hdrs})
  string(MAKE_C_IDENTIFIER "${h}" id)
  set(tu ${OUT}/${id}.c)
  file(WRITE ${tu} "#include <${h}>\n#include <${h}>\n"
    "typedef int header_check_${id};\n")
  set(runs "CC")
  if(CLANG)
    list(APPEND runs CLANG)
  endif()
  if(CXX)
    list(APPEND runs CXX)
  endif()
  foreach(r ${runs})
    if(r STREQUAL "CXX")
      set(cmd ${CXX} ${cxxflags} -x c++ ${tu})
    else()
      set(cmd ${${r}} ${cflags} -x c ${tu})
    endif()
    execute_process(COMMAND ${cmd} RESULT_VARIABLE rc ERROR_VARIABLE err
      OUTPUT_VARIABLE out)
    if(NOT rc EQUAL 0)
      string(REPLACE ";" " " c "${cmd}")
      message(SEND_ERROR "${h} does not compile alone (${r}):\n${c}\n${err}")
      set(fail 1)
    endif()
    math(EXPR n "${n} + 1")
  endforeach()
  file(READ ${SRC}/include/${h} text)
  if(text MATCHES "EAS_API" AND NOT text MATCHES "extern \"C\"")
    message(SEND_ERROR "${h} declares EAS_API functions without extern \"C\"")
    set(fail 1)
  endif()
endforeach()
string(REPLACE "|" ";" hosted "${HOSTED_HEADERS}")
file(READ ${SRC}/include/libeas/libeas.h umbrella)
foreach(h ${hdrs})
  get_filename_component(name ${h} NAME)
  if(name STREQUAL "libeas.h")
    continue()
  endif()
  string(FIND "${umbrella}" "#include <${h}>" at)
  list(FIND hosted ${name} is_hosted)
  if(is_hosted EQUAL -1 AND at EQUAL -1)
    message(SEND_ERROR "libeas/libeas.h does not include core header ${h}")
    set(fail 1)
  elseif(NOT is_hosted EQUAL -1 AND NOT at EQUAL -1)
    message(SEND_ERROR "libeas/libeas.h includes hosted header ${h}")
    set(fail 1)
  endif()
endforeach()
list(LENGTH hdrs nh)
if(fail)
  message(FATAL_ERROR "public header check failed")
endif()
string(REPLACE ";" ", " r "${runs}")
message(STATUS "${nh} public headers compile alone (${r}): ${n} compiles OK")
