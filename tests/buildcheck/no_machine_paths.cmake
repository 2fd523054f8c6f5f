# SPDX-License-Identifier: MIT
# cmake -DSRC=<repo> -P no_machine_paths.cmake
#
# No file of the source tree names a path of a developer's machine
# (under work, home or tmp at the root): documentation cites sources, tests read
# only files inside the repository (tests/data) and make scratch files with
# mkstemp()/mkdtemp() under $TMPDIR. Build trees and .git are not scanned.
cmake_minimum_required(VERSION 3.16)
if(NOT SRC)
  message(FATAL_ERROR "no_machine_paths.cmake: SRC not given")
endif()
set(files)
foreach(top include lib tools tests docs examples bench cmake)
  file(GLOB_RECURSE f LIST_DIRECTORIES false ${SRC}/${top}/*)
  list(APPEND files ${f})
endforeach()
file(GLOB f LIST_DIRECTORIES false ${SRC}/*)
list(APPEND files ${f})
set(fail 0)
foreach(p ${files})
  file(RELATIVE_PATH rel ${SRC} ${p})
  if(rel MATCHES "^(build[^/]*/|\\.git)" OR rel MATCHES "^tests/fuzz/corpus/")
    continue()
  endif()
  file(STRINGS ${p} hits REGEX "/(work|home|tmp)/[A-Za-z_.]")
  foreach(h ${hits})
    message(SEND_ERROR "${rel}: names a machine path: ${h}")
    set(fail 1)
  endforeach()
endforeach()
if(fail)
  message(FATAL_ERROR "machine paths found in the source tree")
endif()
list(LENGTH files n)
message(STATUS "${n} files scanned, no machine path")
