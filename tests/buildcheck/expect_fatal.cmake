# SPDX-License-Identifier: MIT
# cmake -DPROG=<exe> -DPATTERN=<regex> -P expect_fatal.cmake
# Passes when PROG exits non-zero and its stderr matches PATTERN.
execute_process(COMMAND ${PROG} RESULT_VARIABLE rc ERROR_VARIABLE err
  OUTPUT_VARIABLE out)
if(rc EQUAL 0)
  message(FATAL_ERROR "${PROG} exited 0: the sanitizer did not stop it\n${out}${err}")
endif()
if(NOT err MATCHES "${PATTERN}")
  message(FATAL_ERROR "${PROG} failed (${rc}) without '${PATTERN}':\n${err}")
endif()
message(STATUS "${PROG}: stopped as expected (exit ${rc})")
