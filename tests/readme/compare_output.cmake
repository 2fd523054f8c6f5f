# SPDX-License-Identifier: MIT
# Runs `eas ARGS` and compares its stdout with the README block in EXPECTED.
#   -DEAS=<eas binary> -DARGS=<;-list> -DEXPECTED=<file>
execute_process(COMMAND ${EAS} ${ARGS} RESULT_VARIABLE rc
  OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "eas ${ARGS}: exit ${rc}\n${err}")
endif()
file(READ ${EXPECTED} want)
if(NOT out STREQUAL want)
  message(FATAL_ERROR "README.md shows another output than `eas ${ARGS}`:\n"
    "--- README\n${want}--- eas\n${out}")
endif()
